/**
 * The sidecar under test: the real app (`createSidecarApp`) served over
 * HTTP by @hono/node-server in this process, configured for the benchmark
 * world, and called the way the Worker calls it: signed `POST /v1/verify`
 * requests of at most 500 addresses packed by domain (the Worker's own
 * `packByDomain`), each with a unique `request_id`.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { packByDomain } from "../../src/domain/verification/batches.ts";
import { createSidecarApp } from "../../workers/smtp-sidecar/src/app.ts";
import { defaultSidecarConfig, type SidecarConfig } from "../../workers/smtp-sidecar/src/config.ts";
import { silentLog } from "../../workers/smtp-sidecar/src/log.ts";
import { MAX_EMAILS_PER_REQUEST } from "../../workers/smtp-sidecar/src/routes/verify.ts";
import { SIDECAR_SIGNATURE_HEADER, signSidecarRequest } from "../../workers/smtp-sidecar/src/signature.ts";
import type { MailboxVerdict } from "../../workers/smtp-sidecar/src/verify/verdict.ts";
import type { ClientRun } from "./mail-bench-world.ts";

/** A sidecar run: the client figures plus, per address, when its answer was ready (ms from the start). */
export interface SidecarRun extends ClientRun {
  answeredAtMs: Map<string, number>;
}

/**
 * The sidecar's settings for the benchmark world. `maxConnPerMx` is the
 * setting a user tunes to what an MX host tolerates (here the world's 10
 * per client IP); the greylist retry matches the world's 1 s greylisting
 * (real ones are minutes: GREYLIST_RETRY_MS is then 60 s or more).
 */
export function benchSidecarConfig(options: {
  dnsServer: string;
  smtpPort: number;
  maxConnPerMx: number;
  greylistRetryMs: number;
  mxSessionsPerSecond: number;
}): SidecarConfig {
  return defaultSidecarConfig({
    secret: randomBytes(32).toString("hex"),
    heloName: "verifier.prospector.test",
    mailFrom: "probe@verifier.prospector.test",
    smtpPort: options.smtpPort,
    dnsServers: [options.dnsServer],
    maxConnPerMx: options.maxConnPerMx,
    mxSessionsPerSecond: options.mxSessionsPerSecond,
    greylistRetryMs: options.greylistRetryMs,
    verifyDeadlineMs: 120_000,
    // The benchmark world is on loopback: lift the MX target guard.
    allowPrivateTargets: true,
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

/**
 * Verifies `candidates` with a fresh sidecar (empty caches) in requests of
 * at most 500 that keep each domain together, all in flight at once (the
 * Worker sends up to four at a time; this workload makes two).
 */
export async function runSidecar(candidates: string[], config: SidecarConfig): Promise<SidecarRun> {
  const app = createSidecarApp({ config, log: silentLog });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const run: SidecarRun = { statuses: new Map(), details: new Map(), answeredAtMs: new Map(), wallMs: 0 };
  try {
    const batches = packByDomain(candidates, MAX_EMAILS_PER_REQUEST);
    const started = performance.now();
    await Promise.all(
      batches.map(async (batch) => {
        const sent = performance.now() - started;
        for (const result of await verifyBatch(url, config.secret, batch)) {
          run.statuses.set(result.email, result.status);
          run.details.set(result.email, `${result.reason} ${result.smtp_code ?? ""}`.trim());
          run.answeredAtMs.set(result.email, sent + result.duration_ms);
        }
      }),
    );
    run.wallMs = performance.now() - started;
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return run;
}
