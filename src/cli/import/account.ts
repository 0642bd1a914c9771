/**
 * Reading the account for an import: the library's own settings (the environment only, since a
 * command has no stack config) and client, so credentials, endpoint, the loopback rule, retries
 * and error messages are the provider's. Two reads; nothing is ever written.
 */
import { createLiveClient } from "../../api/client";
import { resolveSettings } from "../../api/settings";
import type { AccountListing } from "./plan";

/** What was read, and from where. */
export interface AccountRead extends AccountListing {
  /** The origin of the endpoint that answered, e.g. `https://live.tencentcloudapi.com`. */
  endpoint: string;
}

/**
 * Lists every template and rule of the account. Throws the settings' error when credentials are
 * missing or a setting is invalid, and the client's `LiveApiError` (code, action, RequestId) when
 * the API fails.
 */
export async function readAccount(env: NodeJS.ProcessEnv): Promise<AccountRead> {
  const settings = resolveSettings(undefined, env);
  const client = createLiveClient(settings);
  // Templates first: the client then knows every key, and redacts them from any error of the
  // rules listing too. One read more in sequence costs next to nothing.
  const templates = await client.describeLiveCallbackTemplates({ fresh: true });
  const rules = await client.describeLiveCallbackRules({ fresh: true });
  return { templates, rules, endpoint: settings.endpoint.origin };
}
