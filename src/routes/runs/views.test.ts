/**
 * The live events' frames, pinned as the JSON clients read (byte for byte:
 * key order included), from the engine's RunEvents.
 */
import { describe, expect, it } from "vitest";
import type { Run } from "../../db/schema.ts";
import { progressOf } from "../../domain/runs/run-events.ts";
import { openingFrames, runEventFrame } from "./views.ts";

const run: Run = {
  id: "run_1",
  tenant_id: "t_1",
  user_id: "u_1",
  label: null,
  status: "running",
  options: { mode: "full", skip_crawl: false, skip_verify: false, max_pages_per_domain: null },
  domains_total: 4,
  domains_completed: 1,
  domains_failed: 0,
  emails_found: 7,
  emails_verified: 5,
  leads_count: 3,
  error: null,
  cursor: null,
  idempotency_key: null,
  request_hash: null,
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: null,
  started_at: null,
  finished_at: null,
};
const rescore: Run = {
  ...run,
  options: { mode: "rescore", profile_version: 2, leads_total: 8 },
  domains_total: 0,
  domains_completed: 0,
  leads_count: 2,
};
const frame = (...args: Parameters<typeof runEventFrame>) => JSON.stringify(runEventFrame(...args));
const counters =
  '"domains_total":4,"domains_completed":1,"domains_failed":0,"emails_found":7,"emails_verified":5,"leads_found":3';

describe("runEventFrame", () => {
  it("words a start in domains, or in leads for a re-scoring run", () => {
    expect(frame({ kind: "started", run })).toBe(
      '{"event":"job:update","data":{"jobId":"run_1","status":"running","progress":0,"processedLeads":0,"totalLeads":4}}',
    );
    expect(frame({ kind: "started", run: rescore })).toContain('"totalLeads":8}');
  });

  it("words progress with the run's counters after the seed 001 fields", () => {
    expect(frame({ kind: "progress", progress: progressOf(run, "acme.test") })).toBe(
      `{"event":"job:progress","data":{"jobId":"run_1","status":"running","progress":25,"processedLeads":1,"totalLeads":4,"currentLead":"acme.test",${counters}}}`,
    );
    expect(frame({ kind: "progress", progress: progressOf(rescore) })).toBe(
      '{"event":"job:progress","data":{"jobId":"run_1","status":"running","progress":25,"processedLeads":2,"totalLeads":8,"currentLead":null,"domains_total":0,"domains_completed":0,"domains_failed":0,"emails_found":7,"emails_verified":5,"leads_found":2,"leads_total":8}}',
    );
    expect(progressOf({ ...run, domains_total: 0 }).percent).toBe(100);
  });

  it("words a log line with its domain", () => {
    const line = { runId: "run_1", domain: "acme.test", level: "warn" as const, message: "slow", at: "now" };
    expect(frame({ kind: "log", line })).toBe(
      '{"event":"job:log","data":{"jobId":"run_1","level":"warn","message":"acme.test: slow","timestamp":"now","metadata":{"domain":"acme.test"}}}',
    );
  });

  it("words the end: succeeded, re-scored, cancelled, failed", () => {
    expect(frame({ kind: "finished", run: { ...run, status: "succeeded" } })).toBe(
      '{"event":"job:complete","data":{"jobId":"run_1","status":"succeeded","results":{"domains_total":4,"domains_completed":1,"domains_failed":0,"leads":3,"emails_found":7,"emails_verified":5},"downloadUrl":"/runs/run_1/export?format=csv"}}',
    );
    expect(frame({ kind: "finished", run: { ...rescore, status: "succeeded" } })).toBe(
      '{"event":"job:complete","data":{"jobId":"run_1","status":"succeeded","results":{"leads_total":8,"leads":2}}}',
    );
    expect(frame({ kind: "finished", run: { ...rescore, status: "cancelled" } })).toBe(
      '{"event":"job:complete","data":{"jobId":"run_1","status":"cancelled","results":{"leads":2},"downloadUrl":"/runs/run_1/export?format=csv"}}',
    );
    expect(frame({ kind: "failed", runId: "run_1", message: "every domain failed" })).toBe(
      '{"event":"job:error","data":{"jobId":"run_1","error":"run_failed","message":"every domain failed"}}',
    );
  });
});

describe("openingFrames", () => {
  it("is the snapshot alone while the run goes on, then its last event too", () => {
    expect(openingFrames(run, []).map((f) => f.event)).toEqual(["snapshot"]);
    const ended = openingFrames({ ...run, status: "failed" }, []);
    expect(ended.map((f) => f.event)).toEqual(["snapshot", "job:error"]);
    expect(JSON.stringify(ended[1]!.data)).toBe('{"jobId":"run_1","status":"failed","finished":true}');
  });
});
