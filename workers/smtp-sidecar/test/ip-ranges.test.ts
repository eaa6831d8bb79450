/**
 * The MX target guard's table: every class of address the crawler refuses
 * is refused as an MX target too, in each notation DNS can hand back
 * (IPv4-mapped, NAT64, 6to4 forms judged by the IPv4 address inside), and
 * ALLOW_PRIVATE_TARGETS lifts it for IP literals only.
 */
import { describe, expect, it } from "vitest";
import { refusedHostAddress, refusedTarget } from "../src/pool/target-guard.ts";

const REFUSED: [string, string][] = [
  ["127.0.0.1", "loopback"],
  ["127.0.5.10", "loopback"],
  ["::1", "loopback"],
  ["::ffff:127.0.0.1", "loopback"],
  ["::ffff:7f00:1", "loopback"],
  ["64:ff9b::127.0.0.1", "loopback"],
  ["10.1.2.3", "private"],
  ["172.16.0.1", "private"],
  ["192.168.1.1", "private"],
  ["::ffff:10.0.0.1", "private"],
  ["64:ff9b::a00:1", "private"],
  ["64:ff9b::c0a8:101", "private"],
  ["2002:c0a8:0101::1", "private"],
  ["fc00::1", "private"],
  ["fd12:3456::25", "private"],
  ["fe80::1", "link_local"],
  ["fe80::1%eth0", "link_local"],
  ["169.254.1.1", "link_local"],
  ["169.254.169.254", "metadata"],
  ["::ffff:169.254.169.254", "metadata"],
  ["64:ff9b::a9fe:a9fe", "metadata"],
  ["fd00:ec2::254", "metadata"],
  ["100.64.0.1", "cgnat"],
  ["100.127.255.254", "cgnat"],
  ["0.0.0.0", "reserved"],
  ["::", "reserved"],
  ["255.255.255.255", "reserved"],
  ["240.0.0.1", "reserved"],
  ["192.0.2.25", "reserved"],
  ["2001:db8::25", "reserved"],
  ["224.0.0.1", "multicast"],
  ["ff02::1", "multicast"],
  ["mx.example.com", "invalid"],
  ["", "invalid"],
];

const PUBLIC = ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"];

describe("the MX target guard", () => {
  it.each(REFUSED)("refuses %s (%s)", (address, addressClass) => {
    expect(refusedTarget(address, false)).toEqual({ address, addressClass });
  });

  it.each(PUBLIC)("lets the public address %s through", (address) => {
    expect(refusedTarget(address, false)).toBeNull();
  });

  it("with ALLOW_PRIVATE_TARGETS lets every IP literal through, never a name", () => {
    const literals = REFUSED.filter(([, addressClass]) => addressClass !== "invalid");
    expect(literals.length).toBe(REFUSED.length - 2);
    for (const [address] of literals) expect(refusedTarget(address, true)).toBeNull();
    expect(refusedTarget("mx.example.com", true)).toMatchObject({ addressClass: "invalid" });
  });

  it("refuses a host when any of its addresses is refused, in either order", () => {
    expect(refusedHostAddress(["93.184.216.34", "127.0.0.1"], false)).toEqual({
      address: "127.0.0.1",
      addressClass: "loopback",
    });
    expect(refusedHostAddress(["10.0.0.5", "93.184.216.34"], false)).toMatchObject({ address: "10.0.0.5" });
    expect(refusedHostAddress(["93.184.216.34", "2606:4700:4700::1111"], false)).toBeNull();
    expect(refusedHostAddress([], false)).toBeNull();
  });
});
