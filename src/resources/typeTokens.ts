/**
 * The names under which the resource classes register, in one place: the classes pass the
 * module and type names to `dynamic.Resource`, and the policies match the full type tokens the
 * engine reports. No imports, so that the policies can read it without loading Pulumi.
 */

/** The module part of both type tokens (`dynamic/<module>:<type>`). */
export const RESOURCE_MODULE = "tencentcloud-live";

/** The type names the two resource classes register. */
export const RESOURCE_TYPE_NAMES = {
  template: "CallbackTemplate",
  binding: "DomainCallbackBinding",
} as const;

/** Type token of `CallbackTemplate` as the engine reports it. */
export const CALLBACK_TEMPLATE_TYPE =
  `pulumi-nodejs:dynamic/${RESOURCE_MODULE}:${RESOURCE_TYPE_NAMES.template}` as const;

/** Type token of `DomainCallbackBinding` as the engine reports it. */
export const DOMAIN_CALLBACK_BINDING_TYPE =
  `pulumi-nodejs:dynamic/${RESOURCE_MODULE}:${RESOURCE_TYPE_NAMES.binding}` as const;

/** The package name of the provider plugin (`src/plugin`): its config namespace and token prefix. */
export const PLUGIN_PACKAGE = RESOURCE_MODULE;

/** Type token of `CallbackTemplate` served by the provider plugin (any Pulumi language). */
export const PLUGIN_CALLBACK_TEMPLATE_TYPE =
  `${PLUGIN_PACKAGE}:index:${RESOURCE_TYPE_NAMES.template}` as const;

/** Type token of `DomainCallbackBinding` served by the provider plugin (any Pulumi language). */
export const PLUGIN_DOMAIN_CALLBACK_BINDING_TYPE =
  `${PLUGIN_PACKAGE}:index:${RESOURCE_TYPE_NAMES.binding}` as const;
