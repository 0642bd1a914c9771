/**
 * A model of the checkpoint file Pulumi's file (DIY) backend writes, to count the bytes a
 * resource's state costs there. The backend encodes the whole checkpoint with Go's
 * `encoding/json`, indented four spaces and without HTML escaping; for ASCII text that is what
 * `JSON.stringify(value, null, 4)` writes. The resource envelope (URN, parent, provider
 * reference, dependencies, timestamps) follows apitype.ResourceV3 with values of the usual
 * length; it is the same before and after the change this measures, so only the inputs and
 * outputs, which the engine stores as the provider returned them, make the difference.
 */
import type { StateEntry } from "../../test/harness";

/** Where resources sit in the checkpoint: `{ checkpoint: { latest: { resources: [ here ] } } }`. */
const RESOURCE_DEPTH = 4;
const PROJECT = "live-callbacks-quickstart";
const STACK_URN = `urn:pulumi:dev::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-dev`;
const PROVIDER_URN = `urn:pulumi:dev::${PROJECT}::pulumi:providers:pulumi-nodejs::default`;
/** Shaped like the engine's values (a UUID, an RFC 3339 time with nanoseconds). */
const PROVIDER_ID = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const TIME = "2026-11-28T08:11:25.929123456Z";

/** JSON text of `value` as it appears in the file when nested `depth` levels deep. */
export function encodedAt(value: unknown, depth: number): string {
  const pad = " ".repeat(4 * depth);
  return JSON.stringify(value, null, 4).split("\n").join(`\n${pad}`);
}

/** Bytes of `text` in UTF-8. */
export function bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** A resource as the checkpoint stores it. */
export function checkpointResource(urn: string, entry: StateEntry): Record<string, unknown> {
  return {
    urn,
    custom: true,
    id: entry.id,
    type: urn.split("::")[2],
    inputs: entry.inputs,
    outputs: entry.outputs,
    parent: STACK_URN,
    dependencies: entry.dependencies,
    provider: `${PROVIDER_URN}::${PROVIDER_ID}`,
    propertyDependencies: entry.dependencies.length
      ? { templateId: entry.dependencies }
      : undefined,
    created: TIME,
    modified: TIME,
  };
}

/**
 * Bytes the `"inputs"` and `"outputs"` members of a resource take in the file, with their
 * indentation: the part of a resource's state that its properties, `__provider` included, cost.
 */
export function propertyBytes(entry: StateEntry): number {
  const member = (key: string, value: unknown) =>
    bytes(
      `${" ".repeat(4 * (RESOURCE_DEPTH + 1))}"${key}": ${encodedAt(value, RESOURCE_DEPTH + 1)},\n`,
    );
  return member("inputs", entry.inputs) + member("outputs", entry.outputs);
}

/** The whole checkpoint file holding the stack, its default provider and `resources`. */
export function checkpointFile(resources: Record<string, unknown>[]): string {
  const stack = {
    urn: STACK_URN,
    custom: false,
    type: "pulumi:pulumi:Stack",
    created: TIME,
    modified: TIME,
  };
  const provider = {
    urn: PROVIDER_URN,
    custom: true,
    id: PROVIDER_ID,
    type: "pulumi:providers:pulumi-nodejs",
    created: TIME,
    modified: TIME,
  };
  const file = {
    version: 3,
    checkpoint: {
      stack: `organization/${PROJECT}/dev`,
      latest: {
        manifest: { time: TIME, magic: "0".repeat(64), version: "v3.248.0" },
        secrets_providers: { type: "passphrase", state: { salt: "v1:".padEnd(60, "x") } },
        resources: [stack, provider, ...resources],
      },
    },
  };
  return `${JSON.stringify(file, null, 4)}\n`;
}
