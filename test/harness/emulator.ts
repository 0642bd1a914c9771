/**
 * The local Tencent Cloud Live emulator, started in this process, with what a deployment
 * against it needs: the stack config the engine would hand the provider, a real SDK client to
 * play "someone editing in the console", and the admin view of what the account holds.
 */
import * as http from "node:http";
import { Client } from "tencentcloud-sdk-nodejs/tencentcloud/services/live/v20180801/live_client";
import {
  startEmulator,
  type EmulatorHandle,
  type EmulatorOptions,
  type EmulatorSnapshot,
} from "../../src/emulator";

/** The SDK's Live client. */
export type LiveSdkClient = InstanceType<typeof Client>;

/** A running emulator and the ways to use it. */
export interface LocalLive {
  emulator: EmulatorHandle;
  /** A real SDK client signed with the emulator's credentials: edits "from the console". */
  console: LiveSdkClient;
  /**
   * The stack config for the provider, as `Pulumi.<stack>.yaml` would hold it and the engine
   * would pass it to Configure.
   */
  stackConfig: Record<string, string>;
  /** `GET <url>/_emulator/state`: the templates, rules and call counters the account holds. */
  state(): Promise<EmulatorSnapshot>;
  /** Stops the emulator. */
  stop(): Promise<void>;
}

/** Fetches `GET <url>/_emulator/state`. */
export async function fetchEmulatorState(url: string): Promise<EmulatorSnapshot> {
  const res = await fetch(`${url}/_emulator/state`);
  if (!res.ok) throw new Error(`GET /_emulator/state answered ${res.status}`);
  return (await res.json()) as EmulatorSnapshot;
}

/** Starts an emulator on a free loopback port (see `EmulatorOptions`). */
export async function startLocalLive(options: EmulatorOptions = {}): Promise<LocalLive> {
  const emulator = await startEmulator(options);
  const sdk = new Client({
    credential: emulator.credentials,
    profile: {
      httpProfile: {
        endpoint: emulator.endpoint,
        protocol: "http://",
        reqTimeout: 10,
        // An explicit agent keeps an http_proxy variable from rerouting loopback calls.
        agent: new http.Agent({ keepAlive: false }),
      },
    },
  });
  return {
    emulator,
    console: sdk,
    stackConfig: {
      "tencentcloud:secretId": emulator.credentials.secretId,
      "tencentcloud:secretKey": emulator.credentials.secretKey,
      "tencentcloud-live:endpoint": emulator.url,
    },
    state: () => fetchEmulatorState(emulator.url),
    stop: () => emulator.stop(),
  };
}
