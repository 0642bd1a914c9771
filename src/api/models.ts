/**
 * Request and response shapes of the eight Live callback actions. The SDK's own models are the
 * source; this module only names the subset this library uses.
 */
import type {
  CallBackRuleInfo,
  CallBackTemplateInfo,
  CreateLiveCallbackRuleRequest,
  CreateLiveCallbackTemplateRequest,
  DeleteLiveCallbackRuleRequest,
  ModifyLiveCallbackTemplateRequest,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/live/v20180801/live_models";

export type {
  CallBackRuleInfo,
  CallBackTemplateInfo,
  CreateLiveCallbackRuleRequest,
  CreateLiveCallbackTemplateRequest,
  DeleteLiveCallbackRuleRequest,
  ModifyLiveCallbackTemplateRequest,
};

/** Actions that only read. Documented limit: 500 calls per second each. */
export const READ_ACTIONS = [
  "DescribeLiveCallbackTemplate",
  "DescribeLiveCallbackTemplates",
  "DescribeLiveCallbackRules",
] as const;

/** Actions that change the account. Documented limit: 200 calls per second each. */
export const WRITE_ACTIONS = [
  "CreateLiveCallbackTemplate",
  "ModifyLiveCallbackTemplate",
  "DeleteLiveCallbackTemplate",
  "CreateLiveCallbackRule",
  "DeleteLiveCallbackRule",
] as const;

/** One of the eight actions this library calls. */
export type LiveAction = (typeof READ_ACTIONS)[number] | (typeof WRITE_ACTIONS)[number];

/** Every action this library calls. */
export const LIVE_ACTIONS: readonly LiveAction[] = [...WRITE_ACTIONS, ...READ_ACTIONS];

/** True for the Describe actions. */
export function isReadAction(action: LiveAction): boolean {
  return (READ_ACTIONS as readonly string[]).includes(action);
}

/** The live API version every request is sent with. */
export const LIVE_API_VERSION = "2018-08-01";
