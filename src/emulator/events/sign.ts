/** The `t`/`sign` signature of an event body, as the platform computes it. */
import { signCallback } from "../../callbacks/signature";
import { seconds, type EventBody } from "./bodies/common";

/** How long a signature stays valid: `t` is the sending time plus this, as on the platform. */
export const SIGNATURE_LIFETIME_SECONDS = 600;

/**
 * Merges `extra` over `body` and signs the result: `t` = `nowMs` in seconds +
 * {@link SIGNATURE_LIFETIME_SECONDS} and `sign = md5(callbackKey + t)`. An extra `t` replaces the
 * default expiry and is signed (to send an already-expired event); an extra `sign` is sent as is
 * (to send a forged one).
 *
 * @throws RangeError when an extra `t` is not a non-negative integer and no extra `sign` is
 *   given, since such a `t` cannot be signed the way the platform signs.
 */
export function signEventBody(
  body: EventBody,
  extra: Record<string, unknown>,
  callbackKey: string,
  nowMs: number,
): EventBody {
  const merged = { ...body, ...extra } as EventBody;
  const t = Object.hasOwn(extra, "t") ? extra.t : seconds(nowMs) + SIGNATURE_LIFETIME_SECONDS;
  merged.t = t;
  if (!Object.hasOwn(extra, "sign")) {
    if (typeof t !== "number" || !Number.isSafeInteger(t) || t < 0) {
      throw new RangeError(
        "t must be a non-negative integer number of seconds (or pass sign as well)",
      );
    }
    merged.sign = signCallback(callbackKey, t);
  }
  return merged;
}
