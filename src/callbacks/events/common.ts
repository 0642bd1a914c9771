/**
 * Field groups and value rules shared by the events of several documents: the signature, where
 * the stream was pushed, the newer service's `interface`, and integers sent either way.
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

/** Present on every event the platform signs. */
export const signatureFields = {
  /**
   * UNIX time in seconds at which the signature expires (sending time + 10 minutes by default).
   * Optional here because parsing does not authenticate: use `verifyCallbackSignature` (the
   * handler does) before trusting an event.
   */
  t: integerLike.optional(),
  /** `md5(CallbackKey + t)` in hex; see `verifyCallbackSignature`. */
  sign: z.string().optional(),
};

/**
 * `general_callback` on the events of the newer callback service (315, 321, 341). It says which
 * service sent the event, not what it is about.
 */
export const interfaceField = z.string().optional();

/** Where a stream was pushed: account, domain, path and stream name. */
export const streamFields = {
  /** Tencent Cloud APPID of the account that owns the push domain. */
  appid: z.number().int().optional(),
  /** Push domain (the callback rule's DomainName), e.g. `push.example.com`. */
  app: z.string().optional(),
  /** Push path (the callback rule's AppName), `live` unless customised. */
  appname: z.string().optional(),
  /** Stream name, the last segment of the push URL path. */
  stream_id: z.string(),
  /** Same value as `stream_id`; kept by the platform for historical reasons. */
  channel_id: z.string().optional(),
  /**
   * Query string of the push URL (e.g. `txSecret=…&txTime=…&custom=1`), useful to carry your
   * own identifiers from the pusher to the callback.
   */
  stream_param: z.string().optional(),
};
