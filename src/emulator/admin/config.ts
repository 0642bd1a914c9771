/**
 * Admin routes of the behaviour switches:
 * - `GET /_emulator/config` → the API behaviour switches (`propagationSeconds` included)
 * - `POST /_emulator/config` (partial; the delivery settings `deliveryRetries`,
 *   `deliveryIntervalMs`, `deliveryTimeoutMs`, `deliverySchedule`, `deliveryTimeScale` and
 *   `retrySignature` included) → the switches plus the delivery settings (GET keeps its shape:
 *   the delivery settings are in `GET /_emulator/deliveries`). An invalid patch changes nothing.
 */
import { z } from "zod";
import {
  DUPLICATE_RULES_MODES,
  RULE_DOMAIN_CASE_MODES,
  UNSAFE_URLS_MODES,
  resolveConfig,
} from "../config/switches";
import {
  DELIVERY_SCHEDULES,
  RETRY_SIGNATURES,
  resolveDeliveryConfig,
} from "../events/deliveryConfig";
import { configureDelivery } from "../events/state";
import { configure } from "../runtime";
import { badRequest, type AdminRoutes } from "./router";

const configPatchSchema = z.strictObject({
  duplicateRules: z.enum(DUPLICATE_RULES_MODES).optional(),
  unsafeUrls: z.enum(UNSAFE_URLS_MODES).optional(),
  ruleDomainCase: z.enum(RULE_DOMAIN_CASE_MODES).optional(),
  latencyMs: z.int().min(0).optional(),
  rateLimitPerSecond: z.int().min(0).optional(),
  propagationSeconds: z.number().min(0).optional(),
  deliveryRetries: z.int().min(0).optional(),
  deliveryIntervalMs: z.int().min(0).optional(),
  deliveryTimeoutMs: z.int().min(1).optional(),
  deliverySchedule: z.enum(DELIVERY_SCHEDULES).optional(),
  deliveryTimeScale: z.number().gt(0).optional(),
  retrySignature: z.enum(RETRY_SIGNATURES).optional(),
});

/** The config routes. */
export const CONFIG_ADMIN_ROUTES: Readonly<AdminRoutes> = {
  "GET /_emulator/config": (_req, runtime) => ({ body: { ...runtime.config } }),

  "POST /_emulator/config": (req, runtime) => {
    const parsed = configPatchSchema.safeParse(req.body ?? {});
    if (!parsed.success) return badRequest(`invalid config: ${z.prettifyError(parsed.error)}`);
    const {
      deliveryRetries,
      deliveryIntervalMs,
      deliveryTimeoutMs,
      deliverySchedule,
      deliveryTimeScale,
      retrySignature,
      ...api
    } = parsed.data;
    const deliveryPatch = {
      deliveryRetries,
      deliveryIntervalMs,
      deliveryTimeoutMs,
      deliverySchedule,
      deliveryTimeScale,
      retrySignature,
    };
    // Both halves are checked before either is applied, so a bad key changes nothing.
    try {
      resolveConfig(api, runtime.config);
      resolveDeliveryConfig(deliveryPatch, runtime.delivery.config);
    } catch (err) {
      return badRequest(`invalid config: ${(err as Error).message}`);
    }
    const config = configure(runtime, api);
    const delivery = configureDelivery(runtime.delivery, deliveryPatch);
    return { body: { ...config, ...delivery } };
  },
};
