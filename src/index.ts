/**
 * pulumi-tencentcloud-live-callbacks: Tencent Cloud Live (云直播) callback templates and their
 * bindings to push domains as Pulumi resources, lookups, and callback receiver helpers.
 */
export { CallbackTemplate } from "./resources/callbackTemplate";
export type { CallbackTemplateArgs } from "./resources/callbackTemplate";
export { DomainCallbackBinding } from "./resources/domainCallbackBinding";
export { PROPAGATION_WINDOW_MINUTES, PROPAGATION_WINDOW_MS } from "./provider/propagation";
export type { DomainCallbackBindingArgs } from "./resources/domainCallbackBinding";
export type { CallbackTemplateInputs, RecordExceptionLevel } from "./schemas/templateInputs";
export type {
  DomainCallbackBindingArgsShape,
  DomainCallbackBindingInputs,
} from "./schemas/bindingInputs";
export {
  getCallbackBindings,
  getCallbackTemplate,
  getCallbackTemplateOutput,
  getCallbackTemplates,
  getCallbackTemplatesOutput,
} from "./lookups";
export type {
  BindingFilter,
  BindingLookupArgs,
  LiveCallbackBinding,
  LiveCallbackTemplate,
  LookupOptions,
  TemplateSelector,
} from "./lookups";
