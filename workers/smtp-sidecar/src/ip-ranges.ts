/**
 * Is an address one the crawler or the SMTP verifier may reach? Everything
 * that is not plainly public is refused: private (RFC 1918, ULA), loopback,
 * link-local, CGNAT (100.64/10), cloud metadata (169.254.169.254,
 * fd00:ec2::254), multicast, reserved and documentation ranges, and IPv6
 * forms that embed an IPv4 address (mapped, NAT64, 6to4, Teredo) are judged
 * by that address.
 *
 * Shared code, like signature.ts: the sidecar's MX target guard uses it, and
 * the Worker's crawler imports it through src/domain/network/ip-ranges.ts.
 * It lives here so the sidecar's image (which copies only this folder)
 * carries it; it is pure and uses nothing Node-only.
 */

export type AddressClass =
  | "public"
  | "private"
  | "loopback"
  | "link_local"
  | "cgnat"
  | "metadata"
  | "multicast"
  | "reserved"
  | "invalid";

const v4Blocks: [string, number, AddressClass][] = [
  ["0.0.0.0", 8, "reserved"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "cgnat"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.169.254", 32, "metadata"],
  ["169.254.0.0", 16, "link_local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "reserved"],
  ["192.88.99.0", 24, "reserved"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "reserved"],
  ["198.51.100.0", 24, "reserved"],
  ["203.0.113.0", 24, "reserved"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];

/** The 32-bit value of a dotted IPv4 address, or null. */
export function parseIPv4(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || (part.length > 1 && part.startsWith("0"))) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

function classifyV4Value(value: number): AddressClass {
  for (const [base, bits, cls] of v4Blocks) {
    const mask = bits === 0 ? 0 : 2 ** 32 - 2 ** (32 - bits);
    if ((value & mask) >>> 0 === (parseIPv4(base)! & mask) >>> 0) return cls;
  }
  return "public";
}

/** The eight 16-bit groups of an IPv6 address (zone and brackets allowed), or null. */
export function parseIPv6(text: string): number[] | null {
  let s = text
    .replace(/^\[|\]$/g, "")
    .split("%")[0]!
    .toLowerCase();
  let tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const value = parseIPv4(v4[1]!);
    if (value === null) return null;
    tail = [value >>> 16, value & 0xffff];
    s = `${s.slice(0, -v4[1]!.length)}0:0`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const parse = (h: string) => (h ? h.split(":") : []);
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return null;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...rest];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  const values = groups.map((g) => Number.parseInt(g, 16));
  if (tail.length) values.splice(6, 2, ...tail);
  return values;
}

function classifyV6(g: number[]): AddressClass {
  const embeddedV4 = (hi: number, lo: number) => classifyV4Value(hi * 65536 + lo);
  if (g.every((x) => x === 0)) return "reserved";
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return "loopback";
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return embeddedV4(g[6]!, g[7]!); // ::ffff:a.b.c.d
  if (g.slice(0, 6).every((x) => x === 0)) return embeddedV4(g[6]!, g[7]!); // ::a.b.c.d (deprecated compatible)
  if (g[0] === 0x64 && g[1] === 0xff9b) return embeddedV4(g[6]!, g[7]!); // NAT64
  if (g[0] === 0x2002) return embeddedV4(g[1]!, g[2]!); // 6to4
  if (g[0] === 0x2001 && g[1] === 0) return embeddedV4(g[6]! ^ 0xffff, g[7]! ^ 0xffff); // Teredo client
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && g.slice(2, 7).every((x) => x === 0) && g[7] === 0x254)
    return "metadata";
  if ((g[0]! & 0xfe00) === 0xfc00) return "private"; // fc00::/7 unique local
  if ((g[0]! & 0xffc0) === 0xfe80) return "link_local";
  if ((g[0]! & 0xffc0) === 0xfec0) return "private"; // deprecated site-local
  if ((g[0]! & 0xff00) === 0xff00) return "multicast";
  if (g[0] === 0x2001 && g[1] === 0x0db8) return "reserved"; // documentation
  if (g[0] === 0x0100 && g.slice(1, 4).every((x) => x === 0)) return "reserved"; // discard
  return (g[0]! & 0xe000) === 0x2000 ? "public" : "reserved"; // only 2000::/3 is global unicast
}

/** Classifies an IPv4 or IPv6 address literal. */
export function classifyAddress(address: string): AddressClass {
  const v4 = parseIPv4(address);
  if (v4 !== null) return classifyV4Value(v4);
  const v6 = parseIPv6(address);
  return v6 ? classifyV6(v6) : "invalid";
}

/** True when the text is an IP literal (v4, v6, bracketed v6), in any notation a URL parser accepts. */
export function isIpLiteral(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "");
  return parseIPv4(h) !== null || parseIPv6(h) !== null || /^(0x[0-9a-f]+|\d+)$/i.test(h);
}
