/**
 * The SMTP benchmark's measurements: one client run against a fresh world
 * in its thread, scored against the world's truth, with what the world saw
 * of it (connections, 421s, concurrency, RCPTs) and, for the sidecar, what
 * it left unknown and how it paced the MX host; and the median of rounds.
 */
import type { SidecarRun } from "./mail-bench-sidecar.ts";
import { type ClientRun, type MailBench, scoreAgainstTruth } from "./mail-bench-world.ts";
import type { mailWorldThread, ThreadedMailWorld, WorldSnapshot } from "./mail-world-thread.ts";

/** A world table and the thread that serves it. */
export interface BenchWorldUnderTest {
  bench: MailBench;
  thread: ReturnType<typeof mailWorldThread>;
}

export const round3 = (x: number, places = 3) => Number(x.toFixed(places));

/** What the world saw of one client. */
function sessionFigures({ sessions, maxConcurrent }: WorldSnapshot) {
  return {
    connections: sessions.length,
    refused_421: sessions.filter((s) => s.refused === "421").length,
    max_concurrent: maxConcurrent,
    rcpts: sessions.reduce((n, s) => n + s.rcpts.length, 0),
    pipelined_sessions: sessions.filter((s) => s.maxRcptsPerRead > 1).length,
    most_rcpts_in_one_read: Math.max(0, ...sessions.map((s) => s.maxRcptsPerRead)),
    most_transactions_in_one_session: Math.max(0, ...sessions.map((s) => s.transactions)),
  };
}

/** Runs `client` against a fresh world: its throughput, agreement with the truth, what the world saw. */
export async function measure<T extends ClientRun>(
  world: BenchWorldUnderTest,
  client: (world: ThreadedMailWorld) => Promise<T>,
) {
  return (await measurePasses(world, 1, (w) => client(w)))[0]!;
}

/**
 * Runs `client` `passes` times on one fresh world (the client may keep its
 * state between passes): the figures of each pass, the world's sessions
 * counted per pass (its most concurrent connections are since the start).
 */
export async function measurePasses<T extends ClientRun>(
  { bench, thread }: BenchWorldUnderTest,
  passes: number,
  client: (world: ThreadedMailWorld, pass: number) => Promise<T>,
) {
  const world = await thread.start();
  try {
    const out = [];
    let sessionsBefore = 0;
    for (let pass = 0; pass < passes; pass++) {
      const run = await client(world, pass);
      const seen = await world.snapshot(bench.mxHost);
      const own = { ...seen, sessions: seen.sessions.slice(sessionsBefore) };
      sessionsBefore = seen.sessions.length;
      const score = scoreAgainstTruth(run, bench.truth);
      const disagreements = bench.candidates
        .filter((email) => run.statuses.get(email) !== bench.truth.get(email))
        .map((email) => `${email}: ${bench.truth.get(email)} -> ${run.details.get(email)}`);
      const unknown = [...run.statuses.values()].filter((status) => status.startsWith("unknown")).length;
      out.push({
        run,
        figures: {
          wall_ms: Math.round(run.wallMs),
          addresses_per_s: round3(bench.candidates.length / (run.wallMs / 1000), 1),
          agreement: round3(score.agreement, 4),
          unknown_answers: unknown,
          answers_by_truth: score.answers,
          world: sessionFigures(own),
          first_disagreements: disagreements.slice(0, 5),
        },
      });
    }
    return out;
  } finally {
    await world.close();
  }
}

export type Measured = Awaited<ReturnType<typeof measure>>["figures"];

/** How the sidecar paced the MX host: raises, lowerings (by cause) and where it ended. */
export function paceFigures(run: SidecarRun) {
  const lowered = run.paceEvents.filter((e) => e.change === "lowered");
  const last = run.paceEvents.at(-1);
  return {
    pace_raised: run.paceEvents.filter((e) => e.change === "raised").length,
    pace_lowered: lowered.length,
    pace_lowered_by: Object.fromEntries(
      [...new Set(lowered.map((e) => e.cause ?? "?"))].map((c) => [
        c,
        lowered.filter((e) => e.cause === c).length,
      ]),
    ),
    final_pace: last
      ? { concurrency: last.concurrency, sessions_per_second: last.sessions_per_second }
      : null,
  };
}

/** The round with the median throughput (its details are reported), and the per-round figures. */
export function medianRound<T extends Measured>(runs: T[]) {
  const sorted = [...runs].sort((a, b) => a.addresses_per_s - b.addresses_per_s);
  return {
    ...sorted[Math.floor(sorted.length / 2)]!,
    per_round_addresses_per_s: runs.map((r) => r.addresses_per_s),
    per_round_refused_421: runs.map((r) => r.world.refused_421),
    per_round_unknown_answers: runs.map((r) => r.unknown_answers),
    lowest_agreement: Math.min(...runs.map((r) => r.agreement)),
  };
}
