/**
 * A harness that proves the `pulumi up` path without the Pulumi CLI: pack the library, install
 * it into a consumer project, serialize its providers as `dynamic.Resource` does, and drive
 * Pulumi's own dynamic-provider host over gRPC in the order the engine would, against the local
 * emulator. Used by `test/proof/host.test.ts` and by the narrated demo.
 */
export * from "./analyzer";
export * from "./cellReport";
export * from "./consumer";
export * from "./emulator";
export * from "./engine";
export * from "./host";
export * from "./inProcess";
export * from "./probeProgram";
export * from "./quickstart";
export * from "./run";
export * from "./variant";
export * from "./packageManager";
export * from "./mocksProgram";
export * from "./pulumiCli";
export * from "./automation";
export * from "./cliProject";
export * from "./yamlProject";
export * from "./pythonProgram";
export * from "./goProgram";
