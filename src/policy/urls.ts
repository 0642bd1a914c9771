/** The callback URLs a template declares, as the URL policies read them. */
import { TEMPLATE_FIELDS } from "../api/fields";
import { readString, UNKNOWN } from "./props";

/** Input names of every callback URL property of a template, from the library's field table. */
export const TEMPLATE_URL_PROPERTIES: readonly string[] = TEMPLATE_FIELDS.filter(
  (f) => f.kind === "url",
).map((f) => f.input);

/** One declared, known callback URL. */
export interface DeclaredUrl {
  /** The property, e.g. `streamBeginNotifyUrl`. */
  property: string;
  /** The value as declared. */
  value: string;
  /** The parsed URL; `undefined` when it does not parse (the provider's check reports that). */
  url: URL | undefined;
}

/** The known, non-empty callback URLs of `props`; unknown ones (preview) are left out. */
export function declaredUrls(props: Record<string, unknown>): DeclaredUrl[] {
  const out: DeclaredUrl[] = [];
  for (const property of TEMPLATE_URL_PROPERTIES) {
    const value = readString(props, property);
    if (value === undefined || value === UNKNOWN) continue;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    out.push({ property, value, url });
  }
  return out;
}

/** A URL for a message: user name and password, if any, masked. */
export function showUrl(url: URL): string {
  if (url.username === "" && url.password === "") return url.href;
  const copy = new URL(url.href);
  copy.username = "***";
  copy.password = "";
  return copy.href;
}
