/**
 * Starting and stopping the emulator's HTTP server. Requests under `/_emulator/` go to the admin
 * routes; everything else is the Tencent Cloud API 3.0 endpoint.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { isIP } from "node:net";
import { emptyData } from "./account/data";
import { createStateSaver, loadStateFile } from "./account/stateFile";
import { BUILTIN_ADMIN_ROUTES } from "./admin/routes";
import { ADMIN_PREFIX, handleAdminRequest } from "./admin/router";
import type { EmulatorCredentials } from "./config/credentials";
import { resolveOptions, type EmulatorOptions } from "./config/options";
import { makeSelfSignedCertificate } from "./config/tls";
import type { EmulatorConfig } from "./config/switches";
import type { DeliveryConfig } from "./events/deliveryConfig";
import { deliverEvent, type EventDeliveryRequest } from "./events/dispatch";
import type { DeliveryRecord } from "./events/record";
import {
  configureDelivery,
  createDeliveryState,
  listDeliveries,
  waitForDeliveries,
} from "./events/state";
import { parseFaultSpecs, type FaultSpec } from "./faults/specs";
import { handleApiRequest } from "./protocol/pipeline";
import { handleMetadataRequest, METADATA_PREFIX } from "./sts/metadata";
import type { IssuedCredential } from "./sts/state";
import {
  addFaults,
  configure,
  createRuntime,
  persist,
  reset,
  snapshot,
  type EmulatorSnapshot,
} from "./runtime";

/** A running emulator. */
export interface EmulatorHandle {
  /** Base URL, e.g. `http://127.0.0.1:43121` (`https://` with the `tls` option). */
  readonly url: string;
  /** Address listened on. */
  readonly host: string;
  /** Port listened on (the real one when 0 was asked for). */
  readonly port: number;
  /** `host:port`, the value for the SDK's `httpProfile.endpoint` (with `protocol: "http://"`). */
  readonly endpoint: string;
  /**
   * With the `tls` option: the PEM file of the self-signed certificate, which clients must trust
   * (`NODE_EXTRA_CA_CERTS`, `REQUESTS_CA_BUNDLE`, `SSL_CERT_FILE`, or a `ca` option). Removed at stop.
   */
  readonly certFile?: string;
  /** The credentials the emulator accepts. */
  readonly credentials: EmulatorCredentials;
  /** A copy of the templates, rules, id counter and call counters. */
  state(): EmulatorSnapshot;
  /** Same as `POST /_emulator/reset` (delivery records included). */
  reset(): Promise<void>;
  /**
   * Copies of the temporary credentials STS and the metadata route issued (those expired for
   * over an hour are dropped). In-process only, never served: tests look for them where no
   * credential may be (state, logs, errors).
   */
  issuedCredentials(): IssuedCredential[];
  /**
   * Same as `POST /_emulator/config` for the API behaviour switches; throws on an invalid value.
   * Returns those switches. Delivery settings: {@link EmulatorHandle.configureDelivery}.
   */
  configure(patch: Partial<EmulatorConfig>): EmulatorConfig;
  /**
   * Changes the delivery settings of emulated callback events (the delivery keys of
   * `POST /_emulator/config`); throws on an invalid value. Returns all the delivery settings.
   */
  configureDelivery(patch: Partial<DeliveryConfig>): DeliveryConfig;
  /**
   * Same as `POST /_emulator/events`: sends an emulated callback event to the URL of the template
   * of the rule in effect for (domainName, appName) and resolves with its record, delivered or
   * not: on the `quick` schedule once delivery has finished, on the `platform` schedule once the
   * first attempt has ended (`done: false` while retries may follow; see
   * {@link EmulatorHandle.waitForDeliveries}). Rejects with an `EventDeliveryError` (its `status`
   * is the route's HTTP status) when nothing can be sent: bad request, no rule in effect, no URL
   * for the event type, or a non-loopback URL.
   */
  deliverEvent(request: EventDeliveryRequest): Promise<DeliveryRecord>;
  /** Same as the `deliveries` of `GET /_emulator/deliveries`: every record, oldest first. */
  deliveries(): DeliveryRecord[];
  /**
   * Same as `POST /_emulator/deliveries/wait`: waits until the delivery with `id` (or, without
   * one, every delivery under way) is done, for at most `timeoutMs` (default 30 000), and
   * resolves with that record (or every record), copied. Rejects with a `DeliveryWaitError`:
   * `status` 404 for an unknown id, 408 when still under way at the deadline.
   */
  waitForDeliveries(options?: { id?: number; timeoutMs?: number }): Promise<DeliveryRecord[]>;
  /** Same as `POST /_emulator/faults`; throws on an invalid entry. Returns the pending count. */
  injectFaults(faults: FaultSpec | readonly FaultSpec[]): number;
  /**
   * Stops serving: cuts short pending delays, closes the server and every open (keep-alive)
   * connection, waits for pending state-file writes and saves the state a last time. Calling it
   * again returns the same promise.
   */
  stop(): Promise<void>;
}

/** How long a wait for deliveries lasts when the caller does not say. */
const DEFAULT_WAIT_MS = 30_000;

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void =>
      reject(new Error(`cannot listen on ${host}:${port}: ${err.message}`));
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

/**
 * Starts an emulator of the Tencent Cloud Live callback API and resolves once it listens.
 * Rejects when an option is invalid (including a non-loopback host without `allowNonLoopback`),
 * when the state file exists but cannot be loaded, or when the address cannot be listened on.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const resolved = resolveOptions(options);
  const loaded = resolved.stateFile ? await loadStateFile(resolved.stateFile) : undefined;
  const runtime = createRuntime({
    credentials: resolved.credentials,
    config: resolved.config,
    data: loaded ?? emptyData(),
    saver: createStateSaver(resolved.stateFile),
    delivery: createDeliveryState(resolved.delivery, resolved.allowNonLoopback),
    sts: resolved.sts,
  });
  const routes = { ...BUILTIN_ADMIN_ROUTES, ...resolved.adminRoutes };

  const tls = resolved.tls ? await makeSelfSignedCertificate(resolved.host) : undefined;
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? "/", "http://emulator").pathname;
    if (path.startsWith(METADATA_PREFIX)) return handleMetadataRequest(runtime, req, res);
    const handling = path.startsWith(ADMIN_PREFIX)
      ? handleAdminRequest(routes, runtime, req, res)
      : handleApiRequest(runtime, req, res);
    // Only a broken connection (e.g. the client aborted mid-body) gets here: drop it.
    handling.catch(() => req.socket.destroy());
  };
  const server: Server = tls
    ? createHttpsServer({ cert: tls.cert, key: tls.key }, onRequest)
    : createServer(onRequest);
  try {
    await listen(server, resolved.port, resolved.host);
  } catch (err) {
    await tls?.remove();
    throw err;
  }

  const { port } = server.address() as AddressInfo;
  const urlHost = isIP(resolved.host) === 6 ? `[${resolved.host}]` : resolved.host;
  let stopped: Promise<void> | undefined;

  return {
    url: `${tls ? "https" : "http"}://${urlHost}:${port}`,
    host: resolved.host,
    port,
    endpoint: `${urlHost}:${port}`,
    credentials: { ...resolved.credentials },
    ...(tls ? { certFile: tls.certFile } : {}),
    state: () => snapshot(runtime),
    reset: () => reset(runtime),
    issuedCredentials: () => [...runtime.sts.issued.values()].map((c) => ({ ...c })),
    configure: (patch) => configure(runtime, patch),
    configureDelivery: (patch) => configureDelivery(runtime.delivery, patch),
    deliverEvent: (request) => deliverEvent(runtime, request),
    deliveries: () => listDeliveries(runtime.delivery),
    waitForDeliveries: (wait = {}) =>
      waitForDeliveries(runtime.delivery, wait.id, wait.timeoutMs ?? DEFAULT_WAIT_MS),
    injectFaults: (faults) => addFaults(runtime, parseFaultSpecs(faults)),
    stop() {
      stopped ??= (async () => {
        runtime.stopping.abort();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // close() alone waits for idle keep-alive connections to time out; end them now.
        server.closeAllConnections();
        await closed;
        await runtime.saver.idle();
        await persist(runtime);
        await tls?.remove();
      })();
      return stopped;
    },
  };
}
