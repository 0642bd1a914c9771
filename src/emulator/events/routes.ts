/**
 * Admin routes of the emulated callback events; part of the built-in routes.
 * - `POST /_emulator/events` `{ domainName, appName?, streamId, eventType, ...fields }` → once
 *   delivery has finished, `{ url, eventType, body, attempts, delivered }` (HTTP 200 even when
 *   not delivered); 400/403/404/409 `{ error }` when nothing could be sent (409 also when a
 *   recording exception's level is one the template does not select).
 * - `GET /_emulator/deliveries` → `{ config, deliveries }`: the delivery settings and every
 *   record, oldest first.
 */
import type { AdminRoutes } from "../admin/router";
import { EventDeliveryError, deliverEvent } from "./dispatch";
import { listDeliveries } from "./state";

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
};
