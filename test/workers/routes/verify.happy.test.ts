import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Caller, call, json } from "../helpers/api.ts";

/** Worker -> signed HTTP -> the real sidecar -> DNS and SMTP servers on loopback (global setup). */
const verify = async (email: string, extra: Record<string, unknown> = {}) => {
  const caller = await Caller.newTenant().provision();
  return call("POST", "/verify", { headers: caller.devHeaders(), json: { email, ...extra } });
};

describe("POST /verify", () => {
  it.each([
    ["anna@strict.test", "valid", "deliverable", "rcpt_2xx_non_catchall", 95],
    ["nobody@strict.test", "invalid", "undeliverable", "rcpt_5xx_user_unknown", 0],
    ["old@strict.test", "invalid", "undeliverable", "mailbox_disabled", 5],
    ["dan@full.test", "risky_full_inbox", "risky", "over_quota", 60],
    ["anyone@catchall.test", "risky_catch_all", "risky", "rcpt_2xx_catchall", 50],
    ["anna@nomail.test", "invalid", "undeliverable", "null_mx", 0],
  ])("%s is %s", async (email, status, result, reason, score) => {
    const res = await verify(email);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ email, status, result, reason, score, cached: false });
    expect(Date.parse(body.checked_at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("reports the MX, catch-all flag and SMTP reply of a probed address", async () => {
    const body = await json(await verify("ben@strict.test"));
    expect(body).toMatchObject({
      mx: "mx.strict.test",
      catch_all: false,
      smtp_code: 250,
      retry_after_s: null,
    });
  });

  it("answers a second time from the shared cache, for any tenant, until `fresh` is asked for", async () => {
    const first = await json(await verify("cara@strict.test"));
    expect(first, JSON.stringify(first)).toMatchObject({ status: "valid", cached: false });
    const second = await json(await verify("CARA@strict.test"));
    expect(second).toEqual({ ...first, cached: true });
    const row = await env.DB.prepare("SELECT status, domain FROM email_verifications WHERE email = ?")
      .bind("cara@strict.test")
      .first();
    expect(row).toEqual({ status: "valid", domain: "strict.test" });

    const again = await json(await verify("cara@strict.test", { fresh: true }));
    expect(again.cached).toBe(false);
    expect(again.checked_at >= first.checked_at).toBe(true);
  });

  it("probes again once the cached verdict is older than VERIFY_CACHE_TTL_DAYS", async () => {
    const old = new Date(Date.now() - 3 * 86_400_000).toISOString();
    await env.DB.prepare(
      "INSERT INTO email_verifications (email, domain, status, reason, checked_at) VALUES (?, ?, 'valid', 'rcpt_2xx_non_catchall', ?)",
    )
      .bind("gone@strict.test", "strict.test", old)
      .run();
    const caller = await Caller.newTenant().provision();
    const send = (ttl: string) =>
      call("POST", "/verify", {
        headers: caller.devHeaders(),
        json: { email: "gone@strict.test" },
        vars: { VERIFY_CACHE_TTL_DAYS: ttl },
      });
    expect(await json(await send("30"))).toMatchObject({ status: "valid", cached: true });
    expect(await json(await send("2"))).toMatchObject({ status: "invalid", cached: false });
  });

  it("answers a syntactically broken address as invalid without a probe", async () => {
    const body = await json(await verify("anna..b@strict.test"));
    expect(body).toMatchObject({ status: "invalid", reason: "syntax", mx: null, cached: false });
  });

  it("works with an API key", async () => {
    const owner = await Caller.newTenant().provision();
    const { key } = await owner.createApiKey(["read", "write"]);
    const res = await call("POST", "/verify", {
      headers: { "X-API-Key": key },
      json: { email: "anna@strict.test" },
    });
    expect(res.status).toBe(200);
  });
});
