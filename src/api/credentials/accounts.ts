/**
 * `allowedAccountIds` / `forbiddenAccountIds`: the account the final credential belongs to,
 * asked of STS GetCallerIdentity once before the first call, must be allowed and not forbidden,
 * so that a pipeline holding the wrong account's role fails before it writes anything.
 */
import { CREDENTIAL_KEYS } from "./keys";
import { callSts, type StsTransport } from "./sts";
import { stsCredentialError } from "./stsError";
import { CredentialError, type CredentialProvider } from "./types";

/** The account lists to enforce. */
export interface AccountRules {
  allowed: readonly string[];
  forbidden: readonly string[];
}

/** Throws a {@link CredentialError} when `accountId` breaks `rules`. */
export function checkAccountId(accountId: string, rules: AccountRules, label: string): void {
  if (rules.forbidden.includes(accountId)) {
    throw new CredentialError(
      label,
      `account ${accountId} is listed in ${CREDENTIAL_KEYS.forbiddenAccountIds.config}.`,
    );
  }
  if (rules.allowed.length > 0 && !rules.allowed.includes(accountId)) {
    throw new CredentialError(
      label,
      `account ${accountId} is not in ${CREDENTIAL_KEYS.allowedAccountIds.config} (${rules.allowed.join(", ")}).`,
    );
  }
}

/**
 * `inner`, with the account checked before the first credential is handed out. A check that
 * could not be made (STS unreachable) is tried again on the next call; a broken rule fails
 * every call.
 */
export function accountChecked(
  inner: CredentialProvider,
  rules: AccountRules,
  transport: StsTransport,
): CredentialProvider {
  if (rules.allowed.length === 0 && rules.forbidden.length === 0) return inner;
  let verdict: Promise<void> | undefined;
  let refused: CredentialError | undefined;
  const check = async (): Promise<void> => {
    await inner.getCredential();
    let accountId: string;
    try {
      const answer = await callSts<{ AccountId?: string }>(
        transport,
        "GetCallerIdentity",
        {},
        inner,
      );
      accountId = String(answer.AccountId ?? "");
    } catch (err) {
      throw stsCredentialError(inner.label, "GetCallerIdentity", err);
    }
    try {
      checkAccountId(accountId, rules, inner.label);
    } catch (err) {
      refused = err as CredentialError;
      throw err;
    }
  };
  return {
    label: inner.label,
    fetches: () => inner.fetches(),
    invalidate: (failed) => inner.invalidate(failed),
    async getCredential() {
      if (refused) throw refused;
      verdict ??= check().catch((err: unknown) => {
        verdict = undefined;
        throw err;
      });
      await verdict;
      return inner.getCredential();
    },
  };
}
