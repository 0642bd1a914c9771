/** What the lookups return: templates and bindings as the API holds them. */
import type { CallbackTemplateInputs } from "../schemas/templateInputs";

/**
 * A callback template as the API holds it, in the resources' property names. `callbackKey` is
 * a secret: do not log or export it as is.
 */
export type LiveCallbackTemplate = Omit<
  CallbackTemplateInputs,
  "adopt" | "recordStatusNotifyUrl"
> & {
  /** Id of the template (`TemplateId`), what a `DomainCallbackBinding` points to. */
  templateId: number;
};

/** A binding (callback rule) as the API holds it. */
export interface LiveCallbackBinding {
  /** Push domain of the rule, as the API spells it. */
  domainName: string;
  /** Push path (`AppName`) of the rule. */
  appName: string;
  /** Id of the template the rule points to. */
  templateId: number;
  /** When the rule was created, Beijing time (UTC+8), as the API reports it. */
  createTime: string;
  /** When the rule was last changed, Beijing time (UTC+8), as the API reports it. */
  updateTime: string;
}
