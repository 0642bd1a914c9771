/**
 * What every generated event body is made from, and the made-up but well-formed values they
 * share: the account id, documentation-range IP addresses, ids and signed push parameters.
 */
import { randomBytes, randomInt } from "node:crypto";
import { formatBeijingTime } from "../../../api/time";

/** APPID put in generated events (a made-up account; override it with an extra `appid`). */
export const EMULATED_APPID = 1250000000;

/** Address of the ingest node in generated events (RFC 5737 documentation range). */
export const EMULATED_NODE_IP = "203.0.113.10";

/** Address of the pusher in generated events (RFC 5737 documentation range). */
export const EMULATED_PUSHER_IP = "198.51.100.23";

/** The `interface` of the events the newer callback service sends (315, 321, 341). */
export const GENERAL_CALLBACK = "general_callback";

/** What an event body is generated from. */
export interface EventBodyContext {
  /** Push domain: the rule's DomainName. */
  domainName: string;
  /** Push path: the rule's AppName. */
  appName: string;
  /** Stream name. */
  streamId: string;
  /** Time the event happens, in epoch milliseconds. */
  nowMs: number;
  /**
   * Push session id: the begin and end event of one push carry the same value. Generated when
   * absent.
   */
  sequence?: string;
  /** For a stream end: how long the push lasted, in milliseconds. Default 60 s. */
  pushDurationMs?: number;
  /** For a recording exception: its level, one the template selects. Default `error`. */
  exceptionLevel?: string;
}

/** An unsigned event body; every known type's fields plus anything else (all schemas are loose). */
export type EventBody = Record<string, unknown> & {
  /** The numeric event type code, as the platform sends it. */
  event_type: number;
};

/** Epoch milliseconds to whole seconds. */
export const seconds = (ms: number): number => Math.floor(ms / 1000);

/** `n` random decimal digits, the first one non-zero (ids the platform writes as strings). */
export function randomDigits(n: number): string {
  let digits = String(randomInt(1, 10));
  while (digits.length < n) digits += String(randomInt(0, 10));
  return digits;
}

/** A fresh push session id, 19 digits like the platform's (beyond JavaScript's safe integers). */
export function newSequence(): string {
  return randomDigits(19);
}

/** The query string of a signed push URL: `txSecret=<md5 hex>&txTime=<hex expiry>`. */
export function streamParam(nowMs: number): string {
  const txTime = (seconds(nowMs) + 86_400).toString(16).toUpperCase();
  return `txSecret=${randomBytes(16).toString("hex")}&txTime=${txTime}`;
}

/** `YYYY-MM-DD` and `HHmmss` of a time, in Beijing time as the platform names files. */
export function beijingParts(ms: number): { date: string; time: string } {
  const text = formatBeijingTime(ms);
  return { date: text.slice(0, 10), time: text.slice(11).replaceAll(":", "") };
}

/** The fields that name the stream, as the stream begin and end events spell them. */
export function streamFields(ctx: EventBodyContext) {
  return {
    appid: EMULATED_APPID,
    app: ctx.domainName,
    appname: ctx.appName,
    stream_id: ctx.streamId,
    channel_id: ctx.streamId,
    stream_param: streamParam(ctx.nowMs),
  };
}
