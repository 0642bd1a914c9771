import * as pulumi from "@pulumi/pulumi";
import type { DomainCallbackBindingArgsShape } from "../schemas/bindingInputs";
import { domainCallbackBindingProvider } from "./shim";
import { RESOURCE_MODULE, RESOURCE_TYPE_NAMES } from "./typeTokens";

/**
 * Arguments of {@link DomainCallbackBinding}: {@link DomainCallbackBindingArgsShape}, each of
 * which may be an Output. Rules are checked at `pulumi preview` time; each property's
 * documentation states its rule.
 */
export type DomainCallbackBindingArgs = {
  [K in keyof DomainCallbackBindingArgsShape]: pulumi.Input<DomainCallbackBindingArgsShape[K]>;
};

/**
 * Binds a callback template to a push domain and app (a Live "callback rule"). Events of
 * streams pushed to `domainName/appName` go to the template's URLs, 5-10 minutes after binding.
 *
 * Pass `template.templateId` so the binding depends on the template: Pulumi then creates the
 * template first and deletes the binding first. A new `templateId` re-points the rule in place;
 * a new domain or app replaces the binding.
 *
 * Type token: `pulumi-nodejs:dynamic/tencentcloud-live:DomainCallbackBinding`; Pulumi id:
 * `<domainName>/<appName>`.
 */
export class DomainCallbackBinding extends pulumi.dynamic.Resource {
  /** The push domain (lower case). */
  declare readonly domainName: pulumi.Output<string>;
  /** The push path (AppName). */
  declare readonly appName: pulumi.Output<string>;
  /** The template the rule points at. */
  declare readonly templateId: pulumi.Output<number>;
  /** Whether creation may re-point an existing rule of another template. */
  declare readonly adopt: pulumi.Output<boolean | undefined>;
  /** When the rule was created, Beijing time (UTC+8), as the API reports it. */
  declare readonly createTime: pulumi.Output<string>;
  /** When the rule was last changed, Beijing time (UTC+8), as the API reports it. */
  declare readonly updateTime: pulumi.Output<string>;

  constructor(name: string, args: DomainCallbackBindingArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      domainCallbackBindingProvider(),
      name,
      {
        domainName: args.domainName,
        appName: args.appName ?? "live",
        templateId: args.templateId,
        adopt: args.adopt,
        createTime: undefined,
        updateTime: undefined,
      },
      opts,
      RESOURCE_MODULE,
      RESOURCE_TYPE_NAMES.binding,
    );
  }
}
