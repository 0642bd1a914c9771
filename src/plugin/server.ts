/**
 * What `@pulumi/pulumi/provider`'s gRPC server leaves out, added around it. Its `configure`
 * discards the configuration (checked in 3.248 and 3.276: it only answers that secrets are
 * accepted), and its `diff` sends only `changes`, `replaces` and `deleteBeforeReplace`, dropping
 * `stables`. Both are replaced on the service implementation `main` registers, and nothing else:
 * configure hands the request's variables to `onConfigure` before answering as before, and diff
 * answers from the same `provider.diff`, with `stables` as well. The engine of 3.276 stores
 * stables but does not use them in a preview, so configure also says the plugin supports
 * previews, and the preview calls of create and update are answered here without the API
 * (`./preview.ts`); their real calls go to the server as before. An Attach request (the engine
 * attaching to a plugin started by hand, for debugging) also tells `onAttach` the engine's
 * address, where the plugin sends its notices.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import type * as provider from "@pulumi/pulumi/provider";
import { predictUpdate } from "./preview";
import { requireFromPulumi } from "./pulumiDeps";

/** The slice of a gRPC unary call the two handlers use. */
interface Call<Req> {
  request: Req;
}
type Callback = (err: unknown, value?: unknown) => void;
type Handler = (call: Call<never>, callback: Callback) => void;

interface AttachRequest {
  getAddress(): string;
}
interface ConfigureRequest {
  getVariablesMap(): { forEach(fn: (value: string, key: string) => void): void };
}
interface ChangeRequest {
  getUrn(): string;
  getPreview(): boolean;
  getProperties?(): { toJavaScript(): Record<string, unknown> };
  getOlds?(): { toJavaScript(): Record<string, unknown> };
  getNews?(): { toJavaScript(): Record<string, unknown> };
}
interface DiffRequest {
  getId(): string;
  getUrn(): string;
  getOlds(): { toJavaScript(): Record<string, unknown> };
  getNews(): { toJavaScript(): Record<string, unknown> };
}

/** What {@link extendProviderServer} tells the plugin. */
export interface ServerHooks {
  /** Each configure request's variables, before it is answered. */
  onConfigure(variables: ReadonlyMap<string, string>): Promise<void>;
  /** The engine's address, from an Attach request. */
  onAttach(address: string): void;
}

let installed = false;

/**
 * Makes the next provider service registered on a gRPC server (the one `main` starts) call
 * `hooks.onConfigure` with each configure request's variables and `hooks.onAttach` with an
 * attaching engine's address, and send diff's `stables`. Call once, before `main`. gRPC is the
 * copy `@pulumi/pulumi` loads, so its server is the one patched.
 */
export function extendProviderServer(impl: provider.Provider, hooks: ServerHooks): void {
  if (installed) return;
  installed = true;
  const grpc = requireFromPulumi<{
    Server: { prototype: { addService(service: unknown, impl: Record<string, Handler>): void } };
  }>("@grpc/grpc-js");
  const rpc = require("@pulumi/pulumi/proto/provider_grpc_pb") as {
    ResourceProviderService: unknown;
  };
  const proto =
    require("@pulumi/pulumi/proto/provider_pb") as typeof import("@pulumi/pulumi/proto/provider_pb");
  const { Struct } = requireFromPulumi<typeof import("google-protobuf/google/protobuf/struct_pb")>(
    "google-protobuf/google/protobuf/struct_pb",
  );
  const addService = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (service, handlers) {
    if (service === rpc.ResourceProviderService) {
      const configure = handlers.configure.bind(handlers);
      handlers.configure = (call, callback) => {
        const variables = new Map<string, string>();
        (call as Call<ConfigureRequest>).request
          .getVariablesMap()
          .forEach((value, key) => variables.set(key, value));
        hooks.onConfigure(variables).then(
          () =>
            configure(call, (err, resp) => {
              // Previews of creates and updates are answered below, without the API.
              (resp as { setSupportspreview?(v: boolean): void } | undefined)?.setSupportspreview?.(
                true,
              );
              callback(err, resp);
            }),
          (e: unknown) => callback(e),
        );
      };
      const attach = handlers.attach?.bind(handlers);
      if (attach) {
        handlers.attach = (call, callback) => {
          hooks.onAttach((call as Call<AttachRequest>).request.getAddress());
          attach(call, callback);
        };
      }
      const create = handlers.create.bind(handlers);
      handlers.create = (call, callback) => {
        const req = (call as Call<ChangeRequest>).request;
        if (!req.getPreview()) return create(call, callback);
        const resp = new proto.CreateResponse();
        resp.setProperties(Struct.fromJavaScript(req.getProperties!().toJavaScript() as never));
        callback(null, resp);
      };
      const update = handlers.update.bind(handlers);
      handlers.update = (call, callback) => {
        const req = (call as Call<ChangeRequest>).request;
        if (!req.getPreview()) return update(call, callback);
        try {
          const outs = predictUpdate(
            req.getUrn(),
            req.getOlds!().toJavaScript(),
            req.getNews!().toJavaScript(),
          );
          const resp = new proto.UpdateResponse();
          resp.setProperties(Struct.fromJavaScript(outs as never));
          callback(null, resp);
        } catch (e) {
          callback(e);
        }
      };
      handlers.diff = (call, callback) => {
        const req = (call as Call<DiffRequest>).request;
        diffResponse(impl, proto, req).then(
          (resp) => callback(null, resp),
          (e: unknown) => {
            console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
            callback(e);
          },
        );
      };
    }
    return addService.call(this, service, handlers);
  };
}

async function diffResponse(
  impl: provider.Provider,
  proto: typeof import("@pulumi/pulumi/proto/provider_pb"),
  req: DiffRequest,
) {
  const resp = new proto.DiffResponse();
  const { DIFF_SOME, DIFF_NONE, DIFF_UNKNOWN } = proto.DiffResponse.DiffChanges;
  if (!impl.diff) return resp;
  const result = await impl.diff(
    req.getId(),
    req.getUrn(),
    req.getOlds().toJavaScript(),
    req.getNews().toJavaScript(),
  );
  resp.setChanges(
    result.changes === true ? DIFF_SOME : result.changes === false ? DIFF_NONE : DIFF_UNKNOWN,
  );
  if (result.replaces?.length) resp.setReplacesList([...result.replaces]);
  if (result.stables?.length) resp.setStablesList([...result.stables]);
  if (result.deleteBeforeReplace) resp.setDeletebeforereplace(true);
  return resp;
}
