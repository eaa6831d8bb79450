/**
 * The sidecar under test: the real app (`createSidecarApp`) served over
 * HTTP by @hono/node-server in this process, configured for the benchmark
 * world, and called the way the Worker calls it: signed `POST /v1/verify`
 * requests of at most 500 addresses packed by domain (the Worker's own
 * `packByDomain`), four at a time, each with a unique `request_id`.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { packByDomain } from "../../src/domain/verification/batches.ts";
import { createSidecarApp } from "../../workers/smtp-sidecar/src/app.ts";
import { defaultSidecarConfig, type SidecarConfig } from "../../workers/smtp-sidecar/src/config.ts";
import type { SidecarLog } from "../../workers/smtp-sidecar/src/log.ts";
import { MAX_EMAILS_PER_REQUEST } from "../../workers/smtp-sidecar/src/routes/verify.ts";
import { SIDECAR_SIGNATURE_HEADER, signSidecarRequest } from "../../workers/smtp-sidecar/src/signature.ts";
import type { MailboxVerdict } from "../../workers/smtp-sidecar/src/verify/verdict.ts";
import type { ClientRun } from "./mail-bench-world.ts";

/** The Worker's requests in flight at once (CONCURRENT_BATCHES in src/services/verification.ts). */
const REQUESTS_AT_ONCE = 4;

/** One "mx pace" log event: the sidecar raised or lowered a host's pace. */
export interface PaceEvent {
  change: "raised" | "lowered";
  cause?: string;
  concurrency: number;
  sessions_per_second: number;
}

/** A sidecar run: the client figures plus, per address, when its answer was ready (ms from the start). */
export interface SidecarRun extends ClientRun {
  answeredAtMs: Map<string, number>;
  /** The pace changes the sidecar logged, in order. */
  paceEvents: PaceEvent[];
}

/**
 * The sidecar's settings for a benchmark world: the defaults, pointed at
 * the world (its DNS and SMTP port, the target guard lifted because it is
 * on loopback, a HELO name and sender as production sets them), with
 * `settings` on top (none for "the defaults").
 */
export function benchSidecarConfig(
  world: { dnsServer: string; smtpPort: number },
  settings: Partial<SidecarConfig> = {},
): SidecarConfig {
  return defaultSidecarConfig({
    secret: randomBytes(32).toString("hex"),
    heloName: "verifier.prospector.test",
    mailFrom: "probe@verifier.prospector.test",
    smtpPort: world.smtpPort,
    dnsServers: [world.dnsServer],
    allowPrivateTargets: true,
    ...settings,
  });
}

async function verifyBatch(url: string, secret: string, emails: string[]): Promise<MailboxVerdict[]> {
  const body = JSON.stringify({ emails, deadline_ms: 120_000, fresh: true, request_id: randomUUID() });
  const res = await fetch(`${url}/v1/verify`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      [SIDECAR_SIGNATURE_HEADER]: await signSidecarRequest(
        secret,
        { method: "POST", target: "/v1/verify", body },
        Date.now() / 1000,
      ),
    },
    body,
  });
  if (res.status !== 200) throw new Error(`sidecar answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { results: MailboxVerdict[] }).results;
}

/** A sidecar served for the benchmark: it keeps its caches and host memory from one pass to the next. */
export interface BenchSidecar {
  /** Verifies `candidates` in requests of at most 500 that keep each domain together, four at a time. */
  verifyAll(candidates: string[]): Promise<SidecarRun>;
  close(): Promise<void>;
}

/** Starts a fresh sidecar (empty caches, nothing remembered of any host) on a loopback port. */
export async function startSidecar(config: SidecarConfig): Promise<BenchSidecar> {
  const paceEvents: PaceEvent[] = [];
  const log: SidecarLog = (_level, msg, fields) => {
    if (msg === "mx pace") paceEvents.push(fields as unknown as PaceEvent);
  };
  const app = createSidecarApp({ config, log });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    async verifyAll(candidates) {
      const run: SidecarRun = {
        statuses: new Map(),
        details: new Map(),
        answeredAtMs: new Map(),
        wallMs: 0,
        paceEvents: [],
      };
      const seenEvents = paceEvents.length;
      const batches = packByDomain(candidates, MAX_EMAILS_PER_REQUEST);
      const started = performance.now();
      for (let i = 0; i < batches.length; i += REQUESTS_AT_ONCE) {
        await Promise.all(
          batches.slice(i, i + REQUESTS_AT_ONCE).map(async (batch) => {
            const sent = performance.now() - started;
            for (const result of await verifyBatch(url, config.secret, batch)) {
              run.statuses.set(result.email, result.status);
              run.details.set(result.email, `${result.reason} ${result.smtp_code ?? ""}`.trim());
              run.answeredAtMs.set(result.email, sent + result.duration_ms);
            }
          }),
        );
      }
      run.wallMs = performance.now() - started;
      run.paceEvents = paceEvents.slice(seenEvents);
      return run;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Verifies `candidates` once with a fresh sidecar. */
export async function runSidecar(candidates: string[], config: SidecarConfig): Promise<SidecarRun> {
  const sidecar = await startSidecar(config);
  try {
    return await sidecar.verifyAll(candidates);
  } finally {
    await sidecar.close();
  }
}
