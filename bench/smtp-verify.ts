/**
 * SMTP verification throughput and accuracy: the sidecar against the npm
 * package deep-email-validator, on the same local mail world in the same run.
 *
 * The world (bench/lib/mail-bench-world.ts) is real DNS and SMTP on
 * loopback: nine domains on one MX host at 127.0.0.1:25 (strict ones, a
 * catch-all, a greylisting one, full and disabled mailboxes), a 20 ms
 * network round trip before every server reply, at most 10 connections per
 * client IP (421 beyond). The workload is what a finder produces: every
 * person x 12 address patterns, most of them not mailboxes. Peer and sidecar
 * take turns for `--rounds` rounds, each on a fresh world (no greylisting
 * memory, no sessions of the other); figures are medians over the rounds.
 *
 * Goals: the sidecar verifies >= 6x as many addresses per second as the
 * peer, agrees with the ground truth on >= 99% of addresses, and reaches
 * >= 80% of the round-trip bound (connections x 1 / RTT addresses per second).
 *
 *   npm run bench:verify [-- --rounds 5 --rtt-ms 20 --connections 10 --mx-sessions-per-second 1000]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { root } from "../scripts/toolchain.ts";
import { runPeer } from "./lib/mail-bench-peer.ts";
import { benchSidecarConfig, runSidecar, type SidecarRun } from "./lib/mail-bench-sidecar.ts";
import {
  type ClientRun,
  GREYLIST_MIN_DELAY_MS,
  mailBench,
  scoreAgainstTruth,
} from "./lib/mail-bench-world.ts";
import { mailWorldThread, type ThreadedMailWorld, type WorldSnapshot } from "./lib/mail-world-thread.ts";

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
/** The world's limit per client IP, the peer's concurrency and the sidecar's MAX_CONN_PER_MX. */
const connections = Number(values.connections);
const mxSessionsPerSecond = Number(values["mx-sessions-per-second"]);
const SENDER = "probe@verifier.prospector.test";

const worldOptions = { smtpPort: 25, roundTripMs: rttMs, maxConnections: connections };
const bench = mailBench(worldOptions);
const worldThread = mailWorldThread(worldOptions);
const round3 = (x: number, places = 3) => Number(x.toFixed(places));

/** What the world saw of one client. */
function sessionFigures({ sessions, maxConcurrent }: WorldSnapshot) {
  return {
    connections: sessions.length,
    refused_421: sessions.filter((s) => s.refused === "421").length,
    max_concurrent: maxConcurrent,
    rcpts: sessions.reduce((n, s) => n + s.rcpts.length, 0),
    pipelined_sessions: sessions.filter((s) => s.maxRcptsPerRead > 1).length,
    most_rcpts_in_one_read: Math.max(0, ...sessions.map((s) => s.maxRcptsPerRead)),
  };
}

/** Runs `client` against a fresh world: its throughput, agreement with the truth, what the world saw. */
async function measure<T extends ClientRun>(client: (world: ThreadedMailWorld) => Promise<T>) {
  const world = await worldThread.start();
  try {
    const run = await client(world);
    const seen = await world.snapshot(bench.mxHost);
    const score = scoreAgainstTruth(run, bench.truth);
    const disagreements = bench.candidates
      .filter((email) => run.statuses.get(email) !== bench.truth.get(email))
      .map((email) => `${email}: ${bench.truth.get(email)} -> ${run.details.get(email)}`);
    return {
      run,
      figures: {
        wall_ms: Math.round(run.wallMs),
        addresses_per_s: round3(bench.candidates.length / (run.wallMs / 1000), 1),
        agreement: round3(score.agreement, 4),
        answers_by_truth: score.answers,
        world: sessionFigures(seen),
        first_disagreements: disagreements.slice(0, 5),
      },
    };
  } finally {
    await world.close();
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

type Measured = Awaited<ReturnType<typeof measure>>["figures"];
const peerRounds: Measured[] = [];
const sidecarRounds: (Measured & ReturnType<typeof sidecarTimeline>)[] = [];
for (let round = 0; round < rounds; round++) {
  const peer = await measure((world) =>
    runPeer(bench.candidates, { dnsServer: world.dnsServer, concurrency: connections, sender: SENDER }),
  );
  peerRounds.push(peer.figures);
  const sidecar = await measure((world) =>
    runSidecar(
      bench.candidates,
      benchSidecarConfig({
        dnsServer: world.dnsServer,
        smtpPort: world.smtpPort,
        maxConnPerMx: connections,
        greylistRetryMs: GREYLIST_MIN_DELAY_MS,
        mxSessionsPerSecond,
      }),
    ),
  );
  sidecarRounds.push({ ...sidecar.figures, ...sidecarTimeline(sidecar.run) });
  console.error(
    `round ${round + 1}: peer ${peer.figures.addresses_per_s} addr/s, sidecar ${sidecar.figures.addresses_per_s} addr/s`,
  );
}

/** The round with the median throughput (its details are reported), and the per-round figures. */
function medianRound<T extends Measured>(runs: T[]) {
  const sorted = [...runs].sort((a, b) => a.addresses_per_s - b.addresses_per_s);
  return {
    ...sorted[Math.floor(sorted.length / 2)]!,
    per_round_addresses_per_s: runs.map((r) => r.addresses_per_s),
    lowest_agreement: Math.min(...runs.map((r) => r.agreement)),
  };
}
await worldThread.terminate();
const peer = medianRound(peerRounds);
const sidecar = medianRound(sidecarRounds);
const boundPerSecond = connections / (rttMs / 1000);
const ratio = sidecar.addresses_per_s / peer.addresses_per_s;
const efficiency = sidecar.addresses_per_s / boundPerSecond;
const count = (status: string) => [...bench.truth.values()].filter((t) => t === status).length;

const summary = {
  date: new Date().toISOString(),
  machine: `${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, Node ${process.versions.node}`,
  world: {
    domains: bench.world.domains.length,
    candidates: bench.candidates.length,
    truth: Object.fromEntries(
      ["valid", "invalid", "risky_catch_all", "risky_full_inbox"].map((s) => [s, count(s)]),
    ),
    rtt_ms: rttMs,
    max_connections_per_client: connections,
    greylist_min_delay_ms: GREYLIST_MIN_DELAY_MS,
  },
  rounds,
  peer: { package: "deep-email-validator@0.1.27", concurrency: connections, ...peer },
  sidecar: {
    settings: {
      max_conn_per_mx: connections,
      greylist_retry_ms: GREYLIST_MIN_DELAY_MS,
      mx_sessions_per_second: mxSessionsPerSecond,
    },
    ...sidecar,
    per_round_greylisting_domain_ms: sidecarRounds.map((r) => r.greylisting_domain_ms),
  },
  round_trip_bound_per_s: boundPerSecond,
  ratio: round3(ratio, 2),
  per_round_ratios: sidecarRounds.map((s, i) =>
    round3(s.addresses_per_s / peerRounds[i]!.addresses_per_s, 2),
  ),
  round_trip_efficiency: round3(efficiency),
  peer_round_trip_efficiency: round3(peer.addresses_per_s / boundPerSecond),
  goals: {
    ratio_min_6: ratio >= 6,
    agreement_min_0_99: sidecar.lowest_agreement >= 0.99,
    round_trip_efficiency_min_0_8: efficiency >= 0.8,
  },
};
mkdirSync(join(root, "bench/results"), { recursive: true });
writeFileSync(join(root, "bench/results/smtp-verify.json"), `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify(summary, null, 2));
console.log(
  `sidecar ${sidecar.addresses_per_s} addr/s vs peer ${peer.addresses_per_s}: ratio ${summary.ratio} (goal >= 6); ` +
    `agreement ${sidecar.lowest_agreement} vs ${peer.lowest_agreement} (goal >= 0.99); ` +
    `round-trip efficiency ${summary.round_trip_efficiency} (goal >= 0.8)`,
);
