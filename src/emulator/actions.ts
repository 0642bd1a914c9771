/**
 * The eight Live callback actions, as pure functions over the account data. Each handler checks
 * everything before it changes anything, so a rejected call never leaves a half-applied change.
 */
import { MAX_TEMPLATES } from "../api/fields";
import {
  LIVE_ACTIONS,
  type CallBackRuleInfo,
  type CallBackTemplateInfo,
  type LiveAction,
} from "../api/models";
import { fail } from "./errors";
import {
  EMULATOR_TEMPLATE_FIELDS,
  URL_FIELD_NAMES,
  type StoredRule,
  type StoredTemplate,
} from "./fields";
import type { DuplicateRulesMode } from "./options";
import {
  checkParamNames,
  readAppName,
  readDomainName,
  readTemplateFields,
  readTemplateId,
  type Params,
} from "./params";
import type { EmulatorData } from "./store";
import { formatBeijingTime } from "../api/time";

/** What an action handler may read and change. */
export interface ActionContext {
  /** The account; handlers mutate it in place. */
  data: EmulatorData;
  duplicateRules: DuplicateRulesMode;
  /** Current time in epoch milliseconds, for rule timestamps. */
  nowMs: number;
}

/** A successful action: the `Response` members besides RequestId, and whether data changed. */
export interface ActionResult {
  response: Record<string, unknown>;
  changed: boolean;
}

/** Runs one action. Throws an `ApiError` when the call is refused. */
export type ActionHandler = (params: Params, ctx: ActionContext) => ActionResult;

/** True when `name` is one of the eight emulated actions. */
export function isLiveAction(name: string): name is LiveAction {
  return (LIVE_ACTIONS as readonly string[]).includes(name);
}

const TEMPLATE_PARAMS: readonly string[] = EMULATOR_TEMPLATE_FIELDS.map((f) => f.api);
const RULE_KEY_PARAMS = ["DomainName", "AppName"] as const;

/**
 * A template as Describe returns it: every field, unset strings as `""`, the key in plain text,
 * but never the write-only RecordStatusNotifyUrl.
 */
export function describeTemplate(template: StoredTemplate): CallBackTemplateInfo {
  const info: Record<string, unknown> = { TemplateId: template.TemplateId };
  for (const field of EMULATOR_TEMPLATE_FIELDS) {
    if (field.writeOnly) continue;
    const value = template[field.api];
    info[field.api] = Array.isArray(value) ? [...value] : value;
  }
  return info as CallBackTemplateInfo;
}

function describeRule(rule: StoredRule): CallBackRuleInfo {
  const { CreateTime, UpdateTime, TemplateId, DomainName, AppName } = rule;
  return { CreateTime, UpdateTime, TemplateId, DomainName, AppName };
}

/** A template with every field unset, keys in the field table's order (readable state files). */
function blankTemplate(id: number): StoredTemplate {
  const template: Record<string, unknown> = { TemplateId: id };
  for (const field of EMULATOR_TEMPLATE_FIELDS)
    template[field.api] = field.kind === "levels" ? [] : "";
  return template as StoredTemplate;
}

function requireCallbackUrl(template: StoredTemplate): void {
  if (!URL_FIELD_NAMES.some((name) => template[name] !== "")) {
    fail("InvalidParameter", "At least one callback URL is required on a callback template.");
  }
}

function findTemplate(data: EmulatorData, id: number): StoredTemplate {
  const template = data.templates.find((t) => t.TemplateId === id);
  if (!template) fail("InternalError.ConfNotFound", `Callback template ${id} does not exist.`);
  return template;
}

function findRuleIndex(data: EmulatorData, domain: string, app: string): number {
  return data.rules.findIndex((r) => r.DomainName === domain && r.AppName === app);
}

const createTemplate: ActionHandler = (params, { data }) => {
  checkParamNames("CreateLiveCallbackTemplate", params, TEMPLATE_PARAMS, ["TemplateName"]);
  const template = { ...blankTemplate(0), ...readTemplateFields(params) };
  requireCallbackUrl(template);
  if (data.templates.length >= MAX_TEMPLATES) {
    fail(
      "InternalError.ConfOutLimit",
      `The account already has ${MAX_TEMPLATES} callback templates.`,
    );
  }
  template.TemplateId = data.nextTemplateId;
  data.nextTemplateId += 1;
  data.templates.push(template);
  return { response: { TemplateId: template.TemplateId }, changed: true };
};

const modifyTemplate: ActionHandler = (params, { data }) => {
  checkParamNames(
    "ModifyLiveCallbackTemplate",
    params,
    ["TemplateId", ...TEMPLATE_PARAMS],
    ["TemplateId"],
  );
  const id = readTemplateId(params);
  const values = readTemplateFields(params);
  const current = findTemplate(data, id);
  // Omitted fields stay as they are; "" and [] are values that clear a field.
  const next = { ...current, ...values };
  requireCallbackUrl(next);
  data.templates[data.templates.indexOf(current)] = next;
  return { response: {}, changed: true };
};

const deleteTemplate: ActionHandler = (params, { data }) => {
  checkParamNames("DeleteLiveCallbackTemplate", params, ["TemplateId"], ["TemplateId"]);
  const template = findTemplate(data, readTemplateId(params));
  const user = data.rules.find((r) => r.TemplateId === template.TemplateId);
  if (user) {
    fail(
      "FailedOperation.ConfInUsed",
      `Callback template ${template.TemplateId} is used by the rule of ${user.DomainName}/${user.AppName}.`,
    );
  }
  data.templates.splice(data.templates.indexOf(template), 1);
  return { response: {}, changed: true };
};

const describeOneTemplate: ActionHandler = (params, { data }) => {
  checkParamNames("DescribeLiveCallbackTemplate", params, ["TemplateId"], ["TemplateId"]);
  const template = findTemplate(data, readTemplateId(params));
  return { response: { Template: describeTemplate(template) }, changed: false };
};

const describeTemplates: ActionHandler = (params, { data }) => {
  checkParamNames("DescribeLiveCallbackTemplates", params, []);
  return { response: { Templates: data.templates.map(describeTemplate) }, changed: false };
};

const createRule: ActionHandler = (params, { data, duplicateRules, nowMs }) => {
  checkParamNames(
    "CreateLiveCallbackRule",
    params,
    [...RULE_KEY_PARAMS, "TemplateId"],
    [...RULE_KEY_PARAMS, "TemplateId"],
  );
  const templateId = readTemplateId(params);
  const domain = readDomainName(params);
  const app = readAppName(params);
  if (!data.templates.some((t) => t.TemplateId === templateId)) {
    fail("InvalidParameter.ConfNotFound", `Callback template ${templateId} does not exist.`);
  }
  const now = formatBeijingTime(nowMs);
  const index = findRuleIndex(data, domain, app);
  if (index < 0) {
    data.rules.push({
      DomainName: domain,
      AppName: app,
      TemplateId: templateId,
      CreateTime: now,
      UpdateTime: now,
    });
    return { response: {}, changed: true };
  }
  if (duplicateRules === "reject") {
    fail(
      "FailedOperation.RuleAlreadyExist",
      `A callback rule for ${domain}/${app} already exists.`,
    );
  }
  // Overwrite: the binding keeps its identity (CreateTime) and points at the new template.
  data.rules[index] = { ...data.rules[index], TemplateId: templateId, UpdateTime: now };
  return { response: {}, changed: true };
};

const deleteRule: ActionHandler = (params, { data }) => {
  checkParamNames("DeleteLiveCallbackRule", params, RULE_KEY_PARAMS, RULE_KEY_PARAMS);
  const domain = readDomainName(params);
  const app = readAppName(params);
  const index = findRuleIndex(data, domain, app);
  if (index < 0) fail("FailedOperation.NotFound", `No callback rule exists for ${domain}/${app}.`);
  data.rules.splice(index, 1);
  return { response: {}, changed: true };
};

const describeRules: ActionHandler = (params, { data }) => {
  checkParamNames("DescribeLiveCallbackRules", params, []);
  return { response: { Rules: data.rules.map(describeRule) }, changed: false };
};

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
