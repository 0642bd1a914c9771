/**
 * Reading a `multipart/form-data` body (TC3 may be sent that way): every part is one parameter,
 * named by its Content-Disposition, its value read as UTF-8 text. Only what an API request needs:
 * no nested multipart, no files kept apart from fields.
 */
import { fail } from "./errors";
import type { FlatPairs } from "./flatParams";

/** The boundary of a `multipart/form-data` Content-Type, or `undefined` for another type. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) fail("InvalidParameter", "The multipart/form-data Content-Type has no boundary.");
  return boundary;
}

/** The parts of `body` as name/value pairs; a malformed body is `InvalidParameter`. */
export function parseMultipart(body: Buffer, boundary: string): FlatPairs {
  const text = body.toString("latin1");
  const delimiter = `--${boundary}`;
  const malformed = (why: string): never =>
    fail("InvalidParameter", `The multipart/form-data body is malformed: ${why}.`);
  if (!text.startsWith(delimiter)) malformed("it does not start with the boundary");
  if (text.startsWith(`${delimiter}--`)) return [];
  const end = text.indexOf(`\r\n${delimiter}--`);
  if (end < 0) malformed("the closing boundary is missing");
  const pairs: [string, string][] = [];
  const seen = new Set<string>();
  for (const chunk of text.slice(delimiter.length, end).split(`\r\n${delimiter}`)) {
    const part = chunk.replace(/^\r\n/, "");
    const split = part.indexOf("\r\n\r\n");
    if (split < 0) malformed("a part has no blank line after its headers");
    const headers = part.slice(0, split);
    const name =
      /content-disposition:\s*form-data;[^\r\n]*?\bname="([^"]*)"/i.exec(headers)?.[1] ??
      malformed("a part has no Content-Disposition name");
    if (seen.has(name)) fail("InvalidParameter", `The parameter \`${name}\` is given twice.`);
    seen.add(name);
    // latin1 kept the bytes as they were; the values are UTF-8 text.
    const value = Buffer.from(part.slice(split + 4), "latin1").toString("utf8");
    pairs.push([Buffer.from(name, "latin1").toString("utf8"), value]);
  }
  return pairs;
}
