import { describe, expect, it } from "vitest";
import {
  addMonth,
  changePlan,
  type PlanTerms,
  rollOver,
  type SubscriptionState,
  startTrial,
} from "./subscription.ts";

const free: PlanTerms = { id: "free", price_cents: 0, credits_per_period: 100 };
const starter: PlanTerms = { id: "starter", price_cents: 4900, credits_per_period: 1000 };
const professional: PlanTerms = { id: "professional", price_cents: 14900, credits_per_period: 5000 };
const enterprise: PlanTerms = { id: "enterprise", price_cents: 49900, credits_per_period: 25000 };

const active = (plan: string, pending: string | null = null): SubscriptionState => ({
  plan_id: plan,
  status: "active",
  current_period_start: "2026-01-01T00:00:00.000Z",
  current_period_end: "2026-02-01T00:00:00.000Z",
  pending_plan_id: pending,
});

describe("periods", () => {
  it.each([
    ["2026-01-15T10:00:00.000Z", "2026-02-15T10:00:00.000Z"],
    ["2026-01-31T00:00:00.000Z", "2026-02-28T00:00:00.000Z"],
    ["2028-01-31T00:00:00.000Z", "2028-02-29T00:00:00.000Z"],
    ["2026-12-31T23:59:59.000Z", "2027-01-31T23:59:59.000Z"],
  ])("a month after %s is %s", (from, to) => {
    expect(addMonth(from)).toBe(to);
  });

  it("starts a trial for the given days and ends it on the free plan", () => {
    const trial = startTrial("2026-01-01T00:00:00.000Z", "starter", 14);
    expect(trial).toEqual({
      plan_id: "starter",
      status: "trial",
      current_period_start: "2026-01-01T00:00:00.000Z",
      current_period_end: "2026-01-15T00:00:00.000Z",
      pending_plan_id: null,
    });
    expect(rollOver(trial, "2026-01-14T23:59:59.000Z")).toEqual(trial);
    expect(rollOver(trial, "2026-01-20T00:00:00.000Z")).toEqual({
      plan_id: "free",
      status: "active",
      current_period_start: "2026-01-15T00:00:00.000Z",
      current_period_end: "2026-02-15T00:00:00.000Z",
      pending_plan_id: null,
    });
  });

  it("closes every period that ended, a waiting downgrade at the first", () => {
    expect(rollOver(active("professional", "starter"), "2026-03-10T00:00:00.000Z")).toEqual({
      ...active("starter"),
      current_period_start: "2026-03-01T00:00:00.000Z",
      current_period_end: "2026-04-01T00:00:00.000Z",
    });
  });

  it("leaves a canceled or past-due subscription as it is", () => {
    for (const status of ["canceled", "past_due"] as const) {
      const s = { ...active("professional"), status };
      expect(rollOver(s, "2026-06-01T00:00:00.000Z")).toEqual(s);
    }
  });
});

describe("changing plans", () => {
  const now = "2026-01-10T00:00:00.000Z";
  it.each([
    ["the same plan", active("professional"), professional, professional, "unchanged"],
    ["an upgrade", active("starter"), starter, enterprise, "payment_required"],
    ["a paid plan during a trial", startTrial(now, "starter", 14), starter, starter, "unchanged"],
    [
      "another paid plan during a trial",
      startTrial(now, "starter", 14),
      starter,
      professional,
      "payment_required",
    ],
    [
      "a cheaper paid plan during a trial",
      startTrial(now, "professional", 14),
      professional,
      starter,
      "payment_required",
    ],
    ["a downgrade", active("enterprise"), enterprise, starter, "at_period_end"],
    ["the free plan", active("professional"), professional, free, "at_period_end"],
    ["the free plan during a trial", startTrial(now, "starter", 14), starter, free, "now"],
    [
      "a paid plan once canceled",
      { ...active("starter"), status: "canceled" as const },
      starter,
      starter,
      "payment_required",
    ],
    [
      "the free plan once canceled",
      { ...active("starter"), status: "canceled" as const },
      starter,
      free,
      "now",
    ],
  ])("%s: %s", (_, state, current, target, kind) => {
    expect(changePlan(state, current, target, now).kind).toBe(kind);
  });

  it("schedules a downgrade for the period's end and cancels it when the current plan is asked for again", () => {
    const down = changePlan(active("enterprise"), enterprise, starter, now);
    expect(down).toEqual({ kind: "at_period_end", state: active("enterprise", "starter") });
    expect(changePlan(active("enterprise", "starter"), enterprise, enterprise, now)).toEqual({
      kind: "now",
      state: active("enterprise"),
    });
  });

  it("starts the free plan at once, with a period from now", () => {
    expect(changePlan(startTrial(now, "starter", 14), starter, free, now)).toEqual({
      kind: "now",
      state: {
        plan_id: "free",
        status: "active",
        current_period_start: now,
        current_period_end: "2026-02-10T00:00:00.000Z",
        pending_plan_id: null,
      },
    });
  });
});
