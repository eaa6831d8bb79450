/**
 * UserSockets: one object per user (or API key) of a tenant, counting the
 * live-event WebSockets they hold open across every run (seed 001: at most
 * 10 per user). RunRoom asks before it accepts a socket and tells it when
 * the socket closes; while a run is active its watchdog refreshes its
 * sockets, so an entry left behind by a lost close expires after
 * STALE_SOCKET_MS instead of holding a slot for ever.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";

/** An entry not refreshed for this long is forgotten (the watchdog refreshes every minute). */
export const STALE_SOCKET_MS = 5 * 60_000;

interface Entry {
  runId: string;
  at: number;
}

export class UserSockets extends DurableObject<Env> {
  private live(now: number): Map<string, Entry> {
    const out = new Map<string, Entry>();
    for (const [key, entry] of this.ctx.storage.kv.list<Entry>({ prefix: "s:" })) {
      if (now - entry.at > STALE_SOCKET_MS) this.ctx.storage.kv.delete(key);
      else out.set(key.slice(2), entry);
    }
    return out;
  }

  /** Takes a slot for `socketId`; false when the user holds `limit` already. */
  async acquire(socketId: string, runId: string, limit: number): Promise<boolean> {
    const now = Date.now();
    if (this.live(now).size >= limit) return false;
    this.ctx.storage.kv.put(`s:${socketId}`, { runId, at: now } satisfies Entry);
    return true;
  }

  /** Gives the slot back (idempotent). */
  async release(socketId: string): Promise<void> {
    this.ctx.storage.kv.delete(`s:${socketId}`);
  }

  /** Marks sockets as still open. */
  async touch(socketIds: string[]): Promise<void> {
    const now = Date.now();
    for (const id of socketIds) {
      const entry = this.ctx.storage.kv.get<Entry>(`s:${id}`);
      if (entry) this.ctx.storage.kv.put(`s:${id}`, { ...entry, at: now });
    }
  }

  /** How many sockets the user holds now. */
  async count(): Promise<number> {
    return this.live(Date.now()).size;
  }
}
