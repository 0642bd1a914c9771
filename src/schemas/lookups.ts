/**
 * The arguments of the lookups: the single source of their rules, shared by the TypeScript
 * lookups and the provider plugin's functions. Unknown argument names are refused (an `invoke`
 * from YAML or another language has no compiler to catch a misspelt one).
 */
import { z } from "zod";
import type { BindingLookupArgs, TemplateLookupArgs } from "./lookupInputs";
import { domainName, templateId } from "./rules";
import type { Assert, SameType } from "./sameType";

export type { BindingLookupArgs, TemplateLookupArgs } from "./lookupInputs";

/** `getCallbackTemplates` takes no arguments. */
export const templatesLookupSchema = z.strictObject({});

/**
 * Validation schema of {@link TemplateLookupArgs}. That exactly one is given is a rule across
 * properties, checked by the lookup (see `src/lookups/core.ts`).
 */
export const templateLookupSchema = z.strictObject({
  templateId: templateId.optional(),
  // Any name the API holds can be looked up, so only emptiness is refused here: a template made
  // elsewhere may carry a name the resources would not accept.
  templateName: z
    .string({ error: "must be a string" })
    .refine((s) => s.length > 0, { message: "must not be empty" })
    .optional(),
});

/** Validation schema of {@link BindingLookupArgs}. */
export const bindingLookupSchema = z.strictObject({
  domainName: domainName.optional(),
  templateId: templateId.optional(),
});

/** Compile-time proof that the documented types are what the schemas accept. */
export type LookupArgsMatchSchemas = [
  Assert<SameType<TemplateLookupArgs, z.input<typeof templateLookupSchema>>>,
  Assert<SameType<BindingLookupArgs, z.input<typeof bindingLookupSchema>>>,
];
