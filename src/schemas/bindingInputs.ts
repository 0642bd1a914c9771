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
   * lower case, and an existing rule is found however its domain is spelled. A new domain
   * replaces the binding.
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
   * Take over the existing rule for this domain and app (re-pointed to `templateId` if it uses
   * another template; nothing is written if it already points there) instead of refusing to
   * create. Default `false`: an existing rule is never taken over without it. The domain matches
   * in any letter case. Read only at create time, so it never causes a diff.
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
