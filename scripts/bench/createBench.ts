/**
 * Section 2 of the benchmark: creating many bindings against an account limited per action,
 * compared with the floor that limit sets.
 */
import type { ProviderRun } from "../../test/support/providerRun";
import { measure, type CallDelta } from "./calls";
import type { EmulatorProcess } from "./emulatorProcess";
import { engineConcurrency, runPool } from "./pool";
import { SETTING_KEYS } from "../../src/api/settings";
import { newRun } from "../../test/support/providerRun";
import { bindingDomain, sdkClient } from "./seed";
import { ms, ratio } from "./stats";

/** One way of creating the bindings, measured. */
export interface CreateVariant {
  name: string;
  concurrency: number;
  ms: number;
  /** Wall time / floor. */
  floorRatio: number;
  calls: CallDelta;
  /** Calls answered RequestLimitExceeded (seen by the client as throttled retries). */
  throttled: number;
  /** Share of all calls the emulator counted that were throttled, in percent. */
  throttledPercent: number;
}

/** Creates the binding for `domain` through `run`. */
type Create = (run: ProviderRun, templateId: number, domain: string) => Promise<unknown>;

/** Everything section 2 measured. */
export interface CreateResults {
  bindings: number;
  accountLimit: number;
  floorMs: number;
  /** Client-side write limit (the default setting), calls per second. */
  clientLimit: number;
  variants: CreateVariant[];
}

/**
 * Creates `bindings` bindings, with the emulator limited to `accountLimit` calls per second per
 * action and the client at its default limits: through the provider with the engine's
 * concurrency (what `pulumi up` does), and through the client alone with many calls in flight (the
 * pace the limiter allows when nothing else holds it back).
 */
export async function benchCreate(
  emulator: EmulatorProcess,
  latencyMs: number,
  bindings = 1000,
  accountLimit = 200,
): Promise<CreateResults> {
  const floorMs = (bindings / accountLimit) * 1000;
  const variants: CreateVariant[] = [];
  const domains = Array.from({ length: bindings }, (_, i) => bindingDomain(i));

  // One run (a fresh provider process and client) per variant, as one `pulumi up` would have.
  async function variant(name: string, concurrency: number, create: Create): Promise<void> {
    await emulator.reset();
    await emulator.configure({ latencyMs, rateLimitPerSecond: accountLimit });
    const templateId = Number(
      (
        await sdkClient(emulator).CreateLiveCallbackTemplate({
          TemplateName: "bench",
          StreamBeginNotifyUrl: "https://hooks.example.com/begin",
        })
      ).TemplateId,
    );
    let throttled = 0;
    const run = newRun(
      emulator,
      {},
      { onRetry: ({ error }) => void (error.kind === "throttled" && throttled++) },
    );
    const { ms: time, calls } = await measure(emulator.calls, () =>
      runPool(domains, concurrency, (domain) => create(run, templateId, domain)),
    );
    if ((await emulator.ruleCount()) !== bindings) throw new Error(`${name}: rules missing`);
    variants.push({
      name,
      concurrency,
      ms: ms(time),
      floorRatio: ratio(time, floorMs),
      calls,
      throttled,
      throttledPercent: ratio(throttled * 100, calls.total),
    });
  }

  await variant("provider create (engine)", engineConcurrency(), (run, templateId, domainName) =>
    run.binding.create({ domainName, appName: "live", templateId }),
  );
  await variant("client only, 64 in flight", 64, (run, templateId, domainName) =>
    run.client.createLiveCallbackRule({
      DomainName: domainName,
      AppName: "live",
      TemplateId: templateId,
    }),
  );
  const clientLimit = SETTING_KEYS.writeRateLimit.default;
  return { bindings, accountLimit, floorMs, clientLimit, variants };
}
