/**
 * The eight Live callback actions the emulator implements, one handler each. Adding an action
 * means adding its file under `templates/` or `rules/` and one line here.
 */
import type { LiveAction } from "../../api/models";
import type { ActionHandler } from "./handler";
import { createRule } from "./rules/create";
import { deleteRule } from "./rules/delete";
import { describeRules } from "./rules/describe";
import { createTemplate } from "./templates/create";
import { deleteTemplate } from "./templates/delete";
import { describeOneTemplate, describeTemplates } from "./templates/describe";
import { modifyTemplate } from "./templates/modify";

/** The handler of every emulated action. */
export const ACTION_HANDLERS: Readonly<Record<LiveAction, ActionHandler>> = {
  CreateLiveCallbackTemplate: createTemplate,
  ModifyLiveCallbackTemplate: modifyTemplate,
  DeleteLiveCallbackTemplate: deleteTemplate,
  DescribeLiveCallbackTemplate: describeOneTemplate,
  DescribeLiveCallbackTemplates: describeTemplates,
  CreateLiveCallbackRule: createRule,
  DeleteLiveCallbackRule: deleteRule,
  DescribeLiveCallbackRules: describeRules,
};
