/**
 * CRAWL_CONNECT_CHECKED_ADDRESS: a crawler request sent over a TCP socket
 * (`cloudflare:sockets`) to the very address the SSRF guard checked, so a
 * DNS-rebinding name cannot answer the check with a public address and the
 * connection with a private one.
 *
 * fetch() cannot do this in workerd: its network client connects to the
 * URL's host and rewrites `Host` from the URL, so `http://<ip>/` with a
 * `Host` header reaches the site's default virtual host, and https to an IP
 * URL would present the IP as SNI. A socket keeps the two apart: it
 * connects to the IP literal, sends the site's name in `Host`, and for
 * https starts TLS with `expectedServerHostname` set to the site's name
 * (SNI and the certificate check both use it). Only plain HTTP/1.1 GET with
 * `Connection: close` and `Accept-Encoding: identity` is spoken: enough
 * for pages, sitemaps and robots.txt.
 */
import { connect as socketConnect } from "cloudflare:sockets";
import { isIpLiteral } from "../domain/network/ip-ranges.ts";

/** Where a pinned request goes and what it says. */
export interface PinnedTarget {
  /** The checked IP literal (IPv6 without brackets). */
  address: string;
  port: number;
  /** https: TLS over the socket, verified against `serverName`. */
  tls: boolean;
  /** The site's host name, for SNI and the certificate check. */
  serverName: string;
  /** The `Host` header: the URL's host (with its port when not the default). */
  hostHeader: string;
  /** Path and query, as the site spells them. */
  requestTarget: string;
}

/** The address a pinned request connects to: the first IPv4 address checked, else the first one. */
export function pickAddress(addresses: readonly string[]): string | null {
  return addresses.find((a) => !a.includes(":")) ?? addresses[0] ?? null;
}

/** Builds the target for `url` sent to `address` (one the guard checked). */
export function pinnedTarget(url: URL, address: string): PinnedTarget {
  const ip = address.replace(/^\[|\]$/g, "");
  if (!isIpLiteral(ip)) throw new TypeError(`not an IP address: ${address}`);
  const tls = url.protocol === "https:";
  return {
    address: ip,
    port: url.port ? Number(url.port) : tls ? 443 : 80,
    tls,
    serverName: url.hostname,
    hostHeader: url.host,
    requestTarget: `${url.pathname || "/"}${url.search}`,
  };
}

/** The request line and headers: the caller's headers, then the ones the socket client needs. */
export function requestHead(target: PinnedTarget, headers: HeadersInit = {}): string {
  const lines = [`GET ${target.requestTarget} HTTP/1.1`, `Host: ${target.hostHeader}`];
  for (const [name, value] of new Headers(headers)) {
    if (/^(host|connection|accept-encoding|content-length|transfer-encoding)$/i.test(name)) continue;
    lines.push(`${name}: ${value}`);
  }
  lines.push("Accept-Encoding: identity", "Connection: close");
  return `${lines.join("\r\n")}\r\n\r\n`;
}

/** Parses a response head ("HTTP/1.1 200 OK" and header lines, without the blank line). */
export function parseResponseHead(text: string): { status: number; headers: Headers } {
  const [statusLine = "", ...lines] = text.split("\r\n");
  const match = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(statusLine);
  if (!match) throw new TypeError(`not an HTTP/1.x response: ${JSON.stringify(statusLine.slice(0, 40))}`);
  const headers = new Headers();
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return { status: Number(match[1]), headers };
}

type Connect = typeof socketConnect;
const MAX_HEAD_BYTES = 64 * 1024;
const HEAD_END = [13, 10, 13, 10];

/**
 * Sends a GET for `target` over a socket to its address and answers with a
 * web Response (body streamed; cancelling it closes the socket).
 */
export async function fetchPinned(
  target: PinnedTarget,
  init: { headers?: HeadersInit; signal?: AbortSignal | null } = {},
  connect: Connect = socketConnect,
): Promise<Response> {
  init.signal?.throwIfAborted();
  let socket = connect(
    { hostname: target.address, port: target.port },
    { secureTransport: target.tls ? "starttls" : "off", allowHalfOpen: false },
  );
  if (target.tls) socket = socket.startTls({ expectedServerHostname: target.serverName });
  const close = () => void socket.close().catch(() => {});
  init.signal?.addEventListener("abort", close, { once: true });
  try {
    const writer = socket.writable.getWriter();
    await writer.write(new TextEncoder().encode(requestHead(target, init.headers)));
    writer.releaseLock();
    const reader = socket.readable.getReader();
    const { head, rest } = await readHead(reader);
    const { status, headers } = parseResponseHead(new TextDecoder("latin1").decode(head));
    const nullBody = status === 204 || status === 304 || (status >= 100 && status < 200);
    const body = nullBody ? null : bodyStream(reader, rest, headers, close);
    if (nullBody) close();
    return new Response(body, { status, headers });
  } catch (err) {
    close();
    throw init.signal?.aborted ? init.signal.reason : err;
  }
}

async function readHead(reader: ReadableStreamDefaultReader<Uint8Array>) {
  let buffer: Uint8Array = new Uint8Array();
  for (;;) {
    const end = indexOf(buffer, HEAD_END);
    if (end !== -1) return { head: buffer.subarray(0, end), rest: buffer.subarray(end + 4) };
    if (buffer.byteLength > MAX_HEAD_BYTES) throw new TypeError("response head too large");
    const { done, value } = await reader.read();
    if (done) throw new TypeError("connection closed before the response head");
    buffer = concat(buffer, value);
  }
}

/** The body as framed by Transfer-Encoding: chunked, else Content-Length, else the end of the connection. */
function bodyStream(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  first: Uint8Array,
  headers: Headers,
  close: () => void,
): ReadableStream<Uint8Array> {
  const chunked = /\bchunked\b/i.test(headers.get("Transfer-Encoding") ?? "");
  const length = Number(headers.get("Content-Length") ?? Number.NaN);
  let buffer = first;
  let remaining = chunked ? 0 : Number.isFinite(length) ? length : Number.POSITIVE_INFINITY;
  let finished = false;
  // Reads more bytes into the buffer; false at the end of the connection.
  const more = async () => {
    const { done, value } = await reader.read();
    if (done) return false;
    buffer = concat(buffer, value);
    return true;
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (finished) return;
      if (chunked && remaining === 0) {
        let eol = indexOf(buffer, [13, 10]);
        while (eol === -1) {
          if (!(await more())) throw new TypeError("connection closed inside a chunk header");
          eol = indexOf(buffer, [13, 10]);
        }
        const size = Number.parseInt(new TextDecoder().decode(buffer.subarray(0, eol)), 16);
        if (Number.isNaN(size)) throw new TypeError("malformed chunk size");
        buffer = buffer.subarray(eol + 2);
        if (size === 0) {
          finished = true;
          controller.close();
          close();
          return;
        }
        remaining = size;
      }
      if (buffer.byteLength === 0 && remaining > 0 && !(await more())) {
        if (chunked || Number.isFinite(remaining)) throw new TypeError("connection closed inside the body");
        finished = true;
        controller.close();
        close();
        return;
      }
      const take = Math.min(buffer.byteLength, remaining);
      if (take > 0) controller.enqueue(buffer.slice(0, take));
      buffer = buffer.subarray(take);
      remaining -= take;
      if (chunked && remaining === 0) {
        while (buffer.byteLength < 2) if (!(await more())) break;
        buffer = buffer.subarray(2); // the CRLF after the chunk's data
      } else if (!chunked && remaining === 0) {
        finished = true;
        controller.close();
        close();
      }
    },
    cancel() {
      close();
    },
  });
}

function indexOf(haystack: Uint8Array, needle: number[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.byteLength; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a, 0);
  out.set(b, a.byteLength);
  return out;
}
