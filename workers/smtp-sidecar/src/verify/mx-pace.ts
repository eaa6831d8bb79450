/**
 * Adaptive politeness per MX host, after Postfix's destination concurrency
 * feedback. A host starts at the polite pace (3 sessions at once, 2 new
 * sessions a second); a session it answers well while more of our work
 * waits for it raises both (one more session, 1.5 x the rate) up to the
 * caps MAX_CONN_PER_MX and MX_SESSIONS_PER_SECOND, and only a session let
 * in at the raised pace can raise it again (one step per proof, as TCP
 * grows its window per round trip: a host at its limit sees one probe
 * above it, not a volley). A push-back lowers both
 * at once: concurrency to the sessions the host bore, the rate to half of
 * what the host saw (the pace, or the sessions we started in the second
 * before the refused one, itself included, when fewer: a raise that has not
 * yet filled a second is not what the host refused), and neither rises
 * above that again for MX_MEMORY_S. A push-back is a 421
 * or another 4xx greeting, a busy reply, and, from a host that has
 * answered us before, a refused connection or a timeout (a host that never
 * answered is down or tarpitting, which no pace fixes). `PaceMemory` keeps
 * each host's pace, bounded, and forgets a host not heard from for
 * MX_MEMORY_S. With MX_POLITENESS=fixed every host stays at the caps.
 * Pure: the time is passed in.
 */
import type { SidecarConfig } from "../config.ts";

/** The settings the pace reads. */
export type PaceSettings = Pick<
  SidecarConfig,
  "maxConnPerMx" | "mxSessionsPerSecond" | "mxPoliteness" | "mxMemoryS"
>;

/** Where every host starts (or the caps, when they are lower). */
export const START_PACE = { concurrency: 3, rate: 2 } as const;
/** Slowest pace a push-back can bring a host to (new sessions per second). */
export const MIN_RATE = 0.5;
const RAISE = 1.5;
const LOWER = 0.5;

/** How hard one MX host may be asked right now. */
export interface HostPace {
  /** Our sessions open on the host at once, at most. */
  concurrency: number;
  /** New sessions per second, at most. */
  rate: number;
  /** Set by a push-back: the pace does not rise above it before `until`. */
  ceiling: { concurrency: number; rate: number; until: number } | null;
  /** When the pace was last lowered: sessions let in before then were already accounted for. */
  loweredAt: number;
  /** When the pace was last raised: sessions let in before then ran at the old pace and prove nothing new. */
  raisedAt: number;
  /** The host has answered one of our sessions (since it was last forgotten). */
  answered: boolean;
  /** The host's last feedback; the memory forgets it MX_MEMORY_S later. */
  heardAt: number;
}

/** Why a host pushed back. */
export type PushbackCause = "busy" | "refused" | "timeout";

/** What one session said about the host's load. */
export type SessionSignal =
  | { kind: "answered" }
  | { kind: "pushback"; cause: PushbackCause }
  /** Says nothing about load (a 5xx refusal, a blocklisting, a route failure). */
  | { kind: "neutral" };

/** A session's signal with what the gates knew of it. */
export interface PaceFeedback {
  signal: SessionSignal;
  /** Our sessions open on the host when this one was let in, itself included. */
  openSessions: number;
  /** When it was let in. */
  grantedAt: number;
  /** Our sessions started on the host in the second up to its start, itself included. */
  recentStarts: number;
  /** More of our sessions were waiting for the host when it reported. */
  backlogged: boolean;
}

/** The pace of a host we know nothing about. */
export function startingPace(settings: PaceSettings, now: number): HostPace {
  const fixed = settings.mxPoliteness === "fixed";
  return {
    concurrency: fixed ? settings.maxConnPerMx : Math.min(START_PACE.concurrency, settings.maxConnPerMx),
    rate: fixed ? settings.mxSessionsPerSecond : Math.min(START_PACE.rate, settings.mxSessionsPerSecond),
    ceiling: null,
    loweredAt: Number.NEGATIVE_INFINITY,
    raisedAt: Number.NEGATIVE_INFINITY,
    answered: false,
    heardAt: now,
  };
}

/** The pace after one session's feedback at `now`. */
export function paceAfter(
  pace: HostPace,
  feedback: PaceFeedback,
  settings: PaceSettings,
  now: number,
): HostPace {
  const { signal } = feedback;
  const ceiling = pace.ceiling && pace.ceiling.until > now ? pace.ceiling : null;
  const heard: HostPace = {
    ...pace,
    ceiling,
    heardAt: now,
    answered: pace.answered || signal.kind === "answered",
  };
  // Sessions let in before the last lowering ran at the old pace: their news is already in.
  const stale = feedback.grantedAt < pace.loweredAt;
  if (settings.mxPoliteness === "fixed" || signal.kind === "neutral" || stale) return heard;
  if (signal.kind === "answered") {
    // Raised only when the pace held work back (a pace never used is never proven),
    // and by a session let in at the current pace (one let in before the last raise proves the old one).
    if (!feedback.backlogged || feedback.grantedAt < pace.raisedAt) return heard;
    const maxConcurrency = Math.min(settings.maxConnPerMx, ceiling?.concurrency ?? Number.POSITIVE_INFINITY);
    const maxRate = Math.min(settings.mxSessionsPerSecond, ceiling?.rate ?? Number.POSITIVE_INFINITY);
    const concurrency = Math.max(pace.concurrency, Math.min(maxConcurrency, pace.concurrency + 1));
    const rate = Math.max(pace.rate, Math.min(maxRate, pace.rate * RAISE));
    const raised = concurrency > pace.concurrency || rate > pace.rate;
    return { ...heard, concurrency, rate, raisedAt: raised ? now : pace.raisedAt };
  }
  if (signal.cause !== "busy" && !pace.answered) return heard;
  const concurrency = Math.max(1, Math.min(pace.concurrency, feedback.openSessions - 1));
  const seen = Math.min(pace.rate, Math.max(1, feedback.recentStarts));
  const rate = Math.max(Math.min(MIN_RATE, settings.mxSessionsPerSecond), seen * LOWER);
  return {
    ...heard,
    concurrency,
    rate,
    ceiling: { concurrency, rate, until: now + settings.mxMemoryS * 1000 },
    loweredAt: now,
  };
}

/** Each MX host's pace, for the life of the process: at most `maxHosts`, forgotten after MX_MEMORY_S of silence. */
export class PaceMemory {
  private readonly hosts = new Map<string, HostPace>();
  private readonly settings: PaceSettings;
  private readonly clock: () => number;
  private readonly maxHosts: number;
  constructor(settings: PaceSettings, clock: () => number, maxHosts = 10_000) {
    this.settings = settings;
    this.clock = clock;
    this.maxHosts = maxHosts;
  }

  /** The host's pace now: the remembered one, or the starting pace. */
  get(host: string): HostPace {
    const now = this.clock();
    const pace = this.hosts.get(host);
    if (pace && now - pace.heardAt < this.settings.mxMemoryS * 1000) return pace;
    this.hosts.delete(host);
    return startingPace(this.settings, now);
  }

  /** Applies one session's feedback; the pace before and after. */
  record(host: string, feedback: PaceFeedback): { before: HostPace; after: HostPace } {
    const before = this.get(host);
    const after = paceAfter(before, feedback, this.settings, this.clock());
    // Map order is the order of last feedback: the first entry is the longest silent.
    this.hosts.delete(host);
    this.hosts.set(host, after);
    if (this.hosts.size > this.maxHosts) this.hosts.delete(this.hosts.keys().next().value!);
    return { before, after };
  }

  /** Hosts remembered now. */
  get size(): number {
    return this.hosts.size;
  }
}
