/**
 * Admin routes of the emulated account as a whole:
 * - `GET /_emulator/state` → `{ templates, rules, calls, nextTemplateId }`
 * - `POST /_emulator/reset` → `{ ok: true }`; also forgets pending faults and delivery records
 */
import { reset, snapshot } from "../runtime";
import type { AdminRoutes } from "./router";

/** The state and reset routes. */
export const STATE_ADMIN_ROUTES: Readonly<AdminRoutes> = {
  "GET /_emulator/state": (_req, runtime) => ({ body: snapshot(runtime) }),

  "POST /_emulator/reset": async (_req, runtime) => {
    await reset(runtime);
    return { body: { ok: true } };
  },
};
