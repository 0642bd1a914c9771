/** The inputs of a `DomainCallbackBinding`: the single source of their types and rules. */
import { z } from "zod";
import type { DomainCallbackBindingArgsShape, DomainCallbackBindingInputs } from "./bindingInputs";
import { appName, domainName, templateId } from "./rules";
import type { Assert, SameType } from "./sameType";

export type { DomainCallbackBindingArgsShape, DomainCallbackBindingInputs } from "./bindingInputs";

/** Validation schema of {@link DomainCallbackBindingInputs}. */
export const domainCallbackBindingSchema = z.object({
  /** Push domain whose streams report to the template, e.g. `push.example.com`. */
  domainName,
  /** Push path (AppName); `live` unless the domain uses another. */
  appName: appName.default("live"),
  /** Id of the callback template, usually `template.templateId`. */
  templateId,
  /** Take over an existing rule for this domain and app that points at another template. */
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
