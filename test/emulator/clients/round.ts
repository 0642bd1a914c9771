/**
 * The round every client must complete against the emulator, as data: create, describe, list,
 * modify, clear a URL, bind, delete-while-bound refused, unbind, delete. Each client test gives
 * {@link runRound} a function that performs one call with that client and reports the answer or
 * the API error; the expectations are the same for every client. Values a client may show as
 * missing, `null` or `""` (unset fields) are compared alike, as the project's API notes say.
 */
import assert from "node:assert/strict";
import type { EmulatorHandle } from "../../../src/emulator";

/** What one call through a client gave. */
export type ClientResult =
  | { response: Record<string, unknown> }
  | { error: { code: string; message: string; requestId?: string } };

/** Performs `action` with `params` through the client under test. */
export type ClientCall = (action: string, params: Record<string, unknown>) => Promise<ClientResult>;

/** Values remembered between steps (the created template's id). */
interface RoundContext {
  templateId: number;
}

/** One step: the call, and what its result must be. */
interface RoundStep {
  title: string;
  action: string;
  params: (ctx: RoundContext) => Record<string, unknown>;
  /** Members the response must have (after dropping unset values), or the codes one of which the error must have. */
  expect:
    { response: (ctx: RoundContext) => Record<string, unknown> } | { errorIn: readonly string[] };
  /** Remembers what later steps need. */
  keep?: (response: Record<string, unknown>, ctx: RoundContext) => void;
}

const DOMAIN = "push.round.example.com";
const BEGIN = "https://hooks.example.com/live/begin?src=round&k=1";
const END = "https://hooks.example.com/live/end";

const templateOf = (ctx: RoundContext, extra: Record<string, unknown>) => ({
  Template: { TemplateId: ctx.templateId, TemplateName: "round_回调", ...extra },
});

/** The round, in order. */
export const ROUND: readonly RoundStep[] = [
  {
    title: "create a template",
    action: "CreateLiveCallbackTemplate",
    params: () => ({
      TemplateName: "round_回调",
      Description: "first",
      StreamBeginNotifyUrl: BEGIN,
      CallbackKey: "RoundKey123",
      RecordExceptionLevels: ["error", "warning"],
    }),
    expect: { response: () => ({}) },
    keep: (response, ctx) => {
      assert.equal(typeof response.TemplateId, "number", "TemplateId is a number");
      ctx.templateId = response.TemplateId as number;
    },
  },
  {
    title: "describe it",
    action: "DescribeLiveCallbackTemplate",
    params: (ctx) => ({ TemplateId: ctx.templateId }),
    expect: {
      response: (ctx) =>
        templateOf(ctx, {
          Description: "first",
          StreamBeginNotifyUrl: BEGIN,
          CallbackKey: "RoundKey123",
          RecordExceptionLevels: ["error", "warning"],
        }),
    },
  },
  {
    title: "list templates",
    action: "DescribeLiveCallbackTemplates",
    params: () => ({}),
    expect: {
      response: (ctx) => ({
        Templates: [
          templateOf(ctx, { Description: "first", StreamBeginNotifyUrl: BEGIN }).Template,
        ],
      }),
    },
  },
  {
    title: "modify it",
    action: "ModifyLiveCallbackTemplate",
    params: (ctx) => ({
      TemplateId: ctx.templateId,
      Description: "second",
      StreamEndNotifyUrl: END,
    }),
    expect: { response: () => ({}) },
  },
  {
    title: "clear a URL",
    action: "ModifyLiveCallbackTemplate",
    params: (ctx) => ({ TemplateId: ctx.templateId, StreamBeginNotifyUrl: "" }),
    expect: { response: () => ({}) },
  },
  {
    title: "describe the change",
    action: "DescribeLiveCallbackTemplate",
    params: (ctx) => ({ TemplateId: ctx.templateId }),
    expect: {
      response: (ctx) =>
        templateOf(ctx, {
          Description: "second",
          StreamEndNotifyUrl: END,
          CallbackKey: "RoundKey123",
        }),
    },
  },
  {
    title: "bind it",
    action: "CreateLiveCallbackRule",
    params: (ctx) => ({ DomainName: DOMAIN, AppName: "live", TemplateId: ctx.templateId }),
    expect: { response: () => ({}) },
  },
  {
    title: "list rules",
    action: "DescribeLiveCallbackRules",
    params: () => ({}),
    expect: {
      response: (ctx) => ({
        Rules: [{ DomainName: DOMAIN, AppName: "live", TemplateId: ctx.templateId }],
      }),
    },
  },
  {
    title: "delete while bound (refused)",
    action: "DeleteLiveCallbackTemplate",
    params: (ctx) => ({ TemplateId: ctx.templateId }),
    expect: { errorIn: ["FailedOperation.ConfInUsed", "InternalError.ConfInUsed"] },
  },
  {
    title: "unbind",
    action: "DeleteLiveCallbackRule",
    params: () => ({ DomainName: DOMAIN, AppName: "live" }),
    expect: { response: () => ({}) },
  },
  {
    title: "delete",
    action: "DeleteLiveCallbackTemplate",
    params: (ctx) => ({ TemplateId: ctx.templateId }),
    expect: { response: () => ({}) },
  },
  {
    title: "list templates (none left)",
    action: "DescribeLiveCallbackTemplates",
    params: () => ({}),
    expect: { response: () => ({ Templates: [] }) },
  },
];

/** Drops unset values (`null`, `""`, `[]` inside objects) so that every client's rendering compares alike. */
export function withoutUnset(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUnset);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === null || member === undefined || member === "") continue;
    if (Array.isArray(member) && member.length === 0 && key !== "Templates" && key !== "Rules") {
      continue;
    }
    out[key] = withoutUnset(member);
  }
  return out;
}

/** True when `actual` has every member of `expected` (recursively; arrays element by element, same length). */
function contains(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, i) => contains(actual[i], item))
    );
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") return false;
    return Object.entries(expected).every(([key, member]) =>
      contains((actual as Record<string, unknown>)[key], member),
    );
  }
  return actual === expected;
}

/**
 * Runs the whole round with `call`, asserting each step, then checks that the emulator's account
 * is empty again and that every step reached it as a call of its action.
 */
export async function runRound(emulator: EmulatorHandle, call: ClientCall): Promise<void> {
  await emulator.reset();
  const ctx: RoundContext = { templateId: 0 };
  for (const step of ROUND) {
    const result = await call(step.action, step.params(ctx));
    const where = `${step.title} (${step.action}): ${JSON.stringify(result)}`;
    if ("errorIn" in step.expect) {
      assert.ok("error" in result, `expected an error: ${where}`);
      assert.ok(step.expect.errorIn.includes(result.error.code), where);
      continue;
    }
    assert.ok("response" in result, `expected success: ${where}`);
    const seen = withoutUnset(result.response);
    assert.ok(
      contains(seen, step.expect.response(ctx)),
      `${where}\nexpected ${JSON.stringify(step.expect.response(ctx))}`,
    );
    step.keep?.(result.response, ctx);
  }
  const state = emulator.state();
  assert.deepEqual(state.templates, []);
  assert.deepEqual(state.rules, []);
  const calls = Object.values(state.calls).reduce((sum, n) => sum + (n ?? 0), 0);
  assert.equal(calls, ROUND.length, "every step reached the emulator as one call");
}
