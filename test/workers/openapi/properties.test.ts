/**
 * The property pass over every operation of GET /openapi.json, in the
 * Workers runtime against the real app (dev auth, one tenant whose owner is
 * a platform administrator). Per operation, with a fixed seed:
 * - valid requests, drawn from the operation's own parameter and body
 *   schemas, are accepted: 2xx, or 404/409 where documented (a random id, a
 *   state conflict), or a refusal plans.ts states with its reason;
 * - invalid ones (one parameter or body field of the wrong type, out of
 *   range, too long, missing; malformed JSON; the wrong Content-Type; a body
 *   over the limit) get the 4xx they must;
 * - never a 5xx nobody documented, and every answer matches the documented
 *   response for its status and content type.
 * Operations it cannot exercise are listed in plans.ts with the reason; the
 * last test asserts that every other one was.
 */
import { env } from "cloudflare:test";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { doorForPath } from "../../../src/doors/doors.ts";
import { Caller, call, json } from "../helpers/api.ts";
import { everywhere, type Fixtures, notExercised, type Plan, plans } from "./plans.ts";
import {
  answerErrors,
  breakages,
  type Document,
  type Draft,
  draftErrors,
  listOperations,
  type Operation,
  toRequest,
  validRequest,
} from "./requests.ts";

/** Change it to explore other requests; a failure prints the seed and path to replay it. */
const SEED = 20_261_201;
const VALID_RUNS = 15;
const INVALID_RUNS = 12;
/** An operation without parameters or body gets the same request every time: a few suffice. */
const FIXED_RUNS = 3;
/** A safety net only: a whole operation's requests take a second or two. */
const TIMEOUT_MS = 60_000;

const doc = (await json(await call("GET", "/openapi.json"))) as Document;
const operations = listOperations(doc);
const exercised = operations.filter((op) => !(op.key in notExercised));
const sent = new Map<string, number>();

const owner = Caller.newTenant();
let fixtures: Fixtures | undefined;
const planFor = plans(() => {
  if (!fixtures) throw new Error("fixtures are made in beforeAll");
  return fixtures;
});

/** The owner's access token, for the JSON doors (001-004), which take no dev headers. */
let ownerAccess: Record<string, string> = {};
let address = 0;

async function send(op: Operation, draft: Draft, plan: Plan): Promise<Response> {
  const credentials = plan.credentials
    ? await plan.credentials()
    : doorForPath(op.path).name === "000"
      ? owner.devHeaders()
      : ownerAccess;
  const { url, headers: drawn, body } = toRequest(op, draft, credentials);
  // A client address per request: the per-client sign-in and sign-up throttles are tested elsewhere.
  const headers = { "CF-Connecting-IP": `198.18.${(++address >> 8) & 255}.${address & 255}`, ...drawn };
  sent.set(op.key, (sent.get(op.key) ?? 0) + 1);
  const muted = plan.quiet ? vi.spyOn(console, "error").mockImplementation(() => {}) : undefined;
  try {
    return await call(op.method, url, {
      headers,
      body,
      vars: { RATE_LIMIT_PER_MINUTE: "10000000", ...plan.vars, ...draft.vars },
    });
  } finally {
    muted?.mockRestore();
  }
}

/** Fails with the request and the answer, so a counterexample reads on its own. */
function fail(op: Operation, draft: Draft, res: Response, text: string, problem: string): never {
  const shown = { ...draft, body: draft.body?.slice(0, 300), value: undefined };
  throw new Error(
    `${op.key}: ${problem}\nrequest: ${JSON.stringify(shown)}\nanswer: ${res.status} ${text.slice(0, 500)}`,
  );
}

async function check(op: Operation, draft: Draft, res: Response) {
  const text = await res.clone().text();
  const problems = await answerErrors(op, doc, res);
  if (problems.length)
    fail(op, draft, res, text, `the answer does not match the document:\n${problems.join("\n")}`);
  return text;
}

beforeAll(async () => {
  await owner.makePlatformAdmin();
  ownerAccess = await owner.accessHeaders();
  const colleague = await owner.colleague().provision();
  const headers = owner.devHeaders();
  const run = await json(
    await call("POST", "/runs", {
      headers,
      json: { domains: ["fixture.test"], options: { skip_crawl: true, skip_verify: true } },
    }),
  );
  const key = await owner.createApiKey(["read"]);
  const suppression = await json(
    await call("POST", "/suppressions", { headers, json: { domain: "suppressed.test" } }),
  );
  // A second tenant for the admin PATCH, so random changes (a suspension, a plan) never reach the owner's.
  const other = await Caller.newTenant().provision();
  fixtures = {
    runId: run.run_id,
    keyId: key.id,
    suppressionId: suppression.id,
    colleagueId: colleague.userId,
    otherTenantId: other.tenantId,
  };
  expect(Object.values(fixtures).every((id) => typeof id === "string" && id.length > 0)).toBe(true);
});

afterAll(async () => {
  // Let the queue finish the runs this file started, so no work outlives the file's storage.
  for (let i = 0; i < 100; i += 1) {
    const busy = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM runs WHERE status IN ('queued', 'running')",
    ).first<{ n: number }>();
    if (!busy?.n) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});

it("reads a document with operations, and excuses only operations it has", () => {
  expect(operations.length).toBeGreaterThan(30);
  for (const key of Object.keys(notExercised)) expect(operations.map((op) => op.key)).toContain(key);
  for (const key of Object.keys(planFor))
    expect(
      operations.map((op) => op.key),
      key,
    ).toContain(key);
});

describe.each(exercised.map((op) => [op.key, op] as const))("%s", (_, op) => {
  const plan: Plan = planFor[op.key] ?? {};

  it(
    "accepts valid requests, and answers as documented",
    async () => {
      const hasPathParams = op.parameters.some((p) => p.in === "path");
      const fixed = op.parameters.length === 0 && !op.requestBody;
      await fc.assert(
        fc.asyncProperty(validRequest(op, doc, plan), async (draft) => {
          const invalid = draftErrors(op, doc, draft);
          if (invalid.length) throw new Error(`the generator drew an invalid request: ${invalid.join("; ")}`);
          const res = await send(op, draft, plan);
          const text = await check(op, draft, res);
          if (res.status >= 200 && res.status < 300) return;
          if (res.status === 404 && hasPathParams) return;
          if (res.status === 409) return;
          const body = res.headers.get("Content-Type")?.includes("json") ? JSON.parse(text) : {};
          const refusals = [...(plan.refusals ?? []), ...everywhere];
          const refusal = refusals.find((r) => r.status === res.status && (r.when?.(draft, body) ?? true));
          if (!refusal) fail(op, draft, res, text, "a valid request was refused");
        }),
        { seed: SEED, numRuns: fixed ? FIXED_RUNS : (plan.runs ?? VALID_RUNS), endOnFailure: true },
      );
    },
    TIMEOUT_MS,
  );

  it(
    "refuses invalid requests with the 4xx they must get, as documented",
    async () => {
      const broken = breakages(op, doc);
      if (broken.length === 0) {
        // Nothing to break: no parameter, no body (an unknown query parameter is ignored, as OpenAPI allows).
        expect(op.parameters.length + Object.keys(op.requestBody?.content ?? {}).length).toBe(0);
        return;
      }
      await fc.assert(
        fc.asyncProperty(validRequest(op, doc, plan), fc.constantFrom(...broken), async (draft, breakage) => {
          const bad = breakage.apply(draft);
          fc.pre(bad !== null);
          const res = await send(op, bad!, plan);
          const text = await check(op, bad!, res);
          if (!breakage.expect.includes(res.status))
            fail(op, bad!, res, text, `${breakage.label}: expected ${breakage.expect.join(" or ")}`);
        }),
        { seed: SEED, numRuns: INVALID_RUNS, endOnFailure: true },
      );
    },
    TIMEOUT_MS,
  );
});

it("exercised every documented operation but the excused ones", () => {
  expect(exercised.length).toBe(operations.length - Object.keys(notExercised).length);
  expect([...sent.keys()].sort()).toEqual(exercised.map((op) => op.key).sort());
});
