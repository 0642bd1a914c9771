/**
 * Admin routes of the behaviour switches:
 * - `GET /_emulator/config` → the API behaviour switches
 * - `POST /_emulator/config` (partial, the delivery settings `deliveryRetries`,
 *   `deliveryIntervalMs`, `deliveryTimeoutMs` included) → the switches plus the delivery
 *   settings (GET keeps its original shape; the delivery settings are also in
 *   `GET /_emulator/deliveries`)
 */
import { z } from "zod";
import {
  DUPLICATE_RULES_MODES,
  RULE_DOMAIN_CASE_MODES,
  UNSAFE_URLS_MODES,
} from "../config/switches";
import { configureDelivery } from "../events/state";
import { configure } from "../runtime";
import { badRequest, type AdminRoutes } from "./router";

const configPatchSchema = z.strictObject({
  duplicateRules: z.enum(DUPLICATE_RULES_MODES).optional(),
  unsafeUrls: z.enum(UNSAFE_URLS_MODES).optional(),
  ruleDomainCase: z.enum(RULE_DOMAIN_CASE_MODES).optional(),
  latencyMs: z.int().min(0).optional(),
  rateLimitPerSecond: z.int().min(0).optional(),
  deliveryRetries: z.int().min(0).optional(),
  deliveryIntervalMs: z.int().min(0).optional(),
  deliveryTimeoutMs: z.int().min(1).optional(),
});

/** The config routes. */
export const CONFIG_ADMIN_ROUTES: Readonly<AdminRoutes> = {
  "GET /_emulator/config": (_req, runtime) => ({ body: { ...runtime.config } }),

  "POST /_emulator/config": (req, runtime) => {
    const parsed = configPatchSchema.safeParse(req.body ?? {});
    if (!parsed.success) return badRequest(`invalid config: ${z.prettifyError(parsed.error)}`);
    const { deliveryRetries, deliveryIntervalMs, deliveryTimeoutMs, ...api } = parsed.data;
    const config = configure(runtime, api);
    const delivery = configureDelivery(runtime.delivery, {
      deliveryRetries,
      deliveryIntervalMs,
      deliveryTimeoutMs,
    });
    return { body: { ...config, ...delivery } };
  },
};
