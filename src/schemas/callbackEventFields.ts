/**
 * zod field groups and value rules shared by the callback event schemas of several families
 * (src/callbacks/events/families): the signature, where the stream was pushed, the newer
 * service's `interface`, and integers sent either way.
 *
 * They live here, outside src/callbacks, because their types are zod's: every declaration file
 * of the `/callbacks` entry point must stay free of zod (the families export their schemas
 * through zod-free interfaces), and an exported zod field group would put zod in one. The
 * documentation of these fields is on the interfaces in src/callbacks/events/shared/fields.ts.
 */
import { z } from "zod";

/**
 * An integer sent either as a JSON number or as a string of decimal digits (older protocol
 * versions document `t` and `push_duration` as strings); it always comes out as a number.
 */
export const integerLike = z.union(
  [
    z.number().int(),
    z
      .string()
      .regex(/^-?\d{1,15}$/)
      .transform(Number),
  ],
  { error: "expected an integer, as a number or a string of decimal digits" },
);

/** Present on every event the platform signs (see `SignatureFields`). */
export const signatureFields = {
  t: integerLike.optional(),
  sign: z.string().optional(),
};

/** `general_callback` on the events of the newer callback service (315, 321, 341). */
export const interfaceField = z.string().optional();

/** Where a stream was pushed (see `StreamFields`). */
export const streamFields = {
  appid: z.number().int().optional(),
  app: z.string().optional(),
  appname: z.string().optional(),
  stream_id: z.string(),
  channel_id: z.string().optional(),
  stream_param: z.string().optional(),
};
