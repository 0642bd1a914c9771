/**
 * pulumi-tencentcloud-live-callbacks/policy: CrossGuard policies for callback templates and
 * bindings. Needs `@pulumi/policy` (an optional peer dependency) only for its types here; the
 * pack that serves them (`new PolicyPack`) loads it. Nothing else in the library loads this.
 */
export { callbackPolicies } from "./policies";
export { CALLBACK_POLICY_NAMES } from "./names";
export type { CallbackPoliciesOptions, CallbackPolicyName } from "./names";
export { classifyHost, hostAllowed } from "./hosts";
export type { NonPublicHostKind } from "./hosts";
export {
  CALLBACK_TEMPLATE_TYPE,
  DOMAIN_CALLBACK_BINDING_TYPE,
  PLUGIN_CALLBACK_TEMPLATE_TYPE,
  PLUGIN_DOMAIN_CALLBACK_BINDING_TYPE,
} from "../resources/typeTokens";
