/**
 * An emulated account as a console user leaves it, made with the Tencent SDK: Chinese names and
 * descriptions, every URL kind, record-exception levels, one template bound to several domains
 * and apps (one domain spelled in capitals), an unbound template, a template with the write-only
 * RecordStatusNotifyUrl set, one template without a key, and a rule whose template the platform
 * no longer has (loaded from a state file, since the API refuses to make one).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import type { CreateLiveCallbackTemplateRequest } from "../../src/api/models";
import { startLocalLive, type LocalLive } from "../harness/emulator";

/** The templates made, by role. */
export const CONSOLE_TEMPLATES = {
  /** Every readable URL kind, all levels, bound to four domain/app pairs. */
  production: {
    TemplateName: "生产直播回调",
    Description: "生产环境的直播回调模板",
    StreamBeginNotifyUrl: "https://hooks.example.com/live/begin",
    StreamEndNotifyUrl: "https://hooks.example.com/live/end",
    RecordNotifyUrl: "https://hooks.example.com/live/record",
    SnapshotNotifyUrl: "https://hooks.example.com/live/snapshot",
    PornCensorshipNotifyUrl: "https://hooks.example.com/live/porn",
    PushExceptionNotifyUrl: "https://hooks.example.com/live/push-exception",
    AudioAuditNotifyUrl: "https://hooks.example.com/live/audio",
    RecordExceptionNotifyUrl: "https://hooks.example.com/live/record-exception",
    RecordExceptionLevels: ["error", "warning", "info"],
    CallbackKey: "ProdCallbackKey2024",
  },
  /** Bound nowhere. */
  backup: {
    TemplateName: "备用回调_backup",
    Description: "备用",
    StreamBeginNotifyUrl: "https://backup.example.com/begin",
    StreamEndNotifyUrl: "https://backup.example.com/end",
    CallbackKey: "BackupKey77",
  },
  /** Holds RecordStatusNotifyUrl, which Describe never returns. */
  recording: {
    TemplateName: "录制状态",
    RecordNotifyUrl: "https://rec.example.com/record",
    RecordStatusNotifyUrl: "https://rec.example.com/record-status",
    RecordExceptionNotifyUrl: "https://rec.example.com/record-exception",
    RecordExceptionLevels: ["error"],
    CallbackKey: "RecordKey01",
  },
  /** No callback key. */
  audit: {
    TemplateName: "audit_hooks",
    Description: "审核回调",
    PornCensorshipNotifyUrl: "https://audit.example.com/porn",
    AudioAuditNotifyUrl: "https://audit.example.com/audio",
  },
} satisfies Record<string, CreateLiveCallbackTemplateRequest>;

/** The role of a template in {@link CONSOLE_TEMPLATES}. */
export type ConsoleRole = keyof typeof CONSOLE_TEMPLATES;

/** The rules made: domain, app, and the role of the template each points at. */
export const CONSOLE_RULES: readonly [string, string, ConsoleRole][] = [
  ["push.example.com", "live", "production"],
  ["push.example.com", "game", "production"],
  ["Push2.Example.com", "live", "production"],
  ["push2.example.com", "hd", "production"],
  ["record.example.com", "live", "recording"],
  ["audit.example.com", "live", "audit"],
];

/** The rule whose template (999) no longer exists. */
export const DANGLING_RULE = { DomainName: "gone.example.com", AppName: "live", TemplateId: 999 };

/** Every callback key of the account: none may appear anywhere but the secrets file. */
export const CONSOLE_KEYS = Object.values(CONSOLE_TEMPLATES).flatMap((t) =>
  "CallbackKey" in t ? [t.CallbackKey] : [],
);

/** A running emulator holding the console account. */
export interface ConsoleAccount {
  live: LocalLive;
  /** TemplateId of each role. */
  ids: Record<ConsoleRole, number>;
  /** The environment a user running the import would have. */
  env: Record<string, string>;
  /** Stops the emulator and removes its state file. */
  stop(): Promise<void>;
}

/** Starts an emulator and fills it as {@link CONSOLE_TEMPLATES} and {@link CONSOLE_RULES} say. */
export async function startConsoleAccount(): Promise<ConsoleAccount> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "live-console-account-"));
  const stateFile = path.join(dir, "state.json");
  const rule = {
    ...DANGLING_RULE,
    CreateTime: "2025-06-01 10:00:00",
    UpdateTime: "2025-06-01 10:00:00",
  };
  await writeFile(
    stateFile,
    JSON.stringify({ version: 1, nextTemplateId: 1000, templates: [], rules: [rule] }),
  );
  const live = await startLocalLive({ stateFile });
  try {
    const ids = {} as Record<ConsoleRole, number>;
    for (const [role, request] of Object.entries(CONSOLE_TEMPLATES)) {
      const { TemplateId } = await live.console.CreateLiveCallbackTemplate(request);
      ids[role as ConsoleRole] = TemplateId ?? 0;
    }
    for (const [DomainName, AppName, role] of CONSOLE_RULES) {
      await live.console.CreateLiveCallbackRule({ DomainName, AppName, TemplateId: ids[role] });
    }
    const env = {
      TENCENTCLOUD_SECRET_ID: live.emulator.credentials.secretId,
      TENCENTCLOUD_SECRET_KEY: live.emulator.credentials.secretKey,
      TENCENTCLOUD_LIVE_ENDPOINT: live.emulator.url,
    };
    const stop = async () => {
      await live.stop();
      await rm(dir, { recursive: true, force: true });
    };
    return { live, ids, env, stop };
  } catch (e) {
    await live.stop();
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}
