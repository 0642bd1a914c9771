/**
 * The inputs of a `DomainCallbackBinding` as documented types, so editors show each rule on
 * hover from the published `.d.ts`. The zod schema in `binding.ts` enforces the rules; a
 * compile-time check there keeps these equal to its input and output types. Object types rather
 * than interfaces: like the types zod infers, they are assignable to `Record<string, unknown>`.
 */

/**
 * Inputs of a `DomainCallbackBinding` as a program writes them. Every rule is checked at
 * `pulumi preview` time, and a failure names the property, the rule and the value.
 */
export type DomainCallbackBindingArgsShape = {
  /**
   * Push domain whose streams report to the template, e.g. `push.example.com`. Required. A
   * valid host name with at least two labels (letters, digits and inner hyphens); stored in
   * lower case. A new domain replaces the binding.
   */
  domainName: string;
  /**
   * Push path (`AppName`). Default `live`. Not empty, no `/`, no whitespace, at most 128
   * characters. A new app name replaces the binding.
   */
  appName?: string;
  /**
   * Id of the callback template, normally `template.templateId` (which also makes Pulumi
   * create the template first and delete the binding first). Required; a positive integer. A
   * new id re-points the rule in place.
   */
  templateId: number;
  /**
   * Re-point an existing rule for this domain and app that uses another template, instead of
   * refusing to create. Default `false`.
   */
  adopt?: boolean;
};

/** Checked inputs of a `DomainCallbackBinding`: {@link DomainCallbackBindingArgsShape} after defaults. */
export type DomainCallbackBindingInputs = {
  /** Push domain, in lower case. See {@link DomainCallbackBindingArgsShape.domainName}. */
  domainName: string;
  /** Push path (`AppName`); `live` when the program left it out. */
  appName: string;
  /** Id of the callback template. See {@link DomainCallbackBindingArgsShape.templateId}. */
  templateId: number;
  /** See {@link DomainCallbackBindingArgsShape.adopt}. */
  adopt?: boolean;
};
