/**
 * Which callback URLs the real API may refuse as not safe (`InvalidParameter.UrlNotSafe`): the
 * platform must not be made to call into its own networks, so a host that is a loopback,
 * private or link-local address is refused. The emulator checks only what the URL itself says
 * (address literals and `localhost` names) and never resolves a name, so its answer does not
 * depend on the machine's DNS; the real API may also refuse a name that resolves to such an
 * address.
 */
import { BlockList, isIP } from "node:net";
import { unbracketHost } from "../../../api/loopback";

/** Address ranges by what they are; IPv4 rules also match IPv4-mapped IPv6 addresses. */
const RANGES: readonly { kind: string; list: BlockList }[] = [
  {
    kind: "loopback",
    list: blockList((b) => {
      b.addSubnet("127.0.0.0", 8, "ipv4");
      b.addAddress("::1", "ipv6");
      // The unspecified address reaches this machine when connected to.
      b.addSubnet("0.0.0.0", 8, "ipv4");
      b.addAddress("::", "ipv6");
    }),
  },
  {
    kind: "private",
    list: blockList((b) => {
      b.addSubnet("10.0.0.0", 8, "ipv4");
      b.addSubnet("172.16.0.0", 12, "ipv4");
      b.addSubnet("192.168.0.0", 16, "ipv4");
      b.addSubnet("fc00::", 7, "ipv6");
    }),
  },
  {
    kind: "link-local",
    list: blockList((b) => {
      b.addSubnet("169.254.0.0", 16, "ipv4");
      b.addSubnet("fe80::", 10, "ipv6");
    }),
  },
];

function blockList(fill: (list: BlockList) => void): BlockList {
  const list = new BlockList();
  fill(list);
  return list;
}

/**
 * Why the host of `url` is not safe for the platform to call (`loopback`, `private` or
 * `link-local`), or `undefined` when it may be called. `url` must be a valid URL.
 */
export function unsafeHostKind(url: string): string | undefined {
  const host = unbracketHost(new URL(url).hostname).toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return "loopback";
  const family = isIP(host);
  if (family === 0) return undefined;
  const type = family === 4 ? "ipv4" : "ipv6";
  return RANGES.find(({ list }) => list.check(host, type))?.kind;
}
