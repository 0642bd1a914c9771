/** What provider functions need from their surroundings: an API client and a place to log. */
import type { LiveClient } from "../api/client";

/** Dependencies of the provider functions; tests pass a stubbed client. */
export interface ProviderContext {
  /** The Live API client; throws if credentials cannot be resolved. */
  client(): LiveClient;
  /** Writes one line where `pulumi preview` and `pulumi up` show provider output. */
  log(line: string): void;
  /**
   * The recovery switch (see `adoptMatching.ts`): take over an existing object on create when
   * it already matches the declaration exactly. Absent: off.
   */
  adoptMatching?(): boolean;
  /**
   * True when the host marks the key outputs secret itself (the provider plugin does; a
   * dynamic-provider host cannot, so there a key read from the account would land in the state
   * in plain text).
   */
  secretOutputs?: boolean;
}

/**
 * The value Pulumi passes for an input that is not known yet (during preview, an output of a
 * resource that is still to be created).
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True for an unknown value, or a list holding one. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN || (Array.isArray(value) && value.some((v) => v === UNKNOWN));
}

/** The key under which Pulumi stores the serialized provider in every resource's state. */
export const PROVIDER_KEY = "__provider";

/** A copy of `props` without the serialized provider. */
export function withoutProvider<T extends Record<string, unknown>>(
  props: T,
): Omit<T, "__provider"> {
  const { [PROVIDER_KEY]: _ignored, ...rest } = props;
  return rest;
}
