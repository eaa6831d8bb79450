/** Pinned requests (CRAWL_CONNECT_CHECKED_ADDRESS): what is sent where, and how answers are read. */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.ts";
import type { Env } from "../env.ts";
import {
  fetchPinned,
  parseResponseHead,
  pickAddress,
  pinnedTarget,
  requestHead,
} from "./pinned-connection.ts";

describe("pinnedTarget", () => {
  it("connects to the checked address but names the site in Host and, for https, in TLS", () => {
    expect(pinnedTarget(new URL("http://www.acme.com/team/?p=2"), "93.184.215.14")).toEqual({
      address: "93.184.215.14",
      port: 80,
      tls: false,
      serverName: "www.acme.com",
      hostHeader: "www.acme.com",
      requestTarget: "/team/?p=2",
    });
    expect(pinnedTarget(new URL("https://acme.com/Über%20uns"), "2606:4700:4700::1111")).toEqual({
      address: "2606:4700:4700::1111",
      port: 443,
      tls: true,
      serverName: "acme.com",
      hostHeader: "acme.com",
      requestTarget: "/%C3%9Cber%20uns",
    });
    expect(pinnedTarget(new URL("http://acme.com:8080/"), "[::1]")).toMatchObject({
      address: "::1",
      port: 8080,
      hostHeader: "acme.com:8080",
    });
  });

  it("refuses anything but an IP literal as the address", () => {
    expect(() => pinnedTarget(new URL("http://acme.com/"), "evil.example")).toThrow(TypeError);
  });

  it("prefers an IPv4 address among those checked", () => {
    expect(pickAddress(["2606:4700::1", "93.184.215.14"])).toBe("93.184.215.14");
    expect(pickAddress(["2606:4700::1"])).toBe("2606:4700::1");
    expect(pickAddress([])).toBeNull();
  });
});

describe("requestHead", () => {
  it("sends the site's host once, the caller's headers, and no compression or keep-alive", () => {
    const target = pinnedTarget(new URL("http://acme.com/a?b=1"), "93.184.215.14");
    const head = requestHead(target, {
      "User-Agent": "ProspectorBot",
      Host: "evil.example",
      Connection: "x",
    });
    expect(head.split("\r\n")).toEqual([
      "GET /a?b=1 HTTP/1.1",
      "Host: acme.com",
      "user-agent: ProspectorBot",
      "Accept-Encoding: identity",
      "Connection: close",
      "",
      "",
    ]);
  });
});

describe("parseResponseHead", () => {
  it("reads the status and repeated headers", () => {
    const { status, headers } = parseResponseHead(
      "HTTP/1.1 301 Moved Permanently\r\nLocation: /team/\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2",
    );
    expect(status).toBe(301);
    expect(headers.get("location")).toBe("/team/");
    expect(headers.getSetCookie()).toEqual(["a=1", "b=2"]);
  });

  it("refuses what is not HTTP/1.x", () => {
    expect(() => parseResponseHead("SSH-2.0-OpenSSH_9.6")).toThrow(TypeError);
  });
});

/** A socket whose peer writes `reply` in the given pieces (the network stands in for a server). */
function scriptedConnect(pieces: string[], sent: string[] = []) {
  return ((address: { hostname: string; port: number }, options: { secureTransport: string }) => {
    sent.push(`${address.hostname}:${address.port} ${options.secureTransport}`);
    const encoder = new TextEncoder();
    const socket = {
      readable: new ReadableStream<Uint8Array>({
        start(controller) {
          for (const piece of pieces) controller.enqueue(encoder.encode(piece));
          controller.close();
        },
      }),
      writable: new WritableStream<Uint8Array>({
        write(chunk) {
          sent.push(new TextDecoder().decode(chunk));
        },
      }),
      close: async () => {},
      startTls: (tls: { expectedServerHostname: string }) => {
        sent.push(`tls ${tls.expectedServerHostname}`);
        return socket;
      },
    };
    return socket;
  }) as unknown as Parameters<typeof fetchPinned>[2];
}

describe("fetchPinned framing", () => {
  const target = pinnedTarget(new URL("https://acme.com/team"), "93.184.215.14");

  it("decodes a chunked body split across reads, and starts TLS for the site's name", async () => {
    const sent: string[] = [];
    const res = await fetchPinned(
      target,
      {},
      scriptedConnect(
        [
          "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-",
          "Encoding: chunked\r\n\r\n5\r\nhel",
          "lo\r\n6;x=1\r\n world\r\n0\r\n\r\n",
        ],
        sent,
      ),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("hello world");
    expect(sent.slice(0, 2)).toEqual(["93.184.215.14:443 starttls", "tls acme.com"]);
    expect(sent[2]).toMatch(/^GET \/team HTTP\/1\.1\r\nHost: acme\.com\r\n/);
  });

  it("stops at Content-Length, reads to the end without one, and has no body for 304", async () => {
    const sized = await fetchPinned(
      target,
      {},
      scriptedConnect(["HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef"]),
    );
    expect(await sized.text()).toBe("abc");
    const open = await fetchPinned(target, {}, scriptedConnect(["HTTP/1.0 200 OK\r\n\r\nab", "cd"]));
    expect(await open.text()).toBe("abcd");
    const cached = await fetchPinned(target, {}, scriptedConnect(["HTTP/1.1 304 Not Modified\r\n\r\n"]));
    expect(cached.body).toBeNull();
  });

  it("fails like a network error when the connection ends early", async () => {
    const cut = await fetchPinned(
      target,
      {},
      scriptedConnect(["HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"]),
    );
    await expect(cut.text()).rejects.toThrow(/closed inside the body/);
    await expect(fetchPinned(target, {}, scriptedConnect(["HTTP/1.1 200"]))).rejects.toThrow(
      /before the response head/,
    );
  });
});

describe("loadConfig: CRAWL_CONNECT_CHECKED_ADDRESS", () => {
  const production = { ENVIRONMENT: "production", PUBLIC_ORIGIN: "https://p.example" };
  it("is off unless set, and takes the usual switch values", () => {
    expect(loadConfig(production as Env).CRAWL_CONNECT_CHECKED_ADDRESS).toBe(false);
    expect(
      loadConfig({ ...production, CRAWL_CONNECT_CHECKED_ADDRESS: "true" } as Env)
        .CRAWL_CONNECT_CHECKED_ADDRESS,
    ).toBe(true);
    expect(() => loadConfig({ ...production, CRAWL_CONNECT_CHECKED_ADDRESS: "yes" } as Env)).toThrow(
      /CRAWL_CONNECT_CHECKED_ADDRESS/,
    );
  });

  it("cannot be combined with ALLOW_PRIVATE_TARGETS, under which nothing is resolved to connect to", () => {
    const dev = {
      ENVIRONMENT: "development",
      ALLOW_PRIVATE_TARGETS: "true",
      CRAWL_CONNECT_CHECKED_ADDRESS: "true",
    };
    expect(() => loadConfig(dev as Env)).toThrow(/ALLOW_PRIVATE_TARGETS/);
  });
});
