/**
 * Writes `plugin/schema.json` from the sources (see `./buildSchema.ts`); `--check` only says
 * whether the committed file is current (exit 1 when not). Run after changing a zod schema, a
 * resource's TSDoc or the settings: `npm run plugin:schema`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { schemaText } from "./buildSchema";

const target = path.resolve(__dirname, "..", "..", "plugin", "schema.json");
const text = schemaText();
if (process.argv.includes("--check")) {
  const current = readFileSync(target, "utf8");
  if (current !== text) {
    console.error(`${target} is out of date: run npm run plugin:schema`);
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
