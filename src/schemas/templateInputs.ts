/**
 * The inputs of a `CallbackTemplate` as a documented type, so editors show each rule on
 * hover from the published `.d.ts` (types inferred from zod lose their comments there). The zod
 * schema in `template.ts` enforces the rules; a compile-time check there keeps the two equal.
 * An object type rather than an interface: like the type zod infers, it is assignable to
 * `Record<string, unknown>`, which the provider code relies on.
 */
import type { RECORD_EXCEPTION_LEVELS } from "../api/fields";

/** A recording exception level: which recording exceptions are reported. */
export type RecordExceptionLevel = (typeof RECORD_EXCEPTION_LEVELS)[number];

/**
 * Inputs of a `CallbackTemplate`. Every rule is checked at `pulumi preview` time, and a failure
 * names the property, the rule and the value. At least one of the `…NotifyUrl` properties must
 * be set. A URL property, when set, must be an absolute `http://` or `https://` URL with a host;
 * removing it from the program clears it in the cloud.
 */
export type CallbackTemplateInputs = {
  /**
   * Template name (`TemplateName`). Required. Chinese characters, letters, digits, `_` and `-`
   * only; at most 255 bytes in UTF-8 (a Chinese character takes 3), the API's limit. The
   * console accepts only 30 characters: a longer name is allowed (check says the console may not
   * edit it). Must be unique in the account: the library finds templates by name, and one
   * resource manages one name. A new name renames the template in place.
   */
  templateName: string;
  /**
   * Description. Same character set as `templateName` (no spaces); at most 1024 bytes in
   * UTF-8 (the console accepts 100 characters). Omit it for none.
   */
  description?: string;
  /**
   * Receives stream begin events (`event_type` 1: a push started). Absolute `http://` or
   * `https://` URL with a host.
   */
  streamBeginNotifyUrl?: string;
  /**
   * Receives stream end events (`event_type` 0: a push stopped). Absolute `http://` or
   * `https://` URL with a host.
   */
  streamEndNotifyUrl?: string;
  /**
   * Receives recording file events (`event_type` 100: a recording file is ready). Absolute
   * `http://` or `https://` URL with a host.
   */
  recordNotifyUrl?: string;
  /**
   * Receives recording status events (`event_type` 332). Absolute `http://` or `https://` URL
   * with a host. **Write-only**: the API never returns it, so a change made in the console
   * cannot be seen; it is compared with the last applied value and re-sent on every update.
   * Sent only when declared, or as `""` to clear a value this resource set before: adopting or
   * updating never clears a value the program never declared.
   */
  recordStatusNotifyUrl?: string;
  /**
   * Receives snapshot events (`event_type` 200). Absolute `http://` or `https://` URL with a
   * host.
   */
  snapshotNotifyUrl?: string;
  /**
   * Receives image (porn) audit events (`event_type` 317). Absolute `http://` or `https://`
   * URL with a host.
   */
  pornCensorshipNotifyUrl?: string;
  /**
   * Receives push exception events (`event_type` 321). Absolute `http://` or `https://` URL
   * with a host.
   */
  pushExceptionNotifyUrl?: string;
  /**
   * Receives audio audit events (`event_type` 315). Absolute `http://` or `https://` URL with
   * a host.
   */
  audioAuditNotifyUrl?: string;
  /**
   * Receives recording exception events (`event_type` 341) of the levels in
   * `recordExceptionLevels`. Absolute `http://` or `https://` URL with a host.
   */
  recordExceptionNotifyUrl?: string;
  /**
   * Which recording exceptions are sent to `recordExceptionNotifyUrl`: a list of `"error"`,
   * `"warning"` and `"info"`, without repeats. A level the API returns as `"alarm"` is read as
   * `"warning"`.
   */
  recordExceptionLevels?: RecordExceptionLevel[];
  /**
   * Key that signs every event: the receiver checks `sign = md5(key + t)`. Letters and digits
   * only; 1 to 32 characters. **Secret**: always encrypted in the state and masked in logs,
   * even when passed as a plain string. Omit it for unsigned events (not recommended).
   */
  callbackKey?: string;
  /**
   * Take over an existing template with the same name instead of refusing to create: it is
   * changed to match this declaration (nothing is written if it already does). Default
   * `false`: an existing template is never taken over without it, even an identical one. Read
   * only at create time, so it never causes a diff. For a resource renamed in the program, use
   * the `aliases` option instead.
   */
  adopt?: boolean;
};
