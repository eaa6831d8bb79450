import { describe, expect, it } from "vitest";
import { classifyAddress, isIpLiteral } from "./ip-ranges.ts";

describe("classifyAddress", () => {
  it.each([
    ["8.8.8.8", "public"],
    ["1.1.1.1", "public"],
    ["93.184.216.34", "public"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.1", "public"],
    ["192.168.1.1", "private"],
    ["127.0.0.1", "loopback"],
    ["127.1.2.3", "loopback"],
    ["169.254.169.254", "metadata"],
    ["169.254.10.1", "link_local"],
    ["100.64.0.1", "cgnat"],
    ["100.127.255.255", "cgnat"],
    ["100.128.0.1", "public"],
    ["0.0.0.0", "reserved"],
    ["224.0.0.251", "multicast"],
    ["255.255.255.255", "reserved"],
    ["192.0.2.10", "reserved"],
    ["198.18.0.1", "reserved"],
    ["2606:4700:4700::1111", "public"],
    ["2001:4860:4860::8888", "public"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["::", "reserved"],
    ["fe80::1%eth0", "link_local"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["fd00:ec2::254", "metadata"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:8.8.8.8", "public"],
    ["64:ff9b::a9fe:a9fe", "metadata"],
    ["2002:c0a8:0101::1", "private"],
    ["2001:db8::1", "reserved"],
    ["01.2.3.4", "invalid"],
    ["1.2.3", "invalid"],
    ["not-an-ip", "invalid"],
    ["1:2:3:4:5:6:7:8:9", "invalid"],
  ])("%s -> %s", (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it("recognises IP literals in every notation a URL may carry", () => {
    for (const host of ["127.0.0.1", "[::1]", "::ffff:7f00:1", "2130706433", "0x7f000001"])
      expect(isIpLiteral(host)).toBe(true);
    for (const host of ["acme.test", "1.example.com", "localhost"]) expect(isIpLiteral(host)).toBe(false);
  });
});
