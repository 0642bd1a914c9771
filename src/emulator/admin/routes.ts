/**
 * The built-in admin routes, one module per concern: the account's state and reset, fault
 * injection, the behaviour switches, and emulated callback events (`events/routes.ts`).
 */
import { EVENT_ADMIN_ROUTES } from "../events/routes";
import { STS_ADMIN_ROUTES } from "../sts/routes";
import { CONFIG_ADMIN_ROUTES } from "./config";
import { FAULT_ADMIN_ROUTES } from "./faults";
import type { AdminRoutes } from "./router";
import { STATE_ADMIN_ROUTES } from "./state";

/** Every built-in route, keyed `"METHOD /_emulator/path"`. */
export const BUILTIN_ADMIN_ROUTES: Readonly<AdminRoutes> = {
  ...STATE_ADMIN_ROUTES,
  ...FAULT_ADMIN_ROUTES,
  ...CONFIG_ADMIN_ROUTES,
  ...EVENT_ADMIN_ROUTES,
  ...STS_ADMIN_ROUTES,
};
