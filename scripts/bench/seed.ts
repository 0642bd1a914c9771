/**
 * A stack that already exists: templates and bindings created in the emulator directly with the
 * Tencent SDK (as the console or an earlier `pulumi up` would have), described the way the engine
 * hands them to the provider (id, last outputs, declared inputs).
 */
import http from "node:http";
import { Client } from "tencentcloud-sdk-nodejs/tencentcloud/services/live/v20180801/live_client";
import type { CallbackTemplateOutputs, DomainCallbackBindingOutputs } from "../../src/provider";
import type { DomainCallbackBindingInputs } from "../../src/schemas/binding";
import type { CallbackTemplateInputs } from "../../src/schemas/template";
import { runPool } from "./pool";
import type { EmulatorAddress } from "../../test/support/providerRun";

/** The Tencent SDK's Live client, as the console stand-in. */
export type SdkClient = InstanceType<typeof Client>;

/** A CallbackTemplate as the engine knows it from the state file and the program. */
export interface TemplateResource {
  id: string;
  olds: CallbackTemplateOutputs;
  news: CallbackTemplateInputs;
}

/** A DomainCallbackBinding as the engine knows it from the state file and the program. */
export interface BindingResource {
  id: string;
  olds: DomainCallbackBindingOutputs;
  news: DomainCallbackBindingInputs;
}

/** Every resource of a seeded stack. */
export interface SeededStack {
  templates: TemplateResource[];
  bindings: BindingResource[];
}

/**
 * An SDK client for `emulator`. An explicit agent keeps an `http_proxy` variable from rerouting
 * loopback calls; pass a keep-alive one (and destroy it after) to create thousands of objects fast.
 */
export function sdkClient(
  emulator: EmulatorAddress,
  agent: http.Agent = new http.Agent({ keepAlive: false }),
): SdkClient {
  return new Client({
    credential: emulator.credentials,
    profile: {
      httpProfile: {
        endpoint: emulator.endpoint,
        protocol: "http://",
        reqTimeout: 30,
        agent,
      },
    },
  });
}

/** The declared inputs of the i-th seeded template. */
export function templateInputs(i: number): CallbackTemplateInputs {
  return {
    templateName: `perf-${i}`,
    streamBeginNotifyUrl: `https://hooks.example.com/begin/${i}`,
  };
}

/** The push domain of the i-th seeded binding. */
export function bindingDomain(i: number): string {
  return `d${i}.push.example.com`;
}

/**
 * Creates `templateCount` templates and `bindingCount` bindings (binding i points at template
 * i mod templateCount) with the SDK, `concurrency` calls at a time, and returns them as the
 * engine would pass them to diff and read. The emulator should not be rate limited meanwhile.
 */
export async function seedStack(
  emulator: EmulatorAddress,
  templateCount: number,
  bindingCount: number,
  concurrency = 16,
): Promise<SeededStack> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    return await seedWith(sdkClient(emulator, agent), templateCount, bindingCount, concurrency);
  } finally {
    agent.destroy();
  }
}

async function seedWith(
  sdk: SdkClient,
  templateCount: number,
  bindingCount: number,
  concurrency: number,
): Promise<SeededStack> {
  const indexes = (n: number) => Array.from({ length: n }, (_, i) => i);
  const templates = await runPool(indexes(templateCount), concurrency, async (i) => {
    const news = templateInputs(i);
    const { TemplateId } = await sdk.CreateLiveCallbackTemplate({
      TemplateName: news.templateName,
      StreamBeginNotifyUrl: news.streamBeginNotifyUrl,
    });
    const templateId = Number(TemplateId);
    return { id: String(templateId), olds: { ...news, templateId }, news };
  });
  const bindings = await runPool(indexes(bindingCount), concurrency, async (i) => {
    const news = {
      domainName: bindingDomain(i),
      appName: "live",
      templateId: templates[i % templateCount].olds.templateId,
    };
    await sdk.CreateLiveCallbackRule({
      DomainName: news.domainName,
      AppName: news.appName,
      TemplateId: news.templateId,
    });
    return { id: `${news.domainName}/${news.appName}`, olds: { ...news }, news };
  });
  return { templates, bindings };
}
