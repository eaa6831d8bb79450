/**
 * SMTP verification throughput and accuracy: the sidecar against the npm
 * package deep-email-validator, on the same local mail worlds in the same
 * run, scored against each world's ground truth. Real DNS and SMTP on
 * loopback, one MX host at 127.0.0.1:25, a 20 ms network round trip before
 * every server reply (bench/lib/mail-bench-world.ts):
 *
 * - nine_domains: strict domains, a catch-all, a greylisting one; at most
 *   10 connections per client IP. The sidecar runs with its limits fixed
 *   and set to the world (`--connections`, `--mx-sessions-per-second`).
 * - shared_host: 24 customer domains of one provider; at most 10
 *   connections per client IP, 421 beyond. The sidecar runs with its
 *   DEFAULT settings, and as the fixed-rate baseline (the old defaults: 3
 *   sessions, 2 a second, no adaptation).
 * - strict_host: the same 24 domains on a host that lets a client open 2
 *   connections a second, 421 beyond. Defaults and the same baseline, each
 *   twice on the same sidecar: cold (first contact with the host) and warm
 *   (what it remembers of the host from the cold pass).
 *
 * The workload is what a finder produces: every person x 12 address
 * patterns, most of them not mailboxes. Clients take turns for `--rounds`
 * rounds, each on a fresh world (no greylisting memory, no sessions of the
 * other) and a fresh sidecar (nothing remembered of the host); figures are
 * medians over the rounds.
 *
 * Goals: nine_domains: >= 6x the peer's addresses per second, agreement
 * >= 0.99, >= 80% of the round-trip bound. shared_host, defaults: >= 6x
 * the peer, agreement >= 0.99. strict_host, defaults: no address left
 * unknown, fewer 421s than the fixed 2-a-second baseline (cold and warm).
 *
 *   npm run bench:verify [-- --rounds 5 --rtt-ms 20 --connections 10 --mx-sessions-per-second 1000]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { root } from "../scripts/toolchain.ts";
import type { SidecarConfig } from "../workers/smtp-sidecar/src/config.ts";
import {
  type BenchWorldUnderTest,
  type Measured,
  measure,
  measurePasses,
  medianRound,
  paceFigures,
  round3,
} from "./lib/mail-bench-figures.ts";
import { runPeer } from "./lib/mail-bench-peer.ts";
import {
  type BenchSidecar,
  benchSidecarConfig,
  runSidecar,
  type SidecarRun,
  startSidecar,
} from "./lib/mail-bench-sidecar.ts";
import {
  type BenchWorld,
  GREYLIST_MIN_DELAY_MS,
  mailBench,
  STRICT_SESSIONS_PER_SECOND,
} from "./lib/mail-bench-world.ts";
import { mailWorldThread } from "./lib/mail-world-thread.ts";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "5" },
    "rtt-ms": { type: "string", default: "20" },
    connections: { type: "string", default: "10" },
    "mx-sessions-per-second": { type: "string", default: "1000" },
  },
});
const rounds = Number(values.rounds);
const rttMs = Number(values["rtt-ms"]);
/** The worlds' limit per client IP, the peer's concurrency and (nine_domains) the sidecar's MAX_CONN_PER_MX. */
const connections = Number(values.connections);
const mxSessionsPerSecond = Number(values["mx-sessions-per-second"]);
const SENDER = "probe@verifier.prospector.test";

const worldOf = (world: BenchWorld): BenchWorldUnderTest => {
  const options = { smtpPort: 25, roundTripMs: rttMs, maxConnections: connections, world };
  return { bench: mailBench(options), thread: mailWorldThread(options) };
};
const nine = worldOf("nine_domains");
const shared = worldOf("shared_host");
const strict = worldOf("strict_host");
const bench = nine.bench;

/** The sidecar as a user runs it: no settings. */
const DEFAULTS: Partial<SidecarConfig> = {};
/** The fixed-rate baseline: the defaults before adaptation (3 sessions, 2 new a second per MX host). */
const FIXED_2_PER_S: Partial<SidecarConfig> = {
  mxPoliteness: "fixed",
  maxConnPerMx: 3,
  mxSessionsPerSecond: 2,
};

const peerOn = (world: BenchWorldUnderTest) =>
  measure(world, (w) =>
    runPeer(world.bench.candidates, { dnsServer: w.dnsServer, concurrency: connections, sender: SENDER }),
  );
const sidecarOn = (world: BenchWorldUnderTest, settings: Partial<SidecarConfig>) =>
  measure(world, (w) => runSidecar(world.bench.candidates, benchSidecarConfig(w, settings)));
/** A cold pass and a warm pass (the same sidecar, its memory of the host kept) on one world. */
async function coldAndWarm(world: BenchWorldUnderTest, settings: Partial<SidecarConfig>) {
  let sidecar: BenchSidecar | null = null;
  try {
    return await measurePasses(world, 2, async (w) => {
      sidecar ??= await startSidecar(benchSidecarConfig(w, settings));
      return sidecar.verifyAll(world.bench.candidates);
    });
  } finally {
    await (sidecar as BenchSidecar | null)?.close();
  }
}

/** When the sidecar had answered every address but the greylisting domain's, and those. */
function sidecarTimeline(run: SidecarRun) {
  const greylisted = (email: string) => email.endsWith(`@${bench.greylistingDomain}`);
  const last = (keep: boolean) =>
    Math.max(...[...run.answeredAtMs].filter(([email]) => greylisted(email) === keep).map(([, ms]) => ms));
  const others = bench.candidates.filter((email) => !greylisted(email)).length;
  return {
    all_but_greylisting_domain_ms: Math.round(last(false)),
    all_but_greylisting_domain_per_s: round3(others / (last(false) / 1000), 1),
    greylisting_domain_ms: Math.round(last(true)),
  };
}

type SidecarMeasured = Measured & ReturnType<typeof paceFigures>;
const peerRounds: Measured[] = [];
const sidecarRounds: (Measured & ReturnType<typeof sidecarTimeline>)[] = [];
const sharedRounds = {
  peer: [] as Measured[],
  defaults: [] as SidecarMeasured[],
  fixed: [] as SidecarMeasured[],
};
const strictRounds = {
  peer: [] as Measured[],
  defaults: [] as SidecarMeasured[],
  fixed: [] as SidecarMeasured[],
};
const warmRounds = { defaults: [] as SidecarMeasured[], fixed: [] as SidecarMeasured[] };
const withPace = (m: Awaited<ReturnType<typeof sidecarOn>>) => ({ ...m.figures, ...paceFigures(m.run) });
for (let round = 0; round < rounds; round++) {
  const peer = await peerOn(nine);
  peerRounds.push(peer.figures);
  const sidecar = await sidecarOn(nine, {
    // Limits fixed and set to the world, as before adaptation: this world measures the protocol.
    mxPoliteness: "fixed",
    maxConnPerMx: connections,
    mxSessionsPerSecond,
    greylistRetryMs: GREYLIST_MIN_DELAY_MS,
    verifyDeadlineMs: 120_000,
  });
  sidecarRounds.push({ ...sidecar.figures, ...sidecarTimeline(sidecar.run) });
  sharedRounds.peer.push((await peerOn(shared)).figures);
  sharedRounds.defaults.push(withPace(await sidecarOn(shared, DEFAULTS)));
  sharedRounds.fixed.push(withPace(await sidecarOn(shared, FIXED_2_PER_S)));
  strictRounds.peer.push((await peerOn(strict)).figures);
  for (const [settings, key] of [
    [DEFAULTS, "defaults"],
    [FIXED_2_PER_S, "fixed"],
  ] as const) {
    const [cold, warm] = await coldAndWarm(strict, settings);
    strictRounds[key].push(withPace(cold!));
    warmRounds[key].push(withPace(warm!));
  }
  const last = <T extends Measured>(xs: T[]) => `${xs.at(-1)!.addresses_per_s} addr/s`;
  console.error(
    `round ${round + 1}: nine_domains peer ${last(peerRounds)}, sidecar ${last(sidecarRounds)}; ` +
      `shared_host peer ${last(sharedRounds.peer)}, defaults ${last(sharedRounds.defaults)}, fixed 2/s ${last(sharedRounds.fixed)}; ` +
      `strict_host 421s cold/warm defaults ${strictRounds.defaults.at(-1)!.world.refused_421}/${warmRounds.defaults.at(-1)!.world.refused_421}, ` +
      `fixed 2/s ${strictRounds.fixed.at(-1)!.world.refused_421}/${warmRounds.fixed.at(-1)!.world.refused_421}`,
  );
}
await Promise.all([nine, shared, strict].map((w) => w.thread.terminate()));

const peer = medianRound(peerRounds);
const sidecar = medianRound(sidecarRounds);
const boundPerSecond = connections / (rttMs / 1000);
const ratio = sidecar.addresses_per_s / peer.addresses_per_s;
const efficiency = sidecar.addresses_per_s / boundPerSecond;
const truthCounts = (world: BenchWorldUnderTest) =>
  Object.fromEntries(
    ["valid", "invalid", "risky_catch_all", "risky_full_inbox"].map((s) => [
      s,
      [...world.bench.truth.values()].filter((t) => t === s).length,
    ]),
  );
const ratios = (a: Measured[], b: Measured[]) =>
  a.map((x, i) => round3(x.addresses_per_s / b[i]!.addresses_per_s, 2));
const sum = (xs: number[]) => xs.reduce((n, x) => n + x, 0);

/** A new world's figures: peer, the sidecar with defaults, the fixed 2-a-second baseline. */
function newWorldSummary(
  world: BenchWorldUnderTest,
  runs: typeof sharedRounds,
  limit: Record<string, number>,
) {
  const p = medianRound(runs.peer);
  const d = medianRound(runs.defaults);
  const f = medianRound(runs.fixed);
  return {
    world: {
      domains: world.bench.world.domains.length,
      candidates: world.bench.candidates.length,
      truth: truthCounts(world),
      rtt_ms: rttMs,
      ...limit,
    },
    peer: { package: "deep-email-validator@0.1.27", concurrency: connections, ...p },
    sidecar_defaults: { settings: "defaults (no settings)", ...d },
    sidecar_fixed_2_per_s: { settings: FIXED_2_PER_S, ...f },
    ratio: round3(d.addresses_per_s / p.addresses_per_s, 2),
    per_round_ratios: ratios(runs.defaults, runs.peer),
    fixed_ratio: round3(f.addresses_per_s / p.addresses_per_s, 2),
    refused_421_all_rounds: {
      peer: sum(runs.peer.map((r) => r.world.refused_421)),
      defaults: sum(runs.defaults.map((r) => r.world.refused_421)),
      fixed_2_per_s: sum(runs.fixed.map((r) => r.world.refused_421)),
    },
  };
}
const sharedSummary = newWorldSummary(shared, sharedRounds, { max_connections_per_client: connections });
const strictSummary = {
  ...newWorldSummary(strict, strictRounds, {
    new_connections_per_second_per_client: STRICT_SESSIONS_PER_SECOND,
  }),
  warm: {
    sidecar_defaults: medianRound(warmRounds.defaults),
    sidecar_fixed_2_per_s: medianRound(warmRounds.fixed),
    refused_421_all_rounds: {
      defaults: sum(warmRounds.defaults.map((r) => r.world.refused_421)),
      fixed_2_per_s: sum(warmRounds.fixed.map((r) => r.world.refused_421)),
    },
  },
};
const strict421 = (key: "defaults" | "fixed_2_per_s") =>
  strictSummary.refused_421_all_rounds[key] + strictSummary.warm.refused_421_all_rounds[key];

const summary = {
  date: new Date().toISOString(),
  machine: `${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, Node ${process.versions.node}`,
  world: {
    domains: bench.world.domains.length,
    candidates: bench.candidates.length,
    truth: truthCounts(nine),
    rtt_ms: rttMs,
    max_connections_per_client: connections,
    greylist_min_delay_ms: GREYLIST_MIN_DELAY_MS,
  },
  rounds,
  peer: { package: "deep-email-validator@0.1.27", concurrency: connections, ...peer },
  sidecar: {
    settings: {
      mx_politeness: "fixed",
      max_conn_per_mx: connections,
      greylist_retry_ms: GREYLIST_MIN_DELAY_MS,
      mx_sessions_per_second: mxSessionsPerSecond,
    },
    ...sidecar,
    per_round_greylisting_domain_ms: sidecarRounds.map((r) => r.greylisting_domain_ms),
  },
  round_trip_bound_per_s: boundPerSecond,
  ratio: round3(ratio, 2),
  per_round_ratios: ratios(sidecarRounds, peerRounds),
  round_trip_efficiency: round3(efficiency),
  peer_round_trip_efficiency: round3(peer.addresses_per_s / boundPerSecond),
  shared_host: sharedSummary,
  strict_host: strictSummary,
  goals: {
    ratio_min_6: ratio >= 6,
    agreement_min_0_99: sidecar.lowest_agreement >= 0.99,
    round_trip_efficiency_min_0_8: efficiency >= 0.8,
    shared_host_defaults_ratio_min_6: sharedSummary.ratio >= 6,
    shared_host_defaults_agreement_min_0_99: sharedSummary.sidecar_defaults.lowest_agreement >= 0.99,
    strict_host_defaults_no_unknown: [...strictRounds.defaults, ...warmRounds.defaults].every(
      (r) => r.unknown_answers === 0,
    ),
    strict_host_defaults_fewer_421_than_fixed_2_per_s: strict421("defaults") < strict421("fixed_2_per_s"),
  },
};
mkdirSync(join(root, "bench/results"), { recursive: true });
writeFileSync(join(root, "bench/results/smtp-verify.json"), `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify(summary, null, 2));
console.log(
  `nine_domains: sidecar ${sidecar.addresses_per_s} addr/s vs peer ${peer.addresses_per_s}: ratio ${summary.ratio} (goal >= 6); ` +
    `agreement ${sidecar.lowest_agreement} vs ${peer.lowest_agreement} (goal >= 0.99); ` +
    `round-trip efficiency ${summary.round_trip_efficiency} (goal >= 0.8)\n` +
    `shared_host (defaults): ratio ${sharedSummary.ratio} (goal >= 6; fixed 2/s: ${sharedSummary.fixed_ratio}); ` +
    `agreement ${sharedSummary.sidecar_defaults.lowest_agreement} (goal >= 0.99)\n` +
    `strict_host (defaults): unknown cold ${strictSummary.sidecar_defaults.per_round_unknown_answers.join("/")}, ` +
    `warm ${strictSummary.warm.sidecar_defaults.per_round_unknown_answers.join("/")} (goal 0); ` +
    `421s cold ${strictSummary.refused_421_all_rounds.defaults} + warm ${strictSummary.warm.refused_421_all_rounds.defaults} ` +
    `vs fixed 2/s ${strictSummary.refused_421_all_rounds.fixed_2_per_s} + ${strictSummary.warm.refused_421_all_rounds.fixed_2_per_s} (goal fewer)`,
);
