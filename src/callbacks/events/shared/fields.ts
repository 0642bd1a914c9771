/**
 * Documented field groups that the events of several documents share: the signature and where
 * the stream was pushed. The event interfaces of the families extend them.
 */

/** Present on every event the platform signs. */
export interface SignatureFields {
  /**
   * UNIX time in seconds at which the signature expires (sending time + 10 minutes by default).
   * Sent as a number or, by older protocol versions, as a string of digits; always a number
   * after parsing. Optional here because parsing does not authenticate: use
   * `verifyCallbackSignature` (the handler does) before trusting an event.
   */
  t?: number;
  /** `md5(CallbackKey + t)` in hex; see `verifyCallbackSignature`. */
  sign?: string;
}

/** Where a stream was pushed: account, domain, path and stream name. */
export interface StreamFields {
  /** Tencent Cloud APPID of the account that owns the push domain. */
  appid?: number;
  /** Push domain (the callback rule's DomainName), e.g. `push.example.com`. */
  app?: string;
  /** Push path (the callback rule's AppName), `live` unless customised. */
  appname?: string;
  /** Stream name, the last segment of the push URL path. */
  stream_id: string;
  /** Same value as `stream_id`; kept by the platform for historical reasons. */
  channel_id?: string;
  /**
   * Query string of the push URL (e.g. `txSecret=…&txTime=…&custom=1`), useful to carry your
   * own identifiers from the pusher to the callback.
   */
  stream_param?: string;
}

/**
 * The integer fields that the platform may send as strings of decimal digits, as the documents
 * show them; parsing turns them into numbers.
 */
export type IntegerTextField = "t" | "push_duration";

/**
 * An event body as it is sent, before parsing: like the event `E`, except that the fields of
 * {@link IntegerTextField} may be strings of digits. What the emulator's body builders produce.
 */
export type CallbackEventBody<E> = {
  [K in keyof E]: K extends IntegerTextField ? E[K] | string : E[K];
};
