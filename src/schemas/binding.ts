/** The inputs of a `DomainCallbackBinding`: the single source of their types and rules. */
import { z } from "zod";
import { appName, domainName, templateId } from "./rules";

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

/** Checked inputs of a `DomainCallbackBinding` (after defaults). */
export type DomainCallbackBindingInputs = z.infer<typeof domainCallbackBindingSchema>;

/** Inputs of a `DomainCallbackBinding` as a program writes them (before defaults). */
export type DomainCallbackBindingArgsShape = z.input<typeof domainCallbackBindingSchema>;
