// The keys a receiver accepts for a template: its key, and, after a key change, the key it
// replaced until the platform's propagation window is over. Shared by the program (which hands
// them to the receiver's deployment) and the receiver (which verifies events with them).
import { PROPAGATION_WINDOW_MS } from "pulumi-tencentcloud-live-callbacks";
import type { CallbackKeyEntry, CallbackKeys } from "pulumi-tencentcloud-live-callbacks/callbacks";

/**
 * `[callbackKey, { key: previousCallbackKey, notAfter: callbackKeyChangedAt + window }]`, or
 * just the key when there was no change (or no key before it). The previous entry stops
 * verifying by itself after the window, so the rotation needs no second deployment.
 */
export function receiverKeys(
  callbackKey: string,
  previousCallbackKey: string | undefined,
  callbackKeyChangedAt: string | undefined,
): CallbackKeys {
  if (!previousCallbackKey || !callbackKeyChangedAt) return [callbackKey];
  const previous: CallbackKeyEntry = {
    key: previousCallbackKey,
    notAfter: Date.parse(callbackKeyChangedAt) + PROPAGATION_WINDOW_MS,
  };
  return [callbackKey, previous];
}
