import { describe, expect, it } from "vitest";
import { verificationStatuses } from "../../db/schema.ts";
import {
  isOwnSideFailure,
  isVerdictFresh,
  REMOTE_UNKNOWN_TTL_MS,
  verdictClass,
  verdictScore,
} from "./verdicts.ts";

describe("verdictClass", () => {
  it.each([
    ["valid", "deliverable"],
    ["invalid", "undeliverable"],
    ["risky_catch_all", "risky"],
    ["risky_full_inbox", "risky"],
    ["unknown_timeout", "unknown"],
    ["unknown_greylisted", "unknown"],
    ["unknown_blocked", "unknown"],
    ["unknown_no_connect", "unknown"],
    ["unknown", "unknown"],
  ] as const)("%s is %s", (status, expected) => {
    expect(verdictClass(status)).toBe(expected);
  });

  it("covers every status the sidecar can answer", () => {
    for (const status of verificationStatuses) expect(verdictClass(status)).toBeTruthy();
  });
});

describe("verdictScore", () => {
  it("orders the verdicts by how likely mail is delivered", () => {
    const order = [
      verdictScore("valid", "rcpt_2xx_non_catchall"),
      verdictScore("risky_full_inbox", "over_quota"),
      verdictScore("risky_catch_all", "rcpt_2xx_catchall"),
      verdictScore("unknown_greylisted", "greylisted"),
      verdictScore("unknown_timeout", "timeout"),
      verdictScore("invalid", "mailbox_disabled"),
      verdictScore("invalid", "rcpt_5xx_user_unknown"),
    ];
    expect(order).toEqual([...order].sort((a, b) => b - a));
    expect(new Set(order).size).toBe(order.length);
  });

  it("keeps every score within 0-100", () => {
    for (const status of verificationStatuses) {
      const score = verdictScore(status, "x");
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(100);
    }
  });
});

describe("isVerdictFresh", () => {
  const now = Date.parse("2026-11-22T12:00:00Z");
  const ago = (ms: number) => new Date(now - ms).toISOString();
  const day = 86_400_000;

  it("reuses definitive verdicts for the configured days", () => {
    expect(isVerdictFresh("valid", "rcpt_2xx_non_catchall", ago(29 * day), now, 30)).toBe(true);
    expect(isVerdictFresh("valid", "rcpt_2xx_non_catchall", ago(31 * day), now, 30)).toBe(false);
    expect(isVerdictFresh("invalid", "rcpt_5xx_user_unknown", ago(2 * day), now, 1)).toBe(false);
  });

  it("reuses what the remote host said for minutes only", () => {
    expect(
      isVerdictFresh("unknown_greylisted", "greylisted", ago(REMOTE_UNKNOWN_TTL_MS - 1000), now, 30),
    ).toBe(true);
    expect(
      isVerdictFresh("unknown_greylisted", "greylisted", ago(REMOTE_UNKNOWN_TTL_MS + 1000), now, 30),
    ).toBe(false);
    expect(isVerdictFresh("unknown", "server_busy", ago(60_000), now, 30)).toBe(true);
    expect(REMOTE_UNKNOWN_TTL_MS).toBeLessThanOrEqual(15 * 60_000);
  });

  it("never reuses a failure on our side, however recent", () => {
    const ours: [Parameters<typeof isVerdictFresh>[0], string][] = [
      ["unknown_no_connect", "connect_failed"],
      ["unknown_timeout", "timeout"],
      ["unknown_blocked", "ip_blocklisted"],
      ["unknown", "blocked_target"],
      ["unknown", "dns_error"],
      ["unknown", "verifier_unavailable"],
    ];
    for (const [status, reason] of ours) {
      expect(isOwnSideFailure(status, reason), reason).toBe(true);
      expect(isVerdictFresh(status, reason, ago(1000), now, 30), reason).toBe(false);
    }
    expect(isOwnSideFailure("unknown_greylisted", "greylisted")).toBe(false);
    expect(isOwnSideFailure("invalid", "timeout")).toBe(false);
  });

  it("treats a time in the future or an unreadable time as stale", () => {
    expect(
      isVerdictFresh("valid", "rcpt_2xx_non_catchall", new Date(now + 60_000).toISOString(), now, 30),
    ).toBe(false);
    expect(isVerdictFresh("valid", "rcpt_2xx_non_catchall", "yesterday", now, 30)).toBe(false);
  });
});
