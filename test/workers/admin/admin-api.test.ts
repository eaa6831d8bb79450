/**
 * The admin console's JSON API: approving accounts, changing roles, the
 * metrics snapshot and the analytics series, with their guards and who may
 * call them (platform administrators only; API keys never).
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { Caller, call, expectError, json } from "../helpers/api.ts";
import { describeProtectedRoute } from "../helpers/security.ts";
import {
  ago,
  DAY,
  HOUR,
  MINUTE,
  mailTo,
  seedDomain,
  seedRun,
  seedUser,
  seedVerdict,
  userRow,
} from "./helpers.ts";

let admin: Caller;
beforeAll(async () => {
  admin = await Caller.newTenant().makePlatformAdmin();
});

const asAdmin = (method: string, path: string, body?: unknown, vars?: Record<string, string>) =>
  call(method, path, { headers: admin.devHeaders(), json: body, ...(vars ? { vars } : {}) });

describeProtectedRoute({ method: "POST", path: "/admin/users/{id}/approve" });
describeProtectedRoute({ method: "POST", path: "/admin/users/{id}/role", body: { role: "member" } });
describeProtectedRoute({ method: "POST", path: "/admin/users/{id}/status", body: { status: "disabled" } });
describeProtectedRoute({ method: "GET", path: "/admin/metrics" });
describeProtectedRoute({ method: "GET", path: "/admin/analytics" });

describe("who may use the admin API", () => {
  it("refuses a tenant owner (403) and changes nothing", async () => {
    const owner = await Caller.newTenant().provision();
    const pending = await seedUser();
    const headers = owner.devHeaders();
    await expectError(
      await call("POST", `/admin/users/${pending.userId}/approve`, { headers }),
      403,
      "forbidden",
    );
    await expectError(
      await call("POST", `/admin/users/${pending.userId}/role`, { headers, json: { role: "member" } }),
      403,
      "forbidden",
    );
    await expectError(await call("GET", "/admin/metrics", { headers }), 403, "forbidden");
    await expectError(await call("GET", "/admin/analytics", { headers }), 403, "forbidden");
    expect(await userRow(pending.userId)).toMatchObject({ status: "pending", role: "owner" });
  });

  it("refuses a platform administrator's API key (403): keys never carry platform rights", async () => {
    const { key } = await admin.createApiKey();
    const pending = await seedUser();
    const headers = { "X-API-Key": key };
    await expectError(
      await call("POST", `/admin/users/${pending.userId}/approve`, { headers }),
      403,
      "forbidden",
    );
    await expectError(await call("GET", "/admin/metrics", { headers }), 403, "forbidden");
    expect((await userRow(pending.userId))?.status).toBe("pending");
  });
});

describe("POST /admin/users/{user_id}/approve", () => {
  it("activates a pending account with a confirmed address and mails a sign-in link", async () => {
    const pending = await seedUser();
    const res = await asAdmin("POST", `/admin/users/${pending.userId}/approve`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.mail_sent).toBe(true);
    expect(body.user).toMatchObject({
      id: pending.userId,
      tenant_id: pending.tenantId,
      tenant_name: `Tenant ${pending.tenantId}`,
      email: pending.email,
      role: "owner",
      status: "active",
      is_platform_admin: false,
    });
    expect(body.user.updated_at).toEqual(expect.any(String));
    expect(body.user).not.toHaveProperty("password_hash");
    expect((await userRow(pending.userId))?.status).toBe("active");
    const [mail] = await mailTo(pending.email);
    expect(mail?.subject).toBe("Your Prospector account was approved");
    expect(mail?.text).toContain("Sign in at https://api.prospector.test/auth/login");
  });

  it("links the approval mail to PUBLIC_ORIGIN, never to the Host the request names", async () => {
    const pending = await seedUser();
    const res = await call("POST", `/admin/users/${pending.userId}/approve`, {
      origin: "https://evil.example",
      headers: { ...admin.devHeaders(), Host: "evil.example" },
      vars: { PUBLIC_ORIGIN: "https://prospector.example.com" },
    });
    expect(res.status).toBe(200);
    const [mail] = await mailTo(pending.email);
    expect(mail?.text).toContain("Sign in at https://prospector.example.com/auth/login");
    expect(mail?.text).not.toContain("evil.example");
  });

  it("keeps the approval when the mail cannot be sent, and says so", async () => {
    const pending = await seedUser();
    const res = await asAdmin("POST", `/admin/users/${pending.userId}/approve`, undefined, {
      MAIL_PROVIDER: "none",
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ mail_sent: false, user: { status: "active" } });
    expect((await userRow(pending.userId))?.status).toBe("active");
    expect(await mailTo(pending.email)).toEqual([]);
  });

  it("refuses an account whose address is not confirmed yet (409)", async () => {
    const pending = await seedUser({ verified: false });
    const body = await expectError(
      await asAdmin("POST", `/admin/users/${pending.userId}/approve`),
      409,
      "conflict",
    );
    expect(body.detail).toMatch(/not confirmed their email address/);
    expect((await userRow(pending.userId))?.status).toBe("pending");
    expect(await mailTo(pending.email)).toEqual([]);
  });

  it("says so when the account is already active (409), and refuses a disabled one (409)", async () => {
    const active = await seedUser({ status: "active" });
    const body = await expectError(
      await asAdmin("POST", `/admin/users/${active.userId}/approve`),
      409,
      "conflict",
    );
    expect(body.detail).toMatch(/already active/);
    const disabled = await seedUser({ status: "disabled" });
    const refused = await expectError(
      await asAdmin("POST", `/admin/users/${disabled.userId}/approve`),
      409,
      "conflict",
    );
    expect(refused.detail).toMatch(/disabled/);
    expect((await userRow(disabled.userId))?.status).toBe("disabled");
  });

  it("answers 404 for an unknown user", async () => {
    await expectError(await asAdmin("POST", "/admin/users/user_nobody/approve"), 404, "not_found");
  });
});

describe("POST /admin/users/{user_id}/role", () => {
  it("changes the role and, when asked, platform administrator rights", async () => {
    const owner = await seedUser({ status: "active" });
    const member = await seedUser({ tenantId: owner.tenantId, role: "member", status: "active" });
    const res = await asAdmin("POST", `/admin/users/${member.userId}/role`, { role: "admin" });
    expect(res.status).toBe(200);
    expect((await json(res)).user).toMatchObject({
      id: member.userId,
      role: "admin",
      is_platform_admin: false,
    });
    const granted = await json(
      await asAdmin("POST", `/admin/users/${member.userId}/role`, { role: "admin", is_platform_admin: true }),
    );
    expect(granted.user.is_platform_admin).toBe(true);
    expect(await userRow(member.userId)).toMatchObject({ role: "admin", is_platform_admin: 1 });
  });

  it("keeps an active owner in every tenant (409), counting only other active owners", async () => {
    const owner = await seedUser({ status: "active" });
    await seedUser({ tenantId: owner.tenantId, role: "owner", status: "pending" });
    await seedUser({ tenantId: owner.tenantId, role: "owner", status: "disabled" });
    const body = await expectError(
      await asAdmin("POST", `/admin/users/${owner.userId}/role`, { role: "member" }),
      409,
      "conflict",
    );
    expect(body.detail).toMatch(/only active owner/);
    expect((await userRow(owner.userId))?.role).toBe("owner");

    const second = await seedUser({ tenantId: owner.tenantId, role: "admin", status: "active" });
    expect((await asAdmin("POST", `/admin/users/${second.userId}/role`, { role: "owner" })).status).toBe(200);
    const demoted = await asAdmin("POST", `/admin/users/${owner.userId}/role`, { role: "member" });
    expect(demoted.status).toBe(200);
    expect((await userRow(owner.userId))?.role).toBe("member");
    // Now the second owner is the last one.
    await expectError(
      await asAdmin("POST", `/admin/users/${second.userId}/role`, { role: "admin" }),
      409,
      "conflict",
    );
  });

  it("does not let administrators remove their own platform rights (409)", async () => {
    const self = await Caller.newTenant().makePlatformAdmin();
    const body = await expectError(
      await call("POST", `/admin/users/${self.userId}/role`, {
        headers: self.devHeaders(),
        json: { role: "owner", is_platform_admin: false },
      }),
      409,
      "conflict",
    );
    expect(body.detail).toMatch(/your own platform administrator rights/);
    expect((await userRow(self.userId))?.is_platform_admin).toBe(1);
    // Another platform administrator can.
    const res = await asAdmin("POST", `/admin/users/${self.userId}/role`, {
      role: "owner",
      is_platform_admin: false,
    });
    expect(res.status).toBe(200);
    expect((await userRow(self.userId))?.is_platform_admin).toBe(0);
  });

  it("refuses a bad role or unknown fields (400), an unknown user (404) and non-JSON bodies (415)", async () => {
    const member = await seedUser({ role: "member", status: "active" });
    const bad = await expectError(
      await asAdmin("POST", `/admin/users/${member.userId}/role`, { role: "superuser" }),
      400,
      "validation_failed",
    );
    expect(bad.fields).toHaveProperty("role");
    await expectError(
      await asAdmin("POST", `/admin/users/${member.userId}/role`, { role: "admin", status: "active" }),
      400,
      "validation_failed",
    );
    await expectError(
      await asAdmin("POST", "/admin/users/user_nobody/role", { role: "admin" }),
      404,
      "not_found",
    );
    // A cross-site form can send text/plain; the API takes JSON only.
    await expectError(
      await call("POST", `/admin/users/${member.userId}/role`, {
        headers: { ...admin.devHeaders(), "Content-Type": "text/plain" },
        body: '{"role":"owner"}',
      }),
      415,
      "unsupported_media_type",
    );
    expect((await userRow(member.userId))?.role).toBe("member");
  });
});

describe("GET /admin/metrics", () => {
  const metrics = async (vars?: Record<string, string>) => {
    const res = await asAdmin("GET", "/admin/metrics", undefined, vars);
    expect(res.status).toBe(200);
    return json(res);
  };

  it("counts the seeded runs, backlog, throughput, verdicts, users and tenants", async () => {
    const before = await metrics();
    const now = ago(0);
    for (const status of [
      "queued",
      "queued",
      "running",
      "succeeded",
      "succeeded",
      "succeeded",
      "failed",
      "cancelled",
    ])
      await seedRun(status, now);
    const run = await seedRun("running", now);
    await seedDomain(run, { status: "queued", dispatchedAt: "2000-01-01T00:00:00.000Z" });
    await seedDomain(run, { status: "queued", dispatchedAt: ago(MINUTE) });
    await seedDomain(run, { status: "queued", dispatchedAt: null });
    await seedDomain(run, { status: "running", dispatchedAt: ago(2 * MINUTE) });
    for (const leads of [2, 3, 4]) await seedDomain(run, { status: "done", finishedAt: ago(20_000), leads });
    await seedDomain(run, { status: "failed", finishedAt: ago(10 * MINUTE) });
    await seedDomain(run, { status: "done", finishedAt: ago(2 * HOUR) });
    await seedDomain(run, { status: "cancelled", finishedAt: ago(10_000) });
    for (const status of ["valid", "valid", "invalid", "risky_catch_all", "unknown_timeout"])
      await seedVerdict(status, ago(HOUR));
    await seedVerdict("valid", ago(2 * DAY));
    await seedUser({ status: "pending" });
    await seedUser({ status: "disabled" });

    const after = await metrics();
    const delta = (path: (m: typeof after) => number) => path(after) - path(before);
    expect(delta((m) => m.runs.by_status.queued)).toBe(2);
    expect(delta((m) => m.runs.by_status.running)).toBe(2);
    expect(delta((m) => m.runs.by_status.succeeded)).toBe(3);
    expect(delta((m) => m.runs.by_status.failed)).toBe(1);
    expect(delta((m) => m.runs.by_status.cancelled)).toBe(1);
    expect(delta((m) => m.queue.domains_queued)).toBe(3);
    expect(delta((m) => m.queue.domains_in_queue)).toBe(2);
    expect(delta((m) => m.queue.domains_waiting)).toBe(1);
    expect(delta((m) => m.queue.domains_running)).toBe(1);
    expect(after.queue.oldest_queued_at).toBe("2000-01-01T00:00:00.000Z");
    expect(delta((m) => m.throughput.domains_last_minute)).toBe(3);
    expect(delta((m) => m.throughput.domains_last_hour)).toBe(4);
    expect(after.throughput.domains_per_minute_last_hour).toBeCloseTo(
      after.throughput.domains_last_hour / 60,
      2,
    );
    expect(delta((m) => m.verification_mix_24h.valid)).toBe(2);
    expect(delta((m) => m.verification_mix_24h.invalid)).toBe(1);
    expect(delta((m) => m.verification_mix_24h.risky_catch_all)).toBe(1);
    expect(delta((m) => m.verification_mix_24h.unknown_timeout)).toBe(1);
    expect(delta((m) => m.verification_mix_24h.unknown)).toBe(0);
    expect(Object.keys(after.verification_mix_24h).sort()).toEqual(
      [
        "invalid",
        "risky_catch_all",
        "risky_full_inbox",
        "unknown",
        "unknown_blocked",
        "unknown_greylisted",
        "unknown_no_connect",
        "unknown_timeout",
        "valid",
      ].sort(),
    );
    expect(delta((m) => m.users.pending)).toBe(1);
    expect(delta((m) => m.users.disabled)).toBe(1);
    expect(delta((m) => m.tenants.total)).toBe(11);
    expect(after.tenants.total).toBe(after.tenants.active + after.tenants.suspended);
    expect(Date.parse(after.generated_at)).toBeGreaterThan(0);
  });

  it("shows the sidecar's health and its outbound addresses", async () => {
    const body = await metrics();
    expect(body.sidecar).toMatchObject({
      status: "ok",
      circuit: "closed",
      rotation_enabled: true,
      detail: null,
    });
    expect(body.sidecar.latency_ms).toEqual(expect.any(Number));
    expect(body.outbound_addresses.map((a: { address: string }) => a.address).sort()).toEqual([
      "127.0.0.2",
      "127.0.0.3",
    ]);
    expect(body.outbound_addresses.filter((a: { current: boolean }) => a.current)).toHaveLength(1);
    expect(body.outbound_addresses[0]).toEqual(
      expect.objectContaining({ healthy: expect.any(Boolean), kind: "local", requests: expect.any(Number) }),
    );
  });

  it("says when the sidecar is not configured or down, and still answers", async () => {
    const none = await metrics({ SIDECAR_URL: "" });
    expect(none.sidecar).toMatchObject({ status: "not_configured", latency_ms: null, circuit: null });
    expect(none.outbound_addresses).toEqual([]);
    const down = await metrics({ SIDECAR_URL: "http://127.0.0.1:9" });
    expect(down.sidecar.status).toBe("down");
    expect(down.sidecar.detail).toMatch(/unreachable|timed out/);
    expect(down.outbound_addresses).toEqual([]);
    expect(down.runs.by_status).toEqual(expect.objectContaining({ queued: expect.any(Number) }));
  });
});

describe("GET /admin/analytics", () => {
  const analytics = async (query = "") => {
    const res = await asAdmin("GET", `/admin/analytics${query}`);
    expect(res.status).toBe(200);
    return json(res);
  };
  type Bucket = { start: string };
  /** The bucket of a series that holds `iso` (buckets are `size` ms long, aligned on the epoch). */
  // biome-ignore lint/suspicious/noExplicitAny: assertion convenience
  const bucketOf = (body: { series: Bucket[] }, iso: string, size: number): any => {
    const start = new Date(Math.floor(Date.parse(iso) / size) * size).toISOString();
    return body.series.find((b) => b.start === start);
  };

  it("answers every bucket of the window, oldest first, zeros included (7d by default)", async () => {
    const week = await analytics();
    expect(week).toMatchObject({ window: "7d", bucket: "day" });
    expect(week.series).toHaveLength(7);
    const today = new Date(Math.floor(Date.now() / DAY) * DAY).toISOString();
    expect(week.series.at(-1).start).toBe(today);
    week.series.forEach((b: Bucket, i: number) => {
      expect(Date.parse(b.start)).toBe(Date.parse(today) - (6 - i) * DAY);
    });
    const month = await analytics("?window=30d");
    expect(month.series).toHaveLength(30);
    // Nothing in this file happened 29 days ago: that bucket is all zeros, every status present.
    expect(month.series[0]).toEqual({
      start: new Date(Date.parse(today) - 29 * DAY).toISOString(),
      runs_created: { queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 },
      domains_done: 0,
      domains_failed: 0,
      leads_found: 0,
      verifications: {
        valid: 0,
        invalid: 0,
        risky_catch_all: 0,
        risky_full_inbox: 0,
        unknown_timeout: 0,
        unknown_greylisted: 0,
        unknown_blocked: 0,
        unknown_no_connect: 0,
        unknown: 0,
      },
    });
    const day = await analytics("?window=24h");
    expect(day).toMatchObject({ window: "24h", bucket: "hour" });
    expect(day.series).toHaveLength(24);
    expect(day.series.at(-1).start).toBe(new Date(Math.floor(Date.now() / HOUR) * HOUR).toISOString());
  });

  it("puts each count in the bucket of its time", async () => {
    const threeHoursAgo = ago(3 * HOUR);
    const twoDaysAgo = ago(2 * DAY);
    const before = { day: await analytics("?window=24h"), week: await analytics("?window=7d") };
    const run = await seedRun("succeeded", threeHoursAgo);
    await seedRun("failed", threeHoursAgo);
    await seedRun("succeeded", twoDaysAgo);
    await seedDomain(run, { status: "done", finishedAt: threeHoursAgo, leads: 3 });
    await seedDomain(run, { status: "done", finishedAt: threeHoursAgo, leads: 4 });
    await seedDomain(run, { status: "failed", finishedAt: threeHoursAgo, leads: 1 });
    await seedDomain(run, { status: "cancelled", finishedAt: threeHoursAgo, leads: 9 });
    await seedDomain(run, { status: "done", finishedAt: twoDaysAgo, leads: 5 });
    await seedVerdict("valid", threeHoursAgo);
    await seedVerdict("unknown_greylisted", threeHoursAgo);
    await seedVerdict("invalid", twoDaysAgo);
    const after = { day: await analytics("?window=24h"), week: await analytics("?window=7d") };

    const hourBefore = bucketOf(before.day, threeHoursAgo, HOUR);
    const hourAfter = bucketOf(after.day, threeHoursAgo, HOUR);
    expect(hourAfter.runs_created.succeeded - hourBefore.runs_created.succeeded).toBe(1);
    expect(hourAfter.runs_created.failed - hourBefore.runs_created.failed).toBe(1);
    expect(hourAfter.domains_done - hourBefore.domains_done).toBe(2);
    expect(hourAfter.domains_failed - hourBefore.domains_failed).toBe(1);
    // Cancelled domains count nowhere.
    expect(hourAfter.leads_found - hourBefore.leads_found).toBe(8);
    expect(hourAfter.verifications.valid - hourBefore.verifications.valid).toBe(1);
    expect(hourAfter.verifications.unknown_greylisted - hourBefore.verifications.unknown_greylisted).toBe(1);
    // The hour before is untouched by these seeds.
    expect(bucketOf(after.day, ago(4 * HOUR), HOUR)).toEqual(bucketOf(before.day, ago(4 * HOUR), HOUR));

    const dayBefore = bucketOf(before.week, twoDaysAgo, DAY);
    const dayAfter = bucketOf(after.week, twoDaysAgo, DAY);
    expect(dayAfter.runs_created.succeeded - dayBefore.runs_created.succeeded).toBe(1);
    expect(dayAfter.domains_done - dayBefore.domains_done).toBe(1);
    expect(dayAfter.leads_found - dayBefore.leads_found).toBe(5);
    expect(dayAfter.verifications.invalid - dayBefore.verifications.invalid).toBe(1);
  });

  it("refuses an unknown window (400)", async () => {
    const body = await expectError(
      await asAdmin("GET", "/admin/analytics?window=1y"),
      400,
      "validation_failed",
    );
    expect(body.fields).toHaveProperty("window");
  });
});

describe("the admin API reads every tenant", () => {
  it("approves an account in another tenant than the administrator's", async () => {
    const elsewhere = await seedUser();
    expect(elsewhere.tenantId).not.toBe(admin.tenantId);
    expect((await asAdmin("POST", `/admin/users/${elsewhere.userId}/approve`)).status).toBe(200);
    const row = await env.DB.prepare("SELECT status FROM users WHERE id = ?").bind(elsewhere.userId).first();
    expect(row).toEqual({ status: "active" });
  });
});
