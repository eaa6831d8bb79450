/**
 * Politeness: per MX host, at most its pace's concurrency of sessions at
 * once and its rate of new sessions (the pace adapts between the polite
 * start and the caps MAX_CONN_PER_MX / MX_SESSIONS_PER_SECOND, see
 * mx-pace.ts), and MAX_SESSIONS sessions overall. Sessions report how the
 * host answered, which moves its pace; waiting sessions see a new pace at
 * once, and a push-back also pauses the host for PUSHBACK_PAUSE_MS. Every
 * wait is bounded by the request's deadline.
 */
import { type SidecarLog, silentLog } from "../log.ts";
import type { Deadline } from "./deadline.ts";
import { type HostPace, PaceMemory, type PaceSettings, type SessionSignal } from "./mx-pace.ts";

/** A counting semaphore whose waits can time out. */
export class Semaphore {
  private active = 0;
  private readonly waiters: (() => void)[] = [];
  readonly limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }

  /** Resolves with a release function, or null when `timeoutMs` passed first; `first` jumps the queue. */
  acquire(timeoutMs: number, first = false): Promise<(() => void) | null> {
    if (this.active < this.limit) {
      this.active += 1;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => {
      const grant = () => {
        clearTimeout(timer);
        this.active += 1;
        resolve(this.releaser());
      };
      const timer = setTimeout(() => {
        const index = this.waiters.indexOf(grant);
        if (index >= 0) this.waiters.splice(index, 1);
        resolve(null);
      }, timeoutMs);
      if (first) this.waiters.unshift(grant);
      else this.waiters.push(grant);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.waiters.shift()?.();
    };
  }
}

/** Hosts tracked before idle ones are forgotten (their session clocks start afresh; paces are kept apart). */
const MAX_TRACKED_HOSTS = 10_000;

/** Options of the gates (a subset of the sidecar config). */
export type MxGateOptions = PaceSettings & { maxSessions: number };

/** A session's place on an MX host. */
export interface MxSlot {
  /** Gives the place back (idempotent); call it once the connection is closed. */
  release(): void;
  /** Our sessions open on the host when this one was let in, itself included. */
  openSessions: number;
  /** When it was let in (clock time). */
  grantedAt: number;
  /** Our sessions started on the host in the second up to this one's start, itself included. */
  recentStarts: number;
}

/** The window over which a host's recent session starts are counted. */
const RECENT_WINDOW_MS = 1000;

/**
 * After a push-back no new session starts for this long (or the lowered
 * pace's interval, when longer). The host's rate window still holds our
 * attempts made at the pace it refused, the refused one included (Postfix's
 * anvil counts those): a session at the new pace's interval from the
 * refusal lands in the same window and is refused again. One second clears
 * a per-second window; a push-back costs it once.
 */
export const PUSHBACK_PAUSE_MS = 1000;

/** One host's sessions: those open, those waiting (in order), and when the last one started. */
interface HostGate {
  active: number;
  lastStartAt: number;
  /** No session starts before this (set by a push-back). */
  pausedUntil: number;
  /** Start times of the last RECENT_WINDOW_MS, oldest first. */
  recentStarts: number[];
  waiters: ((slot: MxSlot) => void)[];
  timer: NodeJS.Timeout | null;
}

/** The per-host and global session limits. */
export class MxGates {
  private readonly hosts = new Map<string, HostGate>();
  private readonly global: Semaphore;
  private readonly paces: PaceMemory;
  private readonly clock: () => number;
  private readonly log: SidecarLog;
  constructor(options: MxGateOptions, clock: () => number, log: SidecarLog = silentLog) {
    this.clock = clock;
    this.log = log;
    this.global = new Semaphore(options.maxSessions);
    this.paces = new PaceMemory(options, clock);
  }

  /** The pace `host` is held to now. */
  paceOf(host: string): HostPace {
    return this.paces.get(host);
  }

  /**
   * Waits for a session slot on `host`; resolves with it, or null if the
   * deadline came first. A `first` caller (a greylist retry, whose timing
   * matters) goes ahead of the others waiting for the host.
   */
  async acquire(host: string, deadline: Deadline, first = false): Promise<MxSlot | null> {
    let gate = this.hosts.get(host);
    if (!gate) {
      if (this.hosts.size >= MAX_TRACKED_HOSTS) this.forgetIdleHosts();
      gate = {
        active: 0,
        lastStartAt: Number.NEGATIVE_INFINITY,
        pausedUntil: Number.NEGATIVE_INFINITY,
        recentStarts: [],
        waiters: [],
        timer: null,
      };
      this.hosts.set(host, gate);
    }
    const hostGate = gate;
    const slot = await new Promise<MxSlot | null>((resolve) => {
      const waiter = (granted: MxSlot) => {
        clearTimeout(timer);
        resolve(granted);
      };
      const timer = setTimeout(() => {
        const index = hostGate.waiters.indexOf(waiter);
        if (index >= 0) hostGate.waiters.splice(index, 1);
        resolve(null);
      }, deadline.remaining());
      if (first) hostGate.waiters.unshift(waiter);
      else hostGate.waiters.push(waiter);
      this.pump(host, hostGate);
    });
    if (!slot) return null;
    const releaseGlobal = await this.global.acquire(deadline.remaining(), first);
    if (!releaseGlobal) {
      slot.release();
      return null;
    }
    return {
      ...slot,
      release: () => {
        releaseGlobal();
        slot.release();
      },
    };
  }

  /** How `host` answered the session that held `slot`: moves the host's pace. */
  report(host: string, slot: MxSlot, signal: SessionSignal): void {
    const gate = this.hosts.get(host);
    const backlogged = (gate?.waiters.length ?? 0) > 0;
    const { before, after } = this.paces.record(host, { ...slot, signal, backlogged });
    const lowered = after.loweredAt !== before.loweredAt;
    if (gate && lowered) gate.pausedUntil = Math.max(gate.pausedUntil, this.clock() + PUSHBACK_PAUSE_MS);
    if (after.concurrency !== before.concurrency || after.rate !== before.rate) {
      this.log("info", "mx pace", {
        mx: host,
        change: lowered ? "lowered" : "raised",
        ...(signal.kind === "pushback" ? { cause: signal.cause } : {}),
        concurrency: after.concurrency,
        sessions_per_second: Number(after.rate.toFixed(3)),
      });
    }
    if (gate) this.pump(host, gate);
  }

  /** Lets waiting sessions in while the host's pace allows; sets a timer for the next one. */
  private pump(host: string, gate: HostGate): void {
    if (gate.timer) clearTimeout(gate.timer);
    gate.timer = null;
    const pace = this.paces.get(host);
    while (gate.waiters.length > 0 && gate.active < pace.concurrency) {
      const now = this.clock();
      const wait = Math.max(gate.lastStartAt + 1000 / pace.rate, gate.pausedUntil) - now;
      if (wait > 0) {
        gate.timer = setTimeout(() => this.pump(host, gate), wait);
        return;
      }
      gate.active += 1;
      gate.lastStartAt = now;
      while (gate.recentStarts.length > 0 && now - gate.recentStarts[0]! >= RECENT_WINDOW_MS)
        gate.recentStarts.shift();
      gate.recentStarts.push(now);
      let released = false;
      gate.waiters.shift()!({
        openSessions: gate.active,
        grantedAt: now,
        recentStarts: gate.recentStarts.length,
        release: () => {
          if (released) return;
          released = true;
          gate.active -= 1;
          this.pump(host, gate);
        },
      });
    }
  }

  private forgetIdleHosts(): void {
    const now = this.clock();
    for (const [host, gate] of this.hosts) {
      const idle = gate.active === 0 && gate.waiters.length === 0;
      const rested = gate.lastStartAt + 1000 / this.paces.get(host).rate <= now && gate.pausedUntil <= now;
      if (idle && rested) this.hosts.delete(host);
    }
  }
}
