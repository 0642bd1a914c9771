/**
 * The compile-time check that keeps a documented interface and the zod schema that enforces it
 * equal, in a form that leaves no trace in declaration files: `schema satisfies
 * ExactSchema<typeof schema, Interface>` compiles only when they agree, and the exported value
 * can then be typed by the interface alone (the callback event schemas do this, so that no
 * `/callbacks` declaration mentions zod).
 */
import type { z } from "zod";
import type { SameType } from "./sameType";

/**
 * `S` when the zod schema `S` returns exactly `Out` and accepts exactly `In`; otherwise a type
 * that no schema satisfies, whose one property names the side that differs.
 */
export type ExactSchema<S extends z.ZodType, Out, In = Out> =
  SameType<Out, z.output<S>> extends true
    ? SameType<In, z.input<S>> extends true
      ? S
      : { "the schema's input type differs from": In }
    : { "the schema's output type differs from": Out };

/** Like {@link ExactSchema}, checking only what the schema returns (for schemas that convert). */
export type ExactOutputSchema<S extends z.ZodType, Out> =
  SameType<Out, z.output<S>> extends true ? S : { "the schema's output type differs from": Out };
