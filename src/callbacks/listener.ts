/**
 * Calling the application's listeners (`onReject`, `onError`) so that their failures stay
 * theirs: a listener that throws, or returns a promise that rejects (an async function whose
 * metrics backend is down), must neither change the answer nor end the process with an
 * unhandled rejection. `onReject` runs for every unauthenticated request, so anyone on the
 * internet can make it run.
 */

/**
 * Runs `call` and ignores whatever goes wrong in it, synchronously or later: a thenable it
 * returns gets a rejection handler. Never throws.
 */
export function callListener(call: () => unknown): void {
  let result: unknown;
  try {
    result = call();
  } catch {
    return;
  }
  if (
    (typeof result === "object" || typeof result === "function") &&
    result !== null &&
    typeof (result as { then?: unknown }).then === "function"
  ) {
    // Promise.resolve adopts any thenable, including one whose `then` throws.
    Promise.resolve(result as PromiseLike<unknown>).catch(() => undefined);
  }
}
