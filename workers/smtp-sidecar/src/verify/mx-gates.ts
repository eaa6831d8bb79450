/**
 * Politeness: at most MAX_CONN_PER_MX concurrent sessions and
 * MX_SESSIONS_PER_SECOND new sessions per MX host, and MAX_SESSIONS
 * sessions overall. Every wait is bounded by the request's deadline.
 */
import { type Deadline, sleep } from "./deadline.ts";

/** A counting semaphore whose waits can time out. */
export class Semaphore {
  private active = 0;
  private readonly waiters: (() => void)[] = [];
  readonly limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }

  /** Sessions holding a slot now. */
  get inUse(): number {
    return this.active;
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

/** Hosts tracked before idle ones are forgotten (their limits start afresh). */
const MAX_TRACKED_HOSTS = 10_000;

/** Options of the gates (a subset of the sidecar config). */
export interface MxGateOptions {
  maxConnPerMx: number;
  maxSessions: number;
  mxSessionsPerSecond: number;
}

/** The per-host and global session limits. */
export class MxGates {
  private readonly hosts = new Map<string, { slots: Semaphore; nextStartAt: number }>();
  private readonly global: Semaphore;
  private readonly options: MxGateOptions;
  private readonly clock: () => number;
  constructor(options: MxGateOptions, clock: () => number) {
    this.options = options;
    this.clock = clock;
    this.global = new Semaphore(options.maxSessions);
  }

  /**
   * Waits for a session slot on `host`; resolves with its release, or null
   * if the deadline came first. A `first` caller (a greylist retry, whose
   * timing matters) goes ahead of the others waiting for the host.
   */
  async acquire(host: string, deadline: Deadline, first = false): Promise<(() => void) | null> {
    let gate = this.hosts.get(host);
    if (!gate) {
      if (this.hosts.size >= MAX_TRACKED_HOSTS) this.forgetIdleHosts();
      gate = { slots: new Semaphore(this.options.maxConnPerMx), nextStartAt: 0 };
      this.hosts.set(host, gate);
    }
    const releaseHost = await gate.slots.acquire(deadline.remaining(), first);
    if (!releaseHost) return null;
    const now = this.clock();
    const startAt = Math.max(now, gate.nextStartAt);
    gate.nextStartAt = startAt + 1000 / this.options.mxSessionsPerSecond;
    if (startAt - now >= deadline.remaining()) {
      releaseHost();
      return null;
    }
    if (startAt > now) await sleep(startAt - now);
    const releaseGlobal = await this.global.acquire(deadline.remaining(), first);
    if (!releaseGlobal) {
      releaseHost();
      return null;
    }
    return () => {
      releaseGlobal();
      releaseHost();
    };
  }

  private forgetIdleHosts(): void {
    const now = this.clock();
    for (const [host, gate] of this.hosts) {
      if (gate.slots.inUse === 0 && gate.nextStartAt <= now) this.hosts.delete(host);
    }
  }
}
