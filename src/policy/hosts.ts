/**
 * Which hosts of a callback URL the platform cannot, or must not, call: the public-URL policy's
 * classification, and the allow-lists its config (and the HTTPS policy's) give.
 *
 * Only what the URL itself says is judged (address literals in every form the URL parser
 * accepts, and reserved names); a name is never resolved, so the answer does not depend on the
 * DNS of the machine running `pulumi preview`. The real API may also refuse a name that resolves
 * to a private address, which no policy can see.
 */
import { BlockList, isIP } from "node:net";
import { unbracketHost } from "../api/loopback";

/** Why a host is not a public address the platform may call. */
export type NonPublicHostKind =
  | "loopback"
  | "unspecified"
  | "private"
  | "link-local"
  | "metadata"
  | "cgnat"
  | "unique-local"
  | "site-local"
  | "multicast"
  | "documentation"
  | "benchmarking"
  | "reserved"
  | "single-label";

type Family = "ipv4" | "ipv6";
type Range = readonly [kind: NonPublicHostKind, family: Family, prefix: string, bits: number];

/**
 * Address ranges, most specific first: the metadata services sit inside link-local and
 * unique-local space and are named as what they are. Cloud metadata services: 169.254.169.254
 * (most clouds), 169.254.0.23 (Tencent Cloud's metadata.tencentyun.com), fd00:ec2::254 (AWS).
 */
const RANGES: readonly Range[] = [
  ["metadata", "ipv4", "169.254.169.254", 32],
  ["metadata", "ipv4", "169.254.0.23", 32],
  ["metadata", "ipv6", "fd00:ec2::254", 128],
  ["unspecified", "ipv4", "0.0.0.0", 8],
  ["loopback", "ipv4", "127.0.0.0", 8],
  ["private", "ipv4", "10.0.0.0", 8],
  ["private", "ipv4", "172.16.0.0", 12],
  ["private", "ipv4", "192.168.0.0", 16],
  ["cgnat", "ipv4", "100.64.0.0", 10],
  ["link-local", "ipv4", "169.254.0.0", 16],
  ["reserved", "ipv4", "192.0.0.0", 24],
  ["documentation", "ipv4", "192.0.2.0", 24],
  ["documentation", "ipv4", "198.51.100.0", 24],
  ["documentation", "ipv4", "203.0.113.0", 24],
  ["benchmarking", "ipv4", "198.18.0.0", 15],
  ["multicast", "ipv4", "224.0.0.0", 4],
  // Includes the limited broadcast address 255.255.255.255.
  ["reserved", "ipv4", "240.0.0.0", 4],
  ["unspecified", "ipv6", "::", 128],
  ["loopback", "ipv6", "::1", 128],
  ["unique-local", "ipv6", "fc00::", 7],
  ["link-local", "ipv6", "fe80::", 10],
  ["site-local", "ipv6", "fec0::", 10],
  ["multicast", "ipv6", "ff00::", 8],
  ["documentation", "ipv6", "2001:db8::", 32],
  ["reserved", "ipv6", "100::", 64],
];

const LISTS: readonly { kind: NonPublicHostKind; family: Family; list: BlockList }[] = RANGES.map(
  ([kind, family, prefix, bits]) => {
    const list = new BlockList();
    list.addSubnet(prefix, bits, family);
    return { kind, family, list };
  },
);

/** Names that mean the local machine, its link, or no public host at all (RFC 6761, 8375). */
const NAME_SUFFIXES: readonly [suffix: string, kind: NonPublicHostKind][] = [
  ["localhost", "loopback"],
  ["local", "link-local"],
  ["internal", "private"],
  ["home.arpa", "private"],
  ["test", "reserved"],
  ["invalid", "reserved"],
  ["example", "reserved"],
];

/** Names of cloud metadata services. */
const METADATA_NAMES: ReadonlySet<string> = new Set([
  "metadata.tencentyun.com",
  "metadata.google.internal",
  "metadata",
]);

/** A host as written in a URL, lower case, without brackets or a trailing dot. */
export function normalizeHost(host: string): string {
  const h = unbracketHost(host.trim()).toLowerCase();
  return h.endsWith(".") ? h.slice(0, -1) : h;
}

/** The 16 bytes of an IPv6 address (`isIP(address) === 6`). */
function ipv6Bytes(address: string): number[] {
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  const tail: number[] = [];
  if (dotted) {
    tail.push(...dotted[1].split(".").map(Number));
    text = text.slice(0, -dotted[1].length) + "0:0";
  }
  const [head, rest] = text.includes("::") ? text.split("::") : [text, undefined];
  const words = (s: string | undefined) => (s ? s.split(":").filter((w) => w !== "") : []);
  const left = words(head);
  const right = words(rest);
  const fill = rest === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  const all = [...left, ...fill, ...right].map((w) => parseInt(w, 16));
  const bytes = all.flatMap((w) => [w >> 8, w & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/**
 * The IPv4 address an IPv6 address carries, when it is an IPv4-mapped (`::ffff:a.b.c.d`),
 * NAT64 (`64:ff9b::/96`) or 6to4 (`2002::/16`) address, which reach that IPv4 address.
 */
function embeddedIpv4(address: string): string | undefined {
  const b = ipv6Bytes(address);
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return b.slice(12, 16).join(".");
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) {
    return b.slice(12, 16).join(".");
  }
  if (b[0] === 0x20 && b[1] === 0x02) return b.slice(2, 6).join(".");
  return undefined;
}

function classifyAddress(address: string, family: Family): NonPublicHostKind | undefined {
  if (family === "ipv6") {
    const v4 = embeddedIpv4(address);
    if (v4 !== undefined) return classifyAddress(v4, "ipv4");
  }
  return LISTS.find((r) => r.family === family && r.list.check(address, family))?.kind;
}

/**
 * Why `host` (as a URL's `hostname` gives it, brackets allowed) is not a public host the
 * platform may call, or `undefined` when it may be public. Address literals are classified by
 * range; names by the reserved suffixes (`localhost`, `*.localhost`, `*.local`, `*.internal`,
 * `*.home.arpa`, `*.test`, `*.invalid`, `*.example`), the metadata services' names, and names
 * of a single label, which no public DNS answers.
 */
export function classifyHost(host: string): NonPublicHostKind | undefined {
  const h = normalizeHost(host);
  const family = isIP(h);
  if (family !== 0) return classifyAddress(h, family === 4 ? "ipv4" : "ipv6");
  if (METADATA_NAMES.has(h)) return "metadata";
  for (const [suffix, kind] of NAME_SUFFIXES) {
    if (h === suffix || h.endsWith(`.${suffix}`)) return kind;
  }
  return h.includes(".") ? undefined : "single-label";
}

/** A host as WHATWG URL parsing writes it, so `[0:0::1]` and `::1` compare equal. */
function canonicalHost(host: string): string | undefined {
  const h = normalizeHost(host);
  try {
    return normalizeHost(new URL(`http://${isIP(h) === 6 ? `[${h}]` : h}/`).hostname);
  } catch {
    return undefined;
  }
}

/**
 * True when `host` is in `allowed`. An entry is a host name (any letter case), `*.` followed by
 * a domain (any name below it, not the domain itself), an IPv4 or IPv6 address (brackets
 * optional), or an address range in CIDR notation (`10.1.0.0/16`, `fd00::/8`).
 */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const h = canonicalHost(host);
  if (h === undefined) return false;
  const family = isIP(h);
  return allowed.some((raw) => {
    const entry = raw.trim().toLowerCase();
    const cidr = /^\[?([0-9a-f:.]+)\]?\/(\d{1,3})$/.exec(entry);
    if (cidr) {
      const entryFamily = isIP(cidr[1]);
      if (entryFamily === 0 || entryFamily !== family) return false;
      const bits = Number(cidr[2]);
      if (bits > (entryFamily === 4 ? 32 : 128)) return false;
      const list = new BlockList();
      list.addSubnet(cidr[1], bits, entryFamily === 4 ? "ipv4" : "ipv6");
      return list.check(h, family === 4 ? "ipv4" : "ipv6");
    }
    if (entry.startsWith("*.")) {
      const domain = canonicalHost(entry.slice(2));
      return domain !== undefined && family === 0 && h.endsWith(`.${domain}`);
    }
    return canonicalHost(entry) === h;
  });
}
