/**
 * Admin routes of the emulated STS: `POST /_emulator/oidc/token` (the test OIDC issuer signs a
 * token: `{subject, audience, expiresInSeconds}`) and `GET /_emulator/sts` (calls per action,
 * credentials issued, to count renewals, requests refused while authenticating, per error code,
 * and Live calls per kind of credential that signed them).
 */
import { badRequest, type AdminRoutes } from "../admin/router";
import { signToken } from "./oidc";

/** The routes, keyed `"METHOD /_emulator/path"`. */
export const STS_ADMIN_ROUTES: Readonly<AdminRoutes> = {
  "POST /_emulator/oidc/token": (request, runtime) => {
    const b = (request.body ?? {}) as Record<string, unknown>;
    const expires = b.expiresInSeconds ?? 3600;
    if (typeof b.audience !== "string" || !b.audience) {
      return badRequest("audience must be a non-empty string");
    }
    if (typeof expires !== "number" || !Number.isFinite(expires)) {
      return badRequest("expiresInSeconds must be a number");
    }
    const subject = typeof b.subject === "string" ? b.subject : "emulator-subject";
    return {
      body: {
        token: signToken(
          runtime.sts,
          { subject, audience: b.audience, expiresInSeconds: expires },
          Date.now(),
        ),
      },
    };
  },
  "GET /_emulator/sts": (_request, runtime) => ({
    body: {
      calls: { ...runtime.sts.calls },
      issued: { ...runtime.sts.issuedCounts },
      refused: { ...runtime.sts.refused },
      liveCallsBy: { ...runtime.sts.liveCallsBy },
    },
  }),
};
