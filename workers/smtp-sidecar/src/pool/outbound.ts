/**
 * Opening the TCP stream to an MX host along an outbound route: directly,
 * bound to a local source address, or through a SOCKS5 proxy. The target
 * address is checked by the target guard first, whichever the route: a
 * proxy would reach a private address of its own network just as well.
 * The failure says whether the route itself is at fault (a dead proxy) or
 * the target.
 */
import { type Socket, connect as tcpConnect } from "node:net";
import type { SocksProxy } from "./socks-proxy-url.ts";
import { connectThroughSocks5, Socks5Error } from "./socks5.ts";
import { assertConnectable } from "./target-guard.ts";

/** One way out: a local address (or the system's choice) or a SOCKS5 proxy. */
export interface OutboundRoute {
  /** Stable id, e.g. `local:127.0.0.2`, `local:default`, `socks5:proxy.example:1080`. */
  id: string;
  kind: "local" | "socks5";
  /** The local address, `default`, or the proxy's `host:port`. */
  address: string;
  /** Address to bind outbound sockets to (local routes with SOURCE_IPS). */
  localAddress?: string;
  proxy?: SocksProxy;
}

/** A connection attempt that did not produce a stream. */
export class ConnectFailure extends Error {
  override name = "ConnectFailure";
  readonly timedOut: boolean;
  /** True when the route (proxy) failed rather than the MX host. */
  readonly routeFault: boolean;
  constructor(message: string, timedOut: boolean, routeFault: boolean) {
    super(message);
    this.timedOut = timedOut;
    this.routeFault = routeFault;
  }
}

function connectDirect(route: OutboundRoute, host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({
      host,
      port,
      ...(route.localAddress ? { localAddress: route.localAddress } : {}),
    });
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ConnectFailure(`connect to ${host}:${port} timed out after ${timeoutMs} ms`, true, false));
    }, timeoutMs);
    socket.once("error", (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // EADDRNOTAVAIL / EINVAL: the source address is not usable on this machine.
      const routeFault = err.code === "EADDRNOTAVAIL" || err.code === "EINVAL";
      reject(
        new ConnectFailure(
          `connect to ${host}:${port} failed: ${err.code ?? err.message}`,
          false,
          routeFault,
        ),
      );
    });
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.removeAllListeners("error");
      // Inert until the session attaches its own: a late error must not go unhandled.
      socket.on("error", () => {});
      socket.pause();
      resolve(socket);
    });
  });
}

/** What {@link openOutbound} may connect to. */
export interface OutboundPolicy {
  /** ALLOW_PRIVATE_TARGETS: let loopback and private MX addresses through (development only). */
  allowPrivateTargets: boolean;
}

/**
 * Opens a paused TCP stream to `host:port` (an IP literal) along `route`;
 * rejects with a {@link ConnectFailure}, or with a BlockedTargetError before
 * any connection when the guard refuses the address.
 */
export async function openOutbound(
  route: OutboundRoute,
  host: string,
  port: number,
  timeoutMs: number,
  policy: OutboundPolicy,
): Promise<Socket> {
  assertConnectable(host, policy.allowPrivateTargets);
  if (route.kind === "local" || !route.proxy) return connectDirect(route, host, port, timeoutMs);
  try {
    return await connectThroughSocks5(route.proxy, host, port, timeoutMs);
  } catch (err) {
    if (err instanceof Socks5Error) throw new ConnectFailure(err.message, err.timedOut, err.proxyFault);
    throw new ConnectFailure((err as Error).message, false, true);
  }
}
