/**
 * Type-level equality, for the compile-time checks that keep the documented input interfaces
 * and the zod schemas in step: a property added to one side only, a different type, or a
 * different optional-ness makes `tsc` fail.
 */

/**
 * `true` when `A` and `B` are the same type, `false` otherwise. Unlike mutual assignability it
 * tells `{ a?: string }` from `{ a: string | undefined }`, and `readonly` from mutable.
 */
export type SameType<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when `T` is `true`: `type _ = Assert<SameType<A, B>>`. */
export type Assert<T extends true> = T;
