/**
 * Admin routes of the emulated callback events; part of the built-in routes.
 * - `POST /_emulator/events` `{ domainName, appName?, streamId, eventType, ...fields }` → the
 *   record `{ id, url, eventType, body, plan, attempts, delivered, done }` (HTTP 200 even when
 *   not delivered): on the `quick` schedule once delivery has finished, on `platform` once the
 *   first attempt has ended (`done: false` while retries may follow). 400/403/404/409
 *   `{ error }` when nothing could be sent (404 also when no rule is in effect yet; 409 also
 *   when a recording exception's level is one the template does not select).
 * - `GET /_emulator/deliveries` → `{ config, deliveries }`: the delivery settings and every
 *   record, oldest first, each as it is now (a background delivery's attempts so far).
 * - `POST /_emulator/deliveries/wait` `{ id?, timeoutMs? }` → once the delivery `id` (or every
 *   delivery under way) is done, `{ deliveries }`: that record (or every record). 404 for an
 *   unknown id, 408 `{ error }` when still under way after `timeoutMs` (default 30 000).
 */
import { z } from "zod";
import { badRequest, type AdminRoutes } from "../admin/router";
import { EventDeliveryError, deliverEvent } from "./dispatch";
import { DeliveryWaitError, listDeliveries, waitForDeliveries } from "./state";

const waitSchema = z.strictObject({
  id: z.int().min(1).optional(),
  timeoutMs: z.int().min(0).max(600_000).optional(),
});

/** The event routes, keyed like every admin route. */
export const EVENT_ADMIN_ROUTES: Readonly<AdminRoutes> = {
  "POST /_emulator/events": async (req, runtime) => {
    try {
      return { body: await deliverEvent(runtime, req.body) };
    } catch (err) {
      if (err instanceof EventDeliveryError) {
        return { status: err.status, body: { error: err.message } };
      }
      throw err;
    }
  },

  "GET /_emulator/deliveries": (_req, runtime) => ({
    body: {
      config: { ...runtime.delivery.config },
      deliveries: listDeliveries(runtime.delivery),
    },
  }),

  "POST /_emulator/deliveries/wait": async (req, runtime) => {
    const parsed = waitSchema.safeParse(req.body ?? {});
    if (!parsed.success) return badRequest(`invalid wait: ${z.prettifyError(parsed.error)}`);
    const { id, timeoutMs = 30_000 } = parsed.data;
    try {
      return { body: { deliveries: await waitForDeliveries(runtime.delivery, id, timeoutMs) } };
    } catch (err) {
      if (err instanceof DeliveryWaitError) {
        return { status: err.status, body: { error: err.message } };
      }
      throw err;
    }
  },
};
