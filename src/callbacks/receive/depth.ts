/**
 * How deeply a parsed body nests. `JSON.parse` reads any depth, but everything after it that
 * walks the value recursively (the duplicate key's canonical JSON, a schema, the application's
 * own code) overflows the stack on a body such as `[[[[…]]]]` 100 000 levels deep. Real events
 * nest four levels at most, so a receiver refuses deep bodies before anything walks them.
 */

/** Deepest nesting a receiver accepts: objects and arrays inside one another. */
export const MAX_CALLBACK_BODY_DEPTH = 64;

/**
 * True when `value` nests objects or arrays more than `limit` levels deep. Walks the value with
 * an explicit stack, so it cannot overflow itself, and stops at the first path past the limit.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== "object" || current === null) continue;
    if (depth + 1 > limit) return true;
    const children: unknown[] = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) {
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
