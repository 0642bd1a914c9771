#!/usr/bin/env node
/**
 * `tencentcloud-live-emulator`: runs the emulator until SIGINT or SIGTERM, then saves the state,
 * prints one line saying it stopped and where the state went, and exits 0. The first line on
 * stdout is always `listening on <url>`, so a script can wait for it and read the port. Invalid
 * flags exit 2, a failure to start exits 1. With `--tls` the second line names the certificate
 * file and how to trust it.
 */
import { parseArgs } from "node:util";
import { DEFAULT_EMULATOR_CREDENTIALS } from "./config/credentials";
import { resolveOptions, type EmulatorOptions } from "./config/options";
import {
  DUPLICATE_RULES_MODES,
  RULE_DOMAIN_CASE_MODES,
  UNSAFE_URLS_MODES,
} from "./config/switches";
import {
  DEFAULT_DELIVERY_CONFIG,
  DELIVERY_SCHEDULES,
  RETRY_SIGNATURES,
} from "./events/deliveryConfig";
import { trustHint } from "./config/tls";
import { startEmulator } from "./server";

const USAGE = `Usage: tencentcloud-live-emulator [options]

Local emulator of the Tencent Cloud Live callback API (API 3.0, live 2018-08-01).

Options:
  --port <n>               TCP port, 0 = any free port (default 0)
  --host <addr>            address to listen on (default 127.0.0.1)
  --allow-non-loopback     allow a non-loopback --host and non-loopback callback URLs
  --secret-id <id>         accepted SecretId (default ${DEFAULT_EMULATOR_CREDENTIALS.secretId})
  --secret-key <key>       accepted SecretKey (default ${DEFAULT_EMULATOR_CREDENTIALS.secretKey})
  --token <token>          require this X-TC-Token
  --latency-ms <n>         delay before every API call (default 0)
  --rate-limit <n>         calls per second per action, 0 = unlimited (default 0)
  --duplicate-rules <mode> ${DUPLICATE_RULES_MODES.join("|")}: a second rule for a domain/app (default reject)
  --unsafe-urls <mode>     ${UNSAFE_URLS_MODES.join("|")}: callback URLs to loopback, private or link-local
                           hosts (reject answers InvalidParameter.UrlNotSafe; default allow)
  --rule-domain-case <mode>
                           ${RULE_DOMAIN_CASE_MODES.join("|")}: whether rule domains differing only in case
                           are one rule (default exact: they are two)
  --state-file <path>      load state from and save it to this JSON file
  --tls                    serve https:// with a self-signed certificate made at start (needs
                           openssl); its path is printed on the second line
  --delivery-retries <n>   retries of an undelivered emulated callback event (default ${DEFAULT_DELIVERY_CONFIG.deliveryRetries})
  --delivery-interval-ms <n>
                           pause between two delivery attempts (default ${DEFAULT_DELIVERY_CONFIG.deliveryIntervalMs})
  --delivery-timeout-ms <n>
                           time allowed to one delivery attempt (default ${DEFAULT_DELIVERY_CONFIG.deliveryTimeoutMs})
  --delivery-schedule <s>  ${DELIVERY_SCHEDULES.join("|")}: the three settings above, or the platform's
                           documented retries per event family (default quick)
  --delivery-time-scale <f>
                           factor on the platform schedule's intervals and 20 s timeout,
                           greater than 0 (default 1 = real time)
  --retry-signature <m>    ${RETRY_SIGNATURES.join("|")}: retries carry the first t/sign, or are signed
                           again (default same)
  --propagation-seconds <s>
                           events are routed and signed by the account as it was this long ago
                           (fractions allowed; default 0)
  --help                   show this help

Admin routes (unsigned): GET /_emulator/state, POST /_emulator/reset,
GET|POST|DELETE /_emulator/faults, GET|POST /_emulator/config,
POST /_emulator/events, GET /_emulator/deliveries, POST /_emulator/deliveries/wait.
Emulated callback events only go to loopback URLs unless --allow-non-loopback is given.
`;

/** Thrown for a usage error: printed with the usage hint, exit code 2. */
class UsageError extends Error {}

/** The value of an enumerated flag, or `undefined` when it was not given. */
function modeFlag<T extends string>(
  name: string,
  modes: readonly T[],
  value: string | undefined,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(modes as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${modes.join(", ")}`);
  }
  return value as T;
}

/** A decimal number flag (`0.5`, `12`), or `undefined` when it was not given. */
function decimalFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(value)) {
    throw new UsageError(`--${name} must be a non-negative number, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

function integerFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new UsageError(`--${name} must be a non-negative integer, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** Turns the command line into emulator options; `undefined` means `--help` was asked for. */
export function parseCommandLine(argv: readonly string[]): EmulatorOptions | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "allow-non-loopback": { type: "boolean" },
        "secret-id": { type: "string" },
        "secret-key": { type: "string" },
        token: { type: "string" },
        "latency-ms": { type: "string" },
        "rate-limit": { type: "string" },
        "duplicate-rules": { type: "string" },
        "unsafe-urls": { type: "string" },
        "rule-domain-case": { type: "string" },
        "state-file": { type: "string" },
        tls: { type: "boolean" },
        "delivery-retries": { type: "string" },
        "delivery-interval-ms": { type: "string" },
        "delivery-timeout-ms": { type: "string" },
        "delivery-schedule": { type: "string" },
        "delivery-time-scale": { type: "string" },
        "retry-signature": { type: "string" },
        "propagation-seconds": { type: "string" },
        help: { type: "boolean" },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return undefined;
  const options: EmulatorOptions = {
    port: integerFlag("port", values.port),
    host: values.host,
    allowNonLoopback: values["allow-non-loopback"],
    credentials: {
      secretId: values["secret-id"] ?? DEFAULT_EMULATOR_CREDENTIALS.secretId,
      secretKey: values["secret-key"] ?? DEFAULT_EMULATOR_CREDENTIALS.secretKey,
      ...(values.token !== undefined ? { token: values.token } : {}),
    },
    latencyMs: integerFlag("latency-ms", values["latency-ms"]),
    rateLimitPerSecond: integerFlag("rate-limit", values["rate-limit"]),
    duplicateRules: modeFlag("duplicate-rules", DUPLICATE_RULES_MODES, values["duplicate-rules"]),
    stateFile: values["state-file"],
  };
  // Flags added later become keys only when given, so options without them stay as before.
  const later = {
    unsafeUrls: modeFlag("unsafe-urls", UNSAFE_URLS_MODES, values["unsafe-urls"]),
    ruleDomainCase: modeFlag(
      "rule-domain-case",
      RULE_DOMAIN_CASE_MODES,
      values["rule-domain-case"],
    ),
    deliveryRetries: integerFlag("delivery-retries", values["delivery-retries"]),
    deliveryIntervalMs: integerFlag("delivery-interval-ms", values["delivery-interval-ms"]),
    deliveryTimeoutMs: integerFlag("delivery-timeout-ms", values["delivery-timeout-ms"]),
    deliverySchedule: modeFlag(
      "delivery-schedule",
      DELIVERY_SCHEDULES,
      values["delivery-schedule"],
    ),
    deliveryTimeScale: decimalFlag("delivery-time-scale", values["delivery-time-scale"]),
    retrySignature: modeFlag("retry-signature", RETRY_SIGNATURES, values["retry-signature"]),
    propagationSeconds: decimalFlag("propagation-seconds", values["propagation-seconds"]),
    tls: values.tls,
  };
  for (const [key, value] of Object.entries(later)) {
    if (value !== undefined) Object.assign(options, { [key]: value });
  }
  try {
    // Same checks startEmulator makes, done here so that bad values are usage errors (exit 2).
    resolveOptions(options);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return options;
}

async function main(): Promise<void> {
  let options: EmulatorOptions | undefined;
  try {
    options = parseCommandLine(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`tencentcloud-live-emulator: ${(err as Error).message}\nTry --help.\n`);
    process.exit(2);
  }
  if (!options) {
    process.stdout.write(USAGE);
    return;
  }
  const emulator = await startEmulator(options);
  process.stdout.write(`listening on ${emulator.url}\n`);
  if (emulator.certFile) {
    process.stdout.write(`certificate ${emulator.certFile}: ${trustHint(emulator.certFile)}\n`);
  }
  const { stateFile } = resolveOptions(options);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second signal while saving: give up on a clean stop.
      process.exit(1);
    }
    stopping = true;
    emulator.stop().then(
      () => exitAfter(process.stdout, `${stoppedLine(signal, stateFile)}\n`, 0),
      (err: unknown) =>
        exitAfter(
          process.stderr,
          `tencentcloud-live-emulator: could not save state: ${(err as Error).message}\n`,
          1,
        ),
    );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

/** The one line printed after a clean stop: why, and where the state went. */
function stoppedLine(signal: string, stateFile: string | undefined): string {
  return stateFile
    ? `stopped on ${signal}; state saved to ${stateFile}`
    : `stopped on ${signal}; no state file, so the state was in memory only and is gone`;
}

/** Writes `text`, then exits with `code` once it has been handed to the stream. */
function exitAfter(stream: NodeJS.WriteStream, text: string, code: number): void {
  stream.write(text, () => process.exit(code));
}

// Only run when executed, so that tests can import parseCommandLine.
if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`tencentcloud-live-emulator: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
