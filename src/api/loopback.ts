/** Whether a host can only be reached from this machine: shared by the client and the emulator. */
import { BlockList, isIP } from "node:net";

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/** Removes the brackets of an IPv6 literal written as in a URL (`[::1]` → `::1`). */
export function unbracketHost(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/**
 * True when `host` can only be reached from this machine: `localhost`, 127.0.0.0/8, `::1` or an
 * IPv4-mapped 127.x address. Any other name counts as non-loopback because it may resolve to a
 * public interface.
 */
export function isLoopbackHost(host: string): boolean {
  const h = unbracketHost(host).toLowerCase();
  if (h === "localhost") return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (mapped) return LOOPBACK.check(mapped[1], "ipv4");
  const family = isIP(h);
  if (family === 4) return LOOPBACK.check(h, "ipv4");
  if (family === 6) return LOOPBACK.check(h, "ipv6");
  return false;
}
