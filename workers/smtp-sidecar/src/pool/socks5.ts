/**
 * A minimal SOCKS5 client (RFC 1928 CONNECT, RFC 1929 user/password): opens
 * a TCP stream to a target through a proxy, on `node:net` only. The socket
 * comes back paused, with any bytes the proxy already relayed put back, so
 * the SMTP session reads the greeting from the start.
 */
import { isIP, type Socket, connect as tcpConnect } from "node:net";
import type { SocksProxy } from "./socks-proxy-url.ts";

/** A failure at the proxy (unreachable, refused authentication, or a CONNECT refusal). */
export class Socks5Error extends Error {
  override name = "Socks5Error";
  /** True when the proxy itself failed (unreachable, auth, protocol); false when it reports the target unreachable. */
  readonly proxyFault: boolean;
  /** True when the failure was a timeout. */
  readonly timedOut: boolean;
  constructor(message: string, proxyFault: boolean, timedOut = false) {
    super(message);
    this.proxyFault = proxyFault;
    this.timedOut = timedOut;
  }
}

const REPLY_TEXT: Record<number, string> = {
  1: "general SOCKS server failure",
  2: "connection not allowed by ruleset",
  3: "network unreachable",
  4: "host unreachable",
  5: "connection refused",
  6: "TTL expired",
  7: "command not supported",
  8: "address type not supported",
};

/** Reads exact byte counts from a socket that delivers arbitrary chunks. */
class ByteReader {
  private buffer = Buffer.alloc(0);
  private wanted: { n: number; resolve: (b: Buffer) => void } | null = null;
  private failure: Error | null = null;

  feed(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    this.settle();
  }

  fail(err: Error): void {
    this.failure = err;
    this.settle();
  }

  read(n: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.wanted = { n, resolve };
      this.rejectWith = reject;
      this.settle();
    });
  }

  rest(): Buffer {
    return this.buffer;
  }

  private rejectWith: (err: Error) => void = () => {};

  private settle(): void {
    if (!this.wanted) return;
    if (this.buffer.length >= this.wanted.n) {
      const { n, resolve } = this.wanted;
      this.wanted = null;
      const out = this.buffer.subarray(0, n);
      this.buffer = this.buffer.subarray(n);
      resolve(out);
    } else if (this.failure) {
      this.wanted = null;
      this.rejectWith(this.failure);
    }
  }
}

function addressBytes(host: string): Buffer {
  const family = isIP(host);
  if (family === 4) return Buffer.from([0x01, ...host.split(".").map(Number)]);
  if (family === 6) {
    const groups = expandIPv6(host);
    const bytes = groups.flatMap((g) => [g >> 8, g & 0xff]);
    return Buffer.from([0x04, ...bytes]);
  }
  const name = Buffer.from(host, "utf8");
  if (name.length > 255) throw new Socks5Error("target host name longer than 255 bytes", false);
  return Buffer.concat([Buffer.from([0x03, name.length]), name]);
}

function expandIPv6(host: string): number[] {
  const [head, tail] = host.split("::") as [string, string | undefined];
  const parse = (part: string) => (part ? part.split(":").map((g) => Number.parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
}

async function handshake(socket: Socket, reader: ByteReader, proxy: SocksProxy, host: string, port: number) {
  const methods = proxy.username !== undefined ? [0x00, 0x02] : [0x00];
  socket.write(Buffer.from([0x05, methods.length, ...methods]));
  const [version, method] = await reader.read(2);
  if (version !== 0x05) throw new Socks5Error("proxy did not answer as SOCKS5", true);
  if (method === 0x02) {
    const user = Buffer.from(proxy.username ?? "", "utf8");
    const pass = Buffer.from(proxy.password ?? "", "utf8");
    socket.write(Buffer.concat([Buffer.from([0x01, user.length]), user, Buffer.from([pass.length]), pass]));
    const [, status] = await reader.read(2);
    if (status !== 0x00) throw new Socks5Error("proxy refused the user name and password", true);
  } else if (method !== 0x00) {
    throw new Socks5Error("proxy accepts none of our authentication methods", true);
  }
  const portBytes = Buffer.from([port >> 8, port & 0xff]);
  socket.write(Buffer.concat([Buffer.from([0x05, 0x01, 0x00]), addressBytes(host), portBytes]));
  const [, rep, , atyp] = await reader.read(4);
  const addressLength =
    atyp === 0x01 ? 4 : atyp === 0x04 ? 16 : atyp === 0x03 ? (await reader.read(1))[0]! : -1;
  if (addressLength < 0) throw new Socks5Error("proxy sent an unknown address type", true);
  await reader.read(addressLength + 2);
  if (rep !== 0x00) {
    const targetSide = rep !== undefined && rep >= 3 && rep <= 6;
    throw new Socks5Error(`proxy CONNECT failed: ${REPLY_TEXT[rep ?? 1] ?? `code ${rep}`}`, !targetSide);
  }
}

/** Connects to `host:port` through the proxy; resolves with a paused socket ready for the target's protocol. */
export function connectThroughSocks5(
  proxy: SocksProxy,
  host: string,
  port: number,
  timeoutMs: number,
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: proxy.host, port: proxy.port });
    socket.setNoDelay(true);
    const reader = new ByteReader();
    let done = false;
    const finish = (err: Error | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.removeListener("data", onData);
      if (err) {
        socket.destroy();
        reject(err);
        return;
      }
      // The error and close listeners stay: they are inert now and keep a late error from going unhandled.
      socket.pause();
      const rest = reader.rest();
      if (rest.length > 0) socket.unshift(rest);
      resolve(socket);
    };
    const timer = setTimeout(
      () => finish(new Socks5Error(`SOCKS5 proxy timed out after ${timeoutMs} ms`, true, true)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => reader.feed(chunk);
    const onError = (err: Error) => {
      reader.fail(new Socks5Error(`SOCKS5 proxy connection failed: ${err.message}`, true));
      finish(new Socks5Error(`SOCKS5 proxy connection failed: ${err.message}`, true));
    };
    const onClose = () => reader.fail(new Socks5Error("SOCKS5 proxy closed the connection", true));
    socket.on("data", onData);
    socket.on("error", onError);
    socket.on("close", onClose);
    socket.once("connect", () => {
      handshake(socket, reader, proxy, host, port).then(
        () => finish(null),
        (err: Error) => finish(err instanceof Socks5Error ? err : new Socks5Error(err.message, true)),
      );
    });
  });
}
