/**
 * Reading the properties of a resource as `@pulumi/policy` hands them to a policy, without ever
 * tripping over a value that is unknown during preview.
 *
 * `@pulumi/policy` wraps the properties in a proxy whose `get` throws on an unknown value; the
 * server then reports "can't run policy during preview" as an advisory violation. A value that
 * will only be known at `up` (a URL built from another resource's output, a template id not yet
 * allocated) is not a mistake, so these policies stay silent about it instead: properties are
 * read through their property descriptors, which the proxy forwards to the plain object without
 * its check, and the engine's unknown sentinels are recognised here.
 */
import {
  CALLBACK_TEMPLATE_TYPE,
  DOMAIN_CALLBACK_BINDING_TYPE,
  PLUGIN_CALLBACK_TEMPLATE_TYPE,
  PLUGIN_DOMAIN_CALLBACK_BINDING_TYPE,
} from "../resources/typeTokens";

/**
 * The sentinels by which the engine marks a value unknown during preview, one per value kind
 * (bool, number, string, array, asset, archive, object). These are wire-format constants of
 * Pulumi's resource protocol, the same in every SDK.
 */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** Marks a property whose value is not known yet (only during preview). */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");

/** True when `value` is, or contains, a value unknown during preview. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (typeof value === "string") return UNKNOWN_SENTINELS.has(value);
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") {
    return Object.values(value as Record<string, unknown>).some(containsUnknown);
  }
  return false;
}

/**
 * Property `key` of `props`: `undefined` when absent (or null), {@link UNKNOWN} when it is or
 * contains a value unknown during preview, otherwise the plain value. Never throws on unknowns.
 */
export function readProp(props: Record<string, unknown>, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(props, key);
  if (!descriptor || !("value" in descriptor)) return undefined;
  const value: unknown = descriptor.value;
  if (value === null || value === undefined) return undefined;
  return containsUnknown(value) ? UNKNOWN : value;
}

/** A resource as both kinds of policy see it: a type, a URN, a name and its properties. */
export interface ResourceView {
  readonly type: string;
  readonly urn: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
}

/** The type tokens of templates: the dynamic resource's and the provider plugin's. */
const TEMPLATE_TYPES: ReadonlySet<string> = new Set([
  CALLBACK_TEMPLATE_TYPE,
  PLUGIN_CALLBACK_TEMPLATE_TYPE,
]);

/** The type tokens of bindings: the dynamic resource's and the provider plugin's. */
const BINDING_TYPES: ReadonlySet<string> = new Set([
  DOMAIN_CALLBACK_BINDING_TYPE,
  PLUGIN_DOMAIN_CALLBACK_BINDING_TYPE,
]);

/**
 * True for a `CallbackTemplate` of this library, from a TypeScript program (dynamic resource)
 * or from any language through the provider plugin: both take the same inputs and outputs.
 */
export function isTemplate(resource: { type: string }): boolean {
  return TEMPLATE_TYPES.has(resource.type);
}

/** True for a `DomainCallbackBinding` of this library, dynamic or the plugin's. */
export function isBinding(resource: { type: string }): boolean {
  return BINDING_TYPES.has(resource.type);
}

/** How a message names a resource: its class, its name and its URN. */
export function describeResource(resource: ResourceView): string {
  const kind = isTemplate(resource) ? "CallbackTemplate" : "DomainCallbackBinding";
  return `${kind} "${resource.name}" (${resource.urn})`;
}

/** A non-empty string property, {@link UNKNOWN}, or `undefined` (absent, empty, not a string). */
export function readString(
  props: Record<string, unknown>,
  key: string,
): string | typeof UNKNOWN | undefined {
  const value = readProp(props, key);
  if (value === UNKNOWN) return UNKNOWN;
  return typeof value === "string" && value.length > 0 ? value : undefined;
}
