/**
 * Modules `@pulumi/pulumi` loads itself (gRPC, protobuf), resolved from its own folder. Its
 * generated clients and services are built on its copy of `@grpc/grpc-js`; objects handed to
 * them (credentials) or patched on them (the server) must come from that same copy, which a
 * consumer's install may place elsewhere than the project's own.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import * as path from "node:path";

/** Loads `id` as `@pulumi/pulumi` would load it. */
export function requireFromPulumi<T>(id: string): T {
  const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  return require(require.resolve(id, { paths: [pulumiDir] })) as T;
}
