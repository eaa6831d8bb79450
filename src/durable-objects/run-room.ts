/**
 * RunRoom: one Durable Object per run. It serves the run's WebSocket (the
 * hibernation API: idle sockets cost nothing), broadcasts the engine's
 * events to every socket (worded as the frames of routes/runs/views.ts),
 * issues single-use tickets for browsers, and runs
 * the watchdog alarm that re-sends lost queue messages, fails stalled
 * domains and finishes the run. D1 holds the durable record; the room reads
 * it for snapshots.
 *
 * Frames are JSON `{"event": name, "data": {...}}`: first `snapshot` (the
 * run as GET /runs/{id} shows it), then seed 001's `job:update`,
 * `job:progress`, `job:log`, `job:complete`, `job:error`.
 */
import { DurableObject } from "cloudflare:workers";
import { loadConfig } from "../config.ts";
import { createDatabase } from "../db/client.ts";
import type { RunEvent } from "../domain/runs/run-events.ts";
import type { Env } from "../env.ts";
import { sha256Hex } from "../lib/ids.ts";
import { createLogger, describeError } from "../lib/logger.ts";
import { isClosingFrame, openingFrames, runEventFrame } from "../routes/runs/views.ts";
import { getRun, getRunDomains } from "../services/runs/store.ts";
import { runWatchdog } from "../services/runs/watchdog.ts";

/** Sockets one user may hold open at once, across all runs (seed 001: 10 per user; see UserSockets). */
export const MAX_SOCKETS_PER_USER = 10;
/** How long a ticket from POST /runs/{id}/events/ticket is good for. */
export const TICKET_TTL_MS = 60_000;
/** Watchdog period while the run is active. */
export const WATCHDOG_INTERVAL_MS = 60_000;

interface RoomIdentity {
  tenantId: string;
  runId: string;
}

/** What each socket carries through hibernation. */
interface SocketAttachment {
  socketId: string;
  user: string;
}

export interface TicketHolder {
  tenantId: string;
  userId: string;
}

export class RunRoom extends DurableObject<Env> {
  private identity(): RoomIdentity | undefined {
    return this.ctx.storage.kv.get<RoomIdentity>("identity");
  }

  /** Called when the run is created: remembers whose run this is and starts the watchdog. */
  async init(tenantId: string, runId: string): Promise<void> {
    this.ctx.storage.kv.put("identity", { tenantId, runId } satisfies RoomIdentity);
    if ((await this.ctx.storage.getAlarm()) === null) {
      await this.ctx.storage.setAlarm(Date.now() + WATCHDOG_INTERVAL_MS);
    }
  }

  /** Sends an event of the engine, as its frame, to every socket of the run; returns how many got it. */
  async publish(event: RunEvent): Promise<number> {
    const frame = runEventFrame(event);
    const text = JSON.stringify(frame);
    let sent = 0;
    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send(text);
        sent += 1;
      } catch {
        // A socket closing right now: it is gone from the list on its close event.
      }
    }
    if (isClosingFrame(frame)) {
      for (const socket of this.ctx.getWebSockets()) await this.closeSocket(socket, 1000, "run finished");
    }
    return sent;
  }

  private gate(user: string) {
    return this.env.USER_SOCKETS.get(this.env.USER_SOCKETS.idFromName(user));
  }

  /** Closes a socket (if still open) and gives its user's slot back. */
  private async closeSocket(socket: WebSocket, code: number, reason: string): Promise<void> {
    try {
      socket.close(code, reason);
    } catch {
      // Already closing or closed.
    }
    const attachment = socket.deserializeAttachment() as SocketAttachment | null;
    if (attachment) {
      socket.serializeAttachment(null);
      await this.gate(attachment.user).release(attachment.socketId);
    }
  }

  /** A single-use ticket for a browser's WebSocket (good for TICKET_TTL_MS). */
  async issueTicket(holder: TicketHolder): Promise<{ ticket: string; expires_at: string }> {
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    const ticket = `rt_${btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (c) => ({ "+": "-", "/": "_", "=": "" })[c]!)}`;
    const expires = Date.now() + TICKET_TTL_MS;
    this.ctx.storage.kv.put(`ticket:${await sha256Hex(ticket)}`, { ...holder, expires });
    return { ticket, expires_at: new Date(expires).toISOString() };
  }

  /** The ticket's holder, consuming it; null when unknown, used or expired. */
  async redeemTicket(ticket: string): Promise<TicketHolder | null> {
    const key = `ticket:${await sha256Hex(ticket)}`;
    const found = this.ctx.storage.kv.get<TicketHolder & { expires: number }>(key);
    if (!found) return null;
    this.ctx.storage.kv.delete(key);
    if (found.expires < Date.now()) return null;
    return { tenantId: found.tenantId, userId: found.userId };
  }

  /**
   * The WebSocket upgrade, forwarded by the Worker after it authenticated the
   * caller (header `X-Run-User`: the user, or the API key, the socket counts against).
   */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
      return new Response("expected a WebSocket upgrade", { status: 426 });
    }
    const user = request.headers.get("X-Run-User") ?? "anonymous";
    const identity = this.identity();
    const socketId = crypto.randomUUID();
    if (!(await this.gate(user).acquire(socketId, identity?.runId ?? "", MAX_SOCKETS_PER_USER))) {
      return Response.json(
        {
          error: "rate_limited",
          detail: `At most ${MAX_SOCKETS_PER_USER} live connections per user; close one first`,
        },
        { status: 429 },
      );
    }
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, [`user:${user}`]);
    server.serializeAttachment({ socketId, user } satisfies SocketAttachment);
    if (identity) await this.sendSnapshot(server, identity);
    return new Response(null, { status: 101, webSocket: client });
  }

  /**
   * The run as it is now, to a socket just accepted; for a finished run also
   * its last event, then the close. The run may finish while this reads D1:
   * its job:complete then reaches the socket (already in the list) and closes
   * it, and the snapshot is simply not sent.
   */
  private async sendSnapshot(server: WebSocket, identity: RoomIdentity): Promise<void> {
    const db = createDatabase(this.env.DB);
    const run = await getRun(db, identity.tenantId, identity.runId);
    if (!run) return;
    const domains = await getRunDomains(db, identity.tenantId, identity.runId);
    const frames = openingFrames(run, domains);
    try {
      for (const frame of frames) server.send(JSON.stringify(frame));
    } catch {
      return; // Closed meanwhile by the run's own job:complete.
    }
    if (!isClosingFrame(frames.at(-1)!)) return;
    // Nothing more will happen: the socket is closed once the client has the frames.
    await this.closeSocket(server, 1000, "run finished");
  }

  /** Clients may send "ping" (answered "pong"); anything else is ignored. */
  override async webSocketMessage(socket: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (message !== "ping") return;
    try {
      socket.send("pong");
    } catch {
      // Closed between the ping and the answer.
    }
  }

  override async webSocketClose(socket: WebSocket, code: number): Promise<void> {
    await this.closeSocket(socket, code === 1005 || code === 1006 ? 1000 : code, "closing");
  }

  override async webSocketError(socket: WebSocket): Promise<void> {
    await this.closeSocket(socket, 1011, "error");
  }

  /** Tells each user's gate that their sockets here are still open. */
  private async touchSockets(): Promise<void> {
    const byUser = new Map<string, string[]>();
    for (const socket of this.ctx.getWebSockets()) {
      const attachment = socket.deserializeAttachment() as SocketAttachment | null;
      if (!attachment) continue;
      byUser.set(attachment.user, [...(byUser.get(attachment.user) ?? []), attachment.socketId]);
    }
    for (const [user, ids] of byUser) await this.gate(user).touch(ids);
  }

  /** The watchdog: re-sends lost messages, fails stalled domains, finishes the run; again while it runs. */
  override async alarm(): Promise<void> {
    const identity = this.identity();
    if (!identity) return;
    const log = createLogger({ run_id: identity.runId });
    try {
      const config = loadConfig(this.env);
      const outcome = await runWatchdog(
        {
          db: createDatabase(this.env.DB),
          queue: this.env.RUNS_QUEUE,
          config,
          publish: (e) => this.publish(e),
        },
        identity.tenantId,
        identity.runId,
      );
      await this.touchSockets();
      if (outcome.active) await this.ctx.storage.setAlarm(Date.now() + WATCHDOG_INTERVAL_MS);
    } catch (err) {
      log.error("run watchdog failed", describeError(err));
      await this.ctx.storage.setAlarm(Date.now() + WATCHDOG_INTERVAL_MS);
    }
  }
}
