/**
 * The stacks the fault scenarios apply: a first version with four templates and eight bindings,
 * a second version that touches every write action (modify, clear a URL, re-point a binding,
 * remove a template with its bindings, add a template and a binding), and the empty stack.
 */
import type { CallbackTemplateInputs } from "../../src/schemas/template";

/** A template as a program declares it, under a logical (Pulumi) name. */
export interface DeclaredTemplate {
  name: string;
  inputs: CallbackTemplateInputs;
}

/** A binding as a program declares it; `template` is the logical name of its template. */
export interface DeclaredBinding {
  name: string;
  domainName: string;
  appName: string;
  template: string;
}

/** A whole program: what `pulumi up` is asked to make true. */
export interface StackDecl {
  templates: DeclaredTemplate[];
  bindings: DeclaredBinding[];
}

const HOOKS = "https://hooks.example.com";

function template(i: number, version: 1 | 2): DeclaredTemplate {
  const inputs: CallbackTemplateInputs = {
    templateName: `回调_fault_${i}`,
    description: `stack_template_${i}_v${version}`,
    streamBeginNotifyUrl: `${HOOKS}/t${i}/begin`,
    streamEndNotifyUrl: `${HOOKS}/t${i}/end${version === 2 ? "-v2" : ""}`,
    recordNotifyUrl: `${HOOKS}/t${i}/record`,
    recordStatusNotifyUrl: `${HOOKS}/t${i}/record-status`,
    recordExceptionLevels: i % 2 === 0 ? ["error", "warning"] : ["info"],
    callbackKey: `FaultKey${i}v${version}Secret`,
  };
  return { name: `t${i}`, inputs };
}

function binding(i: number, templateIndex: number): DeclaredBinding {
  return {
    name: `b${i}`,
    domainName: `push${i % 4}.example.com`,
    appName: i < 4 ? "live" : `app${i}`,
    template: `t${templateIndex}`,
  };
}

/** Version 1: templates t0..t3; bindings b0..b7, bi → t(i mod 4), over four domains. */
export function stackV1(): StackDecl {
  return {
    templates: [0, 1, 2, 3].map((i) => template(i, 1)),
    bindings: [0, 1, 2, 3, 4, 5, 6, 7].map((i) => binding(i, i % 4)),
  };
}

/**
 * Version 2: t0 and t1 get new URLs, keys and descriptions; t2 loses its record URL (cleared in
 * the cloud); t3 and its bindings b3, b7 are removed; b5 is re-pointed from t1 to t2; t4 and
 * its binding b8 are new.
 */
export function stackV2(): StackDecl {
  const t2 = template(2, 1);
  delete t2.inputs.recordNotifyUrl;
  return {
    templates: [template(0, 2), template(1, 2), t2, template(4, 2)],
    bindings: [
      binding(0, 0),
      binding(1, 1),
      binding(2, 2),
      binding(4, 0),
      binding(5, 2),
      binding(6, 2),
      binding(8, 4),
    ],
  };
}

/** The stack with nothing in it: applying it is `pulumi destroy`. */
export function emptyStack(): StackDecl {
  return { templates: [], bindings: [] };
}

/** `stack` plus one more template `extra` (for the quota scenario). */
export function withExtraTemplate(stack: StackDecl, index: number): StackDecl {
  return { ...stack, templates: [...stack.templates, template(index, 1)] };
}

/** The part of `stack` made of template `name` and the bindings that use it. */
export function onlyTemplate(stack: StackDecl, name: string): StackDecl {
  return {
    templates: stack.templates.filter((t) => t.name === name),
    bindings: stack.bindings.filter((b) => b.template === name),
  };
}
