/**
 * What the property pass needs to know per operation beyond the document:
 * the operations it cannot exercise (and why), the real ids it mixes in,
 * the bodies the schemas leave as plain text, how side effects stay small,
 * and the refusals of valid requests that the document states in words
 * because JSON Schema cannot (each with its reason).
 */
import fc from "fast-check";
import { reservedSubdomains } from "../../../src/routes/door-004/admin.routes.ts";
import { Caller } from "../helpers/api.ts";
import type { Draft, DrawPlan } from "./requests.ts";

/** Operations the pass does not send requests to, with the reason; every other one is exercised. */
export const notExercised: Record<string, string> = {
  "GET /runs/{run_id}/events":
    "a WebSocket upgrade: its 101 needs a socket client and a live run room (test/workers/runs/runs.happy.test.ts covers it end to end)",
};

/** A refusal a valid request may get: its status, why the document cannot rule it out, and when it applies. */
export interface Refusal {
  status: number;
  why: string;
  when?: (draft: Draft, body: { error?: string; fields?: Record<string, string> }) => boolean;
}

/** Refusals any operation's valid requests may get. */
export const everywhere: Refusal[] = [
  {
    status: 400,
    why:
      "free text holding a control character other than whitespace is refused (domain/text/plain-text.ts); " +
      "the descriptions say so in words, the schemas carry no pattern for it",
    when: (_, b) => Object.values(b.fields ?? {}).some((m) => m.includes("control character")),
  },
];

export interface Plan extends DrawPlan {
  refusals?: Refusal[];
  /** Variables for every request of the operation. */
  vars?: Record<string, string>;
  /** Why the app's error log is muted for this operation (an expected 5xx is logged as an error). */
  quiet?: string;
  /** Fewer valid requests for operations that do real work per request (SMTP probes). */
  runs?: number;
  /** Credentials per request instead of the owner's (an operation that ends the credential it is sent with). */
  credentials?: () => Promise<Record<string, string>>;
}

/** Ids created by the test's setup, read lazily (they exist only after beforeAll). */
export interface Fixtures {
  runId: string;
  keyId: string;
  suppressionId: string;
  colleagueId: string;
  otherTenantId: string;
}

const mailWorld = ["strict.test", "catchall.test", "nomail.test", "full.test"];
const mailbox = fc
  .tuple(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,15}$/), fc.constantFrom(...mailWorld))
  .map(([local, domain]) => `${local}@${domain}`);

const csvCell = fc.oneof(fc.stringMatching(/^[A-Za-z0-9 .@-]{0,20}$/), mailbox);
const csvFile = fc
  .tuple(
    fc.constantFrom("email,first_name,last_name,title,company", "Email;Name;Job Title", "E-mail\tCompany"),
    fc.array(fc.array(csvCell, { minLength: 1, maxLength: 5 }), { maxLength: 5 }),
  )
  .map(([header, rows]) => `${[header, ...rows.map((r) => r.join(","))].join("\n")}\n`);
const ndjsonFile = fc
  .array(
    fc.record(
      { email: fc.oneof(mailbox, fc.string()), name: fc.string(), title: fc.string(), company: fc.string() },
      { requiredKeys: [] },
    ),
    { maxLength: 5 },
  )
  .map((rows) => rows.map((r) => `${JSON.stringify(r)}\n`).join(""));

/** Addresses and domains are checked for plausibility (a public suffix, a real host name) beyond any schema. */
const plausibility: Refusal = {
  status: 400,
  why: "an address or domain that is not plausible (no registrable domain, a reserved name): not a JSON Schema matter",
  when: (_, b) => b.fields?.email !== undefined || b.fields?.domain !== undefined,
};

/** Sign-up's password rules (length, not all one character...) are the password policy's, stated in words. */
const passwordPolicy: Refusal = {
  status: 400,
  why: "the password policy (domain/identity/password.ts) is more than a length; the descriptions say so",
  when: (_, b) => b.fields?.password !== undefined || JSON.stringify(b).includes('"password"'),
};
/** Registration checks an address's parts (a local part of at most 64 characters) beyond the email format. */
const registrableAddress: Refusal = {
  status: 400,
  why: "an address whose local part exceeds 64 characters passes the email format but cannot receive mail",
  when: (_, b) => JSON.stringify(b).includes('"email"'),
};
/** A name of only spaces passes `minLength` but is no name. */
const blankName: Refusal = {
  status: 422,
  why: "a name of only spaces (or control characters) is refused after trimming, which JSON Schema cannot say",
  when: (_, b) => JSON.stringify(b).includes('"name"'),
};
/** Drawn credentials name no account: 401, as for any wrong password. */
const noSuchAccount: Refusal = {
  status: 401,
  why: "a drawn email and password are no account's; the answer for that is documented as this 401",
};

/** A drawn plan id names no plan: the catalogue lives in D1 (editable), not in the schema. */
const noSuchPlan: Refusal = {
  status: 404,
  why: "a drawn plan id is no plan of the catalogue, which is data (D1), not schema; documented as this 404",
};

/** The plans, keyed `METHOD /path` as in the document. */
export function plans(fixtures: () => Fixtures): Record<string, Plan> {
  const run = { run_id: () => [fixtures().runId] };
  return {
    "POST /auth/session": {
      refusals: [
        { status: 403, why: "password sign-in exists only in AUTH_MODE=session; the pass runs in dev mode" },
      ],
    },
    "POST /api/auth/signup": {
      vars: { REGISTRATION_MODE: "open" },
      refusals: [passwordPolicy, registrableAddress],
    },
    "POST /api/v1/auth/register": {
      vars: { REGISTRATION_MODE: "open" },
      refusals: [{ ...passwordPolicy, status: 422 }, { ...registrableAddress, status: 422 }, blankName],
    },
    "GET /api/subscriptions/plans/{planId}": {
      ids: { planId: () => ["free", "starter", "pro", "professional", "enterprise"] },
      refusals: [noSuchPlan],
    },
    "POST /api/subscriptions/change-plan": { refusals: [noSuchPlan] },
    "POST /api/auth/login": { refusals: [noSuchAccount] },
    "POST /api/v1/auth/token": { refusals: [noSuchAccount] },
    "POST /api/auth/logout": {
      // Logging out ends the token it is sent with: a fresh one each time, never the owner's.
      credentials: () => Caller.newTenant().accessHeaders(),
    },
    "GET /api-keys/{key_id}": { ids: { key_id: () => [fixtures().keyId] } },
    "DELETE /api-keys/{key_id}": { ids: { key_id: () => [fixtures().keyId] } },
    "POST /api-keys": {
      refusals: [
        {
          status: 400,
          why: "expires_at must lie in the future, a rule relative to now that JSON Schema cannot state (its description says it)",
          when: (d, b) =>
            b.fields?.expires_at !== undefined &&
            Date.parse(String((d.value as { expires_at?: string }).expires_at)) <= Date.now(),
        },
      ],
    },
    "POST /verify": {
      runs: 8,
      // Addresses of the loopback mail world (test/workers/setup/global-servers.ts): real SMTP, in milliseconds.
      overrides: (path) => (path === "$.email" ? mailbox : undefined),
    },
    "POST /api/v1/ip-rotation/rotate": {
      // Rotating the shared test sidecar would race test/workers/routes/ip-rotation.happy.test.ts.
      vars: { SIDECAR_URL: "" },
      quiet: "each of its 503s is logged as an error",
      refusals: [
        { status: 503, why: "run against an unconfigured sidecar, so the shared one is never rotated" },
      ],
    },
    "POST /runs": {
      overrides: (path) =>
        path === "$.domains[]"
          ? fc.constantFrom("acme.test", "https://www.beta.test/team", "sales@gamma.test")
          : undefined,
      // No crawling and no SMTP: each domain finishes at once with what is stored (nothing).
      tame: (body) => {
        const b = body as { options?: Record<string, unknown> };
        return { ...b, options: { ...b.options, skip_crawl: true, skip_verify: true } };
      },
    },
    "GET /runs/{run_id}": { ids: run },
    "GET /runs/{run_id}/results": { ids: run },
    "GET /runs/{run_id}/export": { ids: run },
    "POST /runs/{run_id}/cancel": { ids: run },
    "GET /runs/{run_id}/logs": { ids: run },
    "POST /runs/{run_id}/events/ticket": { ids: run },
    "POST /ingest": {
      bodies: { "text/csv": csvFile, "application/x-ndjson": ndjsonFile },
      refusals: [
        {
          status: 400,
          why: "a file the server cannot read (no email column, unbalanced quotes) is any text to JSON Schema; the description lists these 400s",
          when: (_, b) => b.error === "bad_request",
        },
      ],
    },
    "POST /suppressions": {
      overrides: (path) =>
        path === "$.email"
          ? mailbox
          : path === "$.domain"
            ? fc.constantFrom("acme.test", "https://www.beta.test/x", "a@gamma.test")
            : undefined,
      refusals: [plausibility],
    },
    "GET /suppressions/check": {
      refusals: [
        {
          status: 400,
          why: "exactly one of email and domain: OpenAPI cannot say it of two query parameters (their descriptions do)",
          when: (d) => "email" in d.query === "domain" in d.query,
        },
        plausibility,
      ],
    },
    "GET /leads/search": {
      refusals: [
        {
          status: 400,
          why: "a cursor is opaque: only a `next_cursor` the API issued is one (its description says so)",
          when: (d, b) => d.query.cursor !== undefined && b.error === "bad_request",
        },
      ],
    },
    "DELETE /leads/{email}": { refusals: [plausibility] },
    "DELETE /suppressions/{suppression_id}": { ids: { suppression_id: () => [fixtures().suppressionId] } },
    "POST /admin/users/{user_id}/approve": { ids: { user_id: () => [fixtures().colleagueId] } },
    "POST /admin/users/{user_id}/role": { ids: { user_id: () => [fixtures().colleagueId] } },
    "PATCH /api/v1/admin/tenants/{tenant_id}": {
      ids: { tenant_id: () => [fixtures().otherTenantId] },
      refusals: [
        {
          status: 422,
          why: "a few subdomains are ours (www, api, admin, ...) and none may hold `--`: the description says so, the pattern cannot",
          when: (d) => {
            const sub = (d.value as { subdomain?: unknown }).subdomain;
            return (
              typeof sub === "string" &&
              (/--/.test(sub) ||
                ["www", "api", "app", "admin", "docs", "mail", "status", "static"].includes(sub))
            );
          },
        },
        {
          status: 422,
          why: "`plan` must name a plan of the catalogue (GET /api/v1/admin/plans), which the schema cannot list",
          when: (d) => typeof (d.value as { plan?: unknown }).plan === "string",
        },
      ],
    },
    "PATCH /api/v1/admin/plans/{plan_id}": {
      ids: { plan_id: () => ["free"] },
      // Only the name: random limits would throttle or starve the operations after this one.
      tame: (body) => ({
        name:
          String((body as { name?: unknown }).name ?? "Free")
            .slice(0, 60)
            .trim() || "Free",
      }),
    },
  };
}
