/**
 * The arguments of the lookups as documented types: the TypeScript lookups take them, and the
 * provider plugin's functions declare them in its schema with these descriptions. The zod
 * schemas in `lookups.ts` enforce the rules; a compile-time check there keeps the two equal.
 */

/**
 * Which template `getCallbackTemplate` looks for: exactly one of `templateId` and
 * `templateName`.
 */
export type TemplateLookupArgs = {
  /**
   * Id of the template (`TemplateId`); a positive integer. Give this or `templateName`, not
   * both.
   */
  templateId?: number;
  /**
   * Name of the template (`TemplateName`), matched exactly; not empty. Give this or
   * `templateId`, not both. The lookup fails when no template, or more than one, has the name.
   */
  templateName?: string;
};

/** Filters of `getCallbackBindings`; without any, every binding of the account. */
export type BindingLookupArgs = {
  /**
   * Only the bindings of this push domain, e.g. `push.example.com`: a valid host name, matched
   * in any letter case (results keep the API's spelling).
   */
  domainName?: string;
  /** Only the bindings that point to this template id; a positive integer. */
  templateId?: number;
};
