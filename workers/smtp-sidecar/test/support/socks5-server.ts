/**
 * A tiny SOCKS5 server for tests (RFC 1928 CONNECT with no-auth or RFC 1929
 * user/password): connects to the requested target, optionally from a given
 * local address, and relays bytes both ways. Records each CONNECT.
 */
import { createServer, type Socket, connect as tcpConnect } from "node:net";

/** Options of the test proxy. */
export interface Socks5ServerOptions {
  /** Require these credentials (user/password auth); omitted = no authentication. */
  credentials?: { username: string; password: string };
  /** Local address of the proxy's outbound connections. */
  outboundAddress?: string;
}

/** One CONNECT the proxy handled. */
export interface Socks5Connect {
  host: string;
  port: number;
  username: string | null;
}

/** A running proxy. */
export interface Socks5Server {
  port: number;
  connects: Socks5Connect[];
  /** Refused authentications. */
  refusedLogins: number;
  close(): Promise<void>;
}

function readTarget(buf: Buffer, offset: number): { host: string; port: number; end: number } | null {
  const atyp = buf[offset];
  let host: string;
  let at = offset + 1;
  if (atyp === 0x01) {
    if (buf.length < at + 6) return null;
    host = [...buf.subarray(at, at + 4)].join(".");
    at += 4;
  } else if (atyp === 0x03) {
    const len = buf[at];
    if (len === undefined || buf.length < at + 1 + len + 2) return null;
    host = buf.subarray(at + 1, at + 1 + len).toString();
    at += 1 + len;
  } else if (atyp === 0x04) {
    if (buf.length < at + 18) return null;
    const groups = [];
    for (let i = 0; i < 8; i++) groups.push(buf.readUInt16BE(at + i * 2).toString(16));
    host = groups.join(":");
    at += 16;
  } else return null;
  return { host, port: buf.readUInt16BE(at), end: at + 2 };
}

/** Starts the proxy on 127.0.0.1 (random port). */
export async function startSocks5Server(options: Socks5ServerOptions = {}): Promise<Socks5Server> {
  const sockets = new Set<Socket>();
  const state: Socks5Server = { port: 0, connects: [], refusedLogins: 0, close: async () => {} };
  const server = createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => {});
    let buffer = Buffer.alloc(0);
    let stage: "greeting" | "auth" | "request" | "relay" = "greeting";
    let username: string | null = null;
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (stage === "greeting") {
        const n = buffer[1];
        if (n === undefined || buffer.length < 2 + n) return;
        const methods = [...buffer.subarray(2, 2 + n)];
        buffer = buffer.subarray(2 + n);
        const wanted = options.credentials ? 0x02 : 0x00;
        if (!methods.includes(wanted)) return client.end(Buffer.from([0x05, 0xff]));
        client.write(Buffer.from([0x05, wanted]));
        stage = options.credentials ? "auth" : "request";
      }
      if (stage === "auth") {
        const ulen = buffer[1];
        if (ulen === undefined || buffer.length < 3 + ulen) return;
        const plen = buffer[2 + ulen]!;
        if (buffer.length < 3 + ulen + plen) return;
        const user = buffer.subarray(2, 2 + ulen).toString();
        const pass = buffer.subarray(3 + ulen, 3 + ulen + plen).toString();
        buffer = buffer.subarray(3 + ulen + plen);
        if (user !== options.credentials?.username || pass !== options.credentials.password) {
          state.refusedLogins += 1;
          return client.end(Buffer.from([0x01, 0x01]));
        }
        username = user;
        client.write(Buffer.from([0x01, 0x00]));
        stage = "request";
      }
      if (stage === "request") {
        if (buffer.length < 4) return;
        const target = readTarget(buffer, 3);
        if (!target) return;
        buffer = buffer.subarray(target.end);
        stage = "relay";
        client.removeListener("data", onData);
        client.pause();
        state.connects.push({ host: target.host, port: target.port, username });
        const upstream = tcpConnect({
          host: target.host,
          port: target.port,
          ...(options.outboundAddress ? { localAddress: options.outboundAddress } : {}),
        });
        sockets.add(upstream);
        upstream.on("close", () => {
          sockets.delete(upstream);
          client.destroy();
        });
        upstream.on("error", () => {
          client.end(Buffer.from([0x05, 0x05, 0x00, 0x01, 0, 0, 0, 0, 0, 0]));
        });
        upstream.once("connect", () => {
          client.write(Buffer.from([0x05, 0x00, 0x00, 0x01, 127, 0, 0, 1, 0, 0]));
          if (buffer.length) upstream.write(buffer);
          client.pipe(upstream);
          upstream.pipe(client);
          client.resume();
        });
        client.on("close", () => upstream.destroy());
      }
    };
    client.on("data", onData);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  state.port = typeof address === "object" && address ? address.port : 0;
  state.close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}
