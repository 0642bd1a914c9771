/**
 * Running provider operations the way the Pulumi engine does: a fixed number of operations in
 * flight at once, each resource handled by its own call.
 */
import { availableParallelism } from "node:os";

/**
 * The engine's default parallelism for resource operations on this machine: 4 × CPUs.
 * Benchmarks and tests use it so that concurrency, not just volume, is exercised.
 */
export function engineConcurrency(): number {
  return 4 * availableParallelism();
}

/**
 * Calls `fn` on every item with at most `concurrency` calls in flight, and returns the results
 * in the items' order. Rejects with the first failure, after every started call has settled, so
 * that no call is left running behind a failed test.
 */
export async function runPool<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  async function worker(): Promise<void> {
    while (next < items.length && !failure) {
      const index = next++;
      try {
        results[index] = await fn(items[index], index);
      } catch (error) {
        failure ??= { error };
      }
    }
  }
  const workers = Math.max(1, Math.min(concurrency, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure) throw failure.error;
  return results;
}
