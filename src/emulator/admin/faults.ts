/**
 * Admin routes of fault injection:
 * - `POST /_emulator/faults` (one entry or a list) → `{ pending }`
 * - `GET /_emulator/faults` → `{ pending, faults }`
 * - `DELETE /_emulator/faults` → `{ pending: 0 }`
 */
import { parseFaultSpecs } from "../faults/specs";
import { addFaults } from "../runtime";
import { badRequest, type AdminRoutes } from "./router";

/** The fault routes. */
export const FAULT_ADMIN_ROUTES: Readonly<AdminRoutes> = {
  "POST /_emulator/faults": (req, runtime) => {
    try {
      return { body: { pending: addFaults(runtime, parseFaultSpecs(req.body)) } };
    } catch (err) {
      return badRequest(`invalid fault list: ${(err as Error).message}`);
    }
  },

  "GET /_emulator/faults": (_req, runtime) => ({
    body: { pending: runtime.faults.length, faults: structuredClone(runtime.faults) },
  }),

  "DELETE /_emulator/faults": (_req, runtime) => {
    runtime.faults = [];
    return { body: { pending: 0 } };
  },
};
