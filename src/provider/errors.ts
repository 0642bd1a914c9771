/** Errors the provider raises, phrased for the person reading `pulumi up` output. */
import { LiveApiError } from "../api/errors";

/**
 * Runs one provider entry point (or lookup) and prefixes whatever it throws with what was being
 * done, e.g. `Creating CallbackTemplate "prod_hooks": …`. Every entry point goes through here, so
 * failures read the same whichever step failed, missing credentials included.
 */
export async function perform<T>(doing: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw explain(doing, e);
  }
}

/**
 * Prefixes an error with what was being done. API errors keep their action, Tencent code and
 * RequestId in the message; quota and auth failures get an explanation of what to do.
 */
export function explain(doing: string, err: unknown): Error {
  if (err instanceof LiveApiError) {
    let hint = "";
    if (err.code === "InternalError.ConfOutLimit") {
      hint =
        " The account already has 50 callback templates, the most Tencent Cloud allows: delete unused templates or reuse one.";
    } else if (err.code === "InvalidParameter.UrlNotSafe") {
      hint =
        " Tencent Cloud refused the callback URL as not safe: its host is a loopback, private or link-local address, or a name that resolves to one. Callback URLs need a public http(s) address the platform can reach.";
    } else if (err.kind === "auth") {
      // Name the source that signed (a profile, the instance role, …), not always static keys.
      hint = err.signedWith
        ? ` Check the credentials from ${err.signedWith} and the machine's clock.`
        : " Check tencentcloud:secretId / tencentcloud:secretKey (or TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY) and the machine's clock.";
    } else if (err.kind === "already-exists") {
      hint =
        " A rule for this domain and app appeared after this binding looked (another stack, or the console?). Find out who owns it; set adopt: true only if this binding should own it.";
    } else if (err.kind === "service-disabled") {
      hint = " The Live (CSS) service is not active for this account.";
    }
    // Same name and fields as the API error, so callers can still read its code and kind.
    const wrapped = new Error(`${doing}: ${err.message}${hint}`, { cause: err });
    wrapped.name = "LiveApiError";
    const { action, code, kind, requestId, signedWith } = err;
    return Object.assign(wrapped, { action, code, kind, requestId, signedWith });
  }
  const e = err instanceof Error ? err : new Error(String(err));
  return new Error(`${doing}: ${e.message}`, { cause: e });
}
