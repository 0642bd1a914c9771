/**
 * `npm run plugin:sdks`: writes the `tencentcloud-live` SDKs for Python, Go, Node.js, .NET and
 * Java into `sdk/<language>/` from `plugin/schema.json` (see `./sdkGen.ts`), printing which path
 * produced each one and why the real CLI's `gen-sdk` was not used when it was not.
 * `--language <lang>` (repeatable) limits it to some languages.
 */
import * as path from "node:path";
import { generateSdks, SDK_LANGUAGES, type SdkLanguage } from "./sdkGen";

function languagesFromArgs(args: readonly string[]): SdkLanguage[] | undefined {
  const chosen: SdkLanguage[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== "--language") continue;
    const value = args[++i];
    if (!SDK_LANGUAGES.includes(value as SdkLanguage)) {
      throw new Error(`--language ${value} is not one of ${SDK_LANGUAGES.join(", ")}`);
    }
    chosen.push(value as SdkLanguage);
  }
  return chosen.length ? chosen : undefined;
}

async function main(): Promise<void> {
  const started = Date.now();
  const sdks = await generateSdks({
    languages: languagesFromArgs(process.argv.slice(2)),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  for (const sdk of sdks) {
    const how =
      sdk.via === "gen-sdk"
        ? "pulumi package gen-sdk"
        : `${sdk.tool} (gen-sdk: ${sdk.fallbackReason})`;
    console.log(
      `${sdk.language}: ${path.relative(process.cwd(), sdk.dir)} by ${how}, ${sdk.ms} ms`,
    );
  }
  console.log(`SDKs written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err: unknown) => {
  process.stderr.write(`plugin:sdks failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
