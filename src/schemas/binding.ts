/** The inputs of a `DomainCallbackBinding`: the single source of their types and rules. */
import { z } from "zod";
import type { DomainCallbackBindingArgsShape, DomainCallbackBindingInputs } from "./bindingInputs";
import { appName, domainName, templateId } from "./rules";
import type { Assert, SameType } from "./sameType";

export type { DomainCallbackBindingArgsShape, DomainCallbackBindingInputs } from "./bindingInputs";

/**
 * Validation schema of {@link DomainCallbackBindingInputs}, where each property's rule is
 * documented for users (the schema only enforces it).
 */
export const domainCallbackBindingSchema = z.object({
  domainName,
  appName: appName.default("live"),
  templateId,
  adopt: z.boolean({ error: "must be true or false" }).optional(),
});

/**
 * Compile-time proof that the documented interfaces are exactly what the schema accepts
 * ({@link DomainCallbackBindingArgsShape}) and returns ({@link DomainCallbackBindingInputs}):
 * `tsc` fails when they drift apart.
 */
export type DomainCallbackBindingInputsMatchSchema = [
  Assert<SameType<DomainCallbackBindingArgsShape, z.input<typeof domainCallbackBindingSchema>>>,
  Assert<SameType<DomainCallbackBindingInputs, z.output<typeof domainCallbackBindingSchema>>>,
];
