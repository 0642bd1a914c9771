/**
 * The character rules of names, keys and domains, shared by the library's input checks and the
 * emulator's parameter checks so that the two cannot drift apart.
 */
import { isIP } from "node:net";

/** Chinese (Han) characters, ASCII letters, digits, `_` and `-`: names and descriptions. */
export const NAME_CHARSET = /^[\p{Script=Han}A-Za-z0-9_-]*$/u;

/** ASCII letters and digits: callback keys. */
export const KEY_CHARSET = /^[A-Za-z0-9]*$/;

const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * A DNS host name usable as a push domain: at least two labels of letters, digits and inner
 * hyphens, 253 characters at most, never an IP address, and a top-level label with a letter.
 */
export function isHostName(s: string): boolean {
  const labels = s.split(".");
  return (
    s.length <= 253 &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    isIP(s) === 0 &&
    /^[A-Za-z]/.test(labels[labels.length - 1])
  );
}
