/**
 * Password recovery: the link arrives through the dev outbox, works once
 * and for 60 minutes, changes the password and revokes every session; an
 * address without an account gets the same answer and no mail; forms are
 * CSRF-checked and throttled; the token never reaches the logs.
 */
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RESET_TTL_MINUTES } from "../../../src/services/auth/password-reset.ts";
import {
  RESET_ATTEMPTS_PER_CLIENT,
  RESET_REQUESTS_PER_CLIENT,
  RESET_REQUESTS_PER_EMAIL,
} from "../../../src/web/recovery-routes.tsx";
import { call, uniqueId } from "../helpers/api.ts";
import { Browser, createUser } from "./helpers.ts";

afterEach(() => vi.restoreAllMocks());

const dev = { ENVIRONMENT: "development", AUTH_MODE: "session" };
const NEW_PASSWORD = "a brand new passphrase";

let addresses = 0;

/** A browser with its own client address, so the per-client throttles of one test never touch another's. */
class Visitor {
  readonly browser = new Browser();
  readonly ip = `198.51.100.${++addresses}`;

  constructor(readonly vars: Record<string, string> = dev) {}

  get(path: string) {
    return this.browser.get(path, this.vars);
  }

  post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    return this.browser.post(path, form, { "CF-Connecting-IP": this.ip, ...headers }, this.vars);
  }

  /** A CSRF token for this browser's forms (from the forgot-password page, which every visitor can open). */
  async csrf() {
    return Browser.csrfOf(await (await this.get("/auth/forgot-password")).text());
  }

  /** Submits a new password for `token` without opening the form first (it may not be shown). */
  async submit(token: string, password = NEW_PASSWORD, confirm = password) {
    return this.post("/auth/reset-password", { _csrf: await this.csrf(), token, password, confirm });
  }

  /** Asks for a link for `email` from the forgot-password page. */
  async requestLink(email: string) {
    const page = await (await this.get("/auth/forgot-password")).text();
    return this.post("/auth/forgot-password", { _csrf: Browser.csrfOf(page), email });
  }

  /** Opens the link's form and submits a new password. */
  async reset(token: string, password = NEW_PASSWORD, confirm = password) {
    const page = await (await this.get(`/auth/reset-password?token=${token}`)).text();
    return this.post("/auth/reset-password", { _csrf: Browser.csrfOf(page), token, password, confirm });
  }
}

async function mailsTo(email: string) {
  const rows = await env.DB.prepare('SELECT subject, text FROM dev_outbox WHERE "to" = ? ORDER BY rowid DESC')
    .bind(email)
    .all<{ subject: string; text: string }>();
  return rows.results;
}

/** The token of the newest reset link mailed to `email`. */
async function latestToken(email: string): Promise<string> {
  const [mail] = await mailsTo(email);
  const token = /\/auth\/reset-password\?token=(\S+)/.exec(mail?.text ?? "")?.[1];
  if (!token) throw new Error(`no reset link mailed to ${email}`);
  return token;
}

async function passwordHashOf(userId: string) {
  const row = await env.DB.prepare("SELECT password_hash FROM users WHERE id = ?")
    .bind(userId)
    .first<{ password_hash: string }>();
  return row!.password_hash;
}

/** A user who asked for a link, and its token. */
async function userWithLink() {
  const user = await createUser();
  expect((await new Visitor().requestLink(user.email)).status).toBe(303);
  return { user, token: await latestToken(user.email) };
}

const DEAD = "This link has expired or was already used.";

describe("the full reset", () => {
  it("mails a link, changes the password, confirms the address and revokes every session", async () => {
    const user = await createUser();
    const signedIn = new Browser();
    expect((await signedIn.signIn(user.email, user.password)).status).toBe(303);
    expect((await new Browser().signIn(user.email, user.password)).status).toBe(303);
    expect((await signedIn.get("/app")).status).toBe(200);

    const visitor = new Visitor();
    const asked = await visitor.requestLink(user.email.toUpperCase());
    expect(asked.status).toBe(303);
    expect(asked.headers.get("Location")).toBe("/auth/forgot-password?sent");
    const sent = await (await visitor.get("/auth/forgot-password?sent")).text();
    expect(sent).toContain("If an account exists for that address, we have sent it a link");
    expect(sent).toContain(`for ${RESET_TTL_MINUTES} minutes`);

    const [mail] = await mailsTo(user.email);
    expect(mail!.subject).toBe("Reset your Prospector password");
    expect(mail!.text).toContain("https://api.prospector.test/auth/reset-password?token=");
    const token = await latestToken(user.email);
    expect(token).toMatch(/^code_[0-9A-Za-z]{20}\.[A-Za-z0-9_-]{43}$/);
    const [id, secret] = token.split(".");
    const stored = await env.DB.prepare("SELECT purpose, code_hash, expires_at FROM email_codes WHERE id = ?")
      .bind(id)
      .first<{ purpose: string; code_hash: string; expires_at: string }>();
    expect(stored!.purpose).toBe("reset_password");
    expect(stored!.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.code_hash).not.toContain(secret);
    const ttl = Date.parse(stored!.expires_at) - Date.now();
    expect(ttl).toBeGreaterThan((RESET_TTL_MINUTES - 1) * 60_000);
    expect(ttl).toBeLessThanOrEqual(RESET_TTL_MINUTES * 60_000);

    const form = await visitor.get(`/auth/reset-password?token=${token}`);
    expect(form.status).toBe(200);
    expect(form.headers.get("Referrer-Policy")).toBe("same-origin");
    expect(form.headers.get("Cache-Control")).toBe("no-store");
    const html = await form.text();
    expect(html).toContain(`name="token" value="${token}"`);
    expect(html).toContain('<label for="password">New password</label>');
    expect(html).toContain('autocomplete="new-password"');

    const done = await visitor.post("/auth/reset-password", {
      _csrf: Browser.csrfOf(html),
      token,
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(done.status).toBe(303);
    expect(done.headers.get("Location")).toBe("/auth/login?reset");
    expect(await (await visitor.get("/auth/login?reset")).text()).toContain(
      "Your password was changed. Sign in with the new one.",
    );

    // Every session the user had is revoked: the signed-in browser is sent to sign in.
    const live = await env.DB.prepare(
      "SELECT count(*) AS n FROM sessions WHERE user_id = ? AND revoked_at IS NULL",
    )
      .bind(user.userId)
      .first<{ n: number }>();
    expect(live!.n).toBe(0);
    const after = await signedIn.get("/app");
    expect(after.status).toBe(303);
    expect(after.headers.get("Location")).toMatch(/^\/auth\/login/);

    expect((await new Browser().signIn(user.email, user.password)).status).toBe(401);
    const fresh = await new Browser().signIn(user.email, NEW_PASSWORD);
    expect(fresh.status).toBe(303);
    expect(fresh.headers.get("Location")).toBe("/app");

    const row = await env.DB.prepare("SELECT email_verified_at FROM users WHERE id = ?")
      .bind(user.userId)
      .first<{ email_verified_at: string | null }>();
    expect(row!.email_verified_at).toBeTruthy();
  });

  it("links to it from the sign-in page, and works whatever the AUTH_MODE", async () => {
    expect(await (await new Browser().get("/auth/login")).text()).toContain(
      '<a href="/auth/forgot-password">Forgot your password?</a>',
    );
    const user = await createUser();
    const visitor = new Visitor({ ENVIRONMENT: "development", AUTH_MODE: "dev" });
    expect((await visitor.requestLink(user.email)).status).toBe(303);
    expect((await visitor.reset(await latestToken(user.email))).status).toBe(303);
  });
});

describe("asking for a link", () => {
  it("gives the same answer for any address, and mails only an account that can use a password", async () => {
    const known = await createUser();
    const disabled = await createUser("disabled");
    const noPassword = await createUser();
    await env.DB.prepare("UPDATE users SET password_hash = NULL WHERE id = ?").bind(noPassword.userId).run();
    const unknown = `${uniqueId("nobody")}@example.com`;

    const answers = [];
    for (const email of [known.email, unknown, disabled.email, noPassword.email]) {
      const res = await new Visitor().requestLink(email);
      answers.push({ status: res.status, location: res.headers.get("Location"), body: await res.text() });
    }
    expect(answers[0]).toEqual({ status: 303, location: "/auth/forgot-password?sent", body: "" });
    for (const answer of answers) expect(answer).toEqual(answers[0]);

    expect(await mailsTo(known.email)).toHaveLength(1);
    for (const email of [unknown, disabled.email, noPassword.email])
      expect(await mailsTo(email)).toHaveLength(0);
  });

  it("mails a link on PUBLIC_ORIGIN, never on the Host the request names", async () => {
    const user = await createUser();
    // A forged Host reaches a Worker as the host of its request URL.
    const csrf = "forgedhostforgedhostforgedhost12";
    const res = await call("POST", "/auth/forgot-password", {
      origin: "https://evil.example",
      vars: { ...dev, PUBLIC_ORIGIN: "https://prospector.example.com" },
      body: new URLSearchParams({ _csrf: csrf, email: user.email }).toString(),
      headers: {
        Host: "evil.example",
        "Content-Type": "application/x-www-form-urlencoded",
        Cookie: `prospector_csrf=${csrf}`,
        "CF-Connecting-IP": "198.51.100.250",
      },
    });
    expect(res.status).toBe(303);
    const mails = await mailsTo(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("https://prospector.example.com/auth/reset-password?token=");
    expect(mails[0]!.text).not.toContain("evil.example");
  });

  it("asks for an address when the field is empty (400)", async () => {
    const res = await new Visitor().requestLink("");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Enter your email address.");
  });

  it("still gives the same answer when the mail cannot be sent, and logs it without the link", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    const user = await createUser();
    const visitor = new Visitor({ ENVIRONMENT: "development", AUTH_MODE: "session", MAIL_PROVIDER: "none" });
    const res = await visitor.requestLink(user.email);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/auth/forgot-password?sent");
    const logged = lines.map((l) => JSON.parse(l)).find((e) => e.msg === "password reset mail not sent");
    expect(logged).toMatchObject({
      level: "error",
      error_message: expect.stringContaining("MAIL_PROVIDER=none"),
    });
    expect(lines.join("\n")).not.toContain("token=");
  });

  it("retires the older links of the user", async () => {
    const { user, token: first } = await userWithLink();
    expect((await new Visitor().requestLink(user.email)).status).toBe(303);
    const second = await latestToken(user.email);
    expect(second).not.toBe(first);
    const old = await new Visitor().get(`/auth/reset-password?token=${first}`);
    expect(old.status).toBe(400);
    expect(await old.text()).toContain(DEAD);
    expect((await new Visitor().reset(second)).status).toBe(303);
  });
});

describe("the link", () => {
  it("works once", async () => {
    const { user, token } = await userWithLink();
    const visitor = new Visitor();
    expect((await visitor.reset(token)).status).toBe(303);
    const hash = await passwordHashOf(user.userId);

    const again = await visitor.get(`/auth/reset-password?token=${token}`);
    expect(again.status).toBe(400);
    const html = await again.text();
    expect(html).toContain(DEAD);
    expect(html).toContain('href="/auth/forgot-password"');
    const replay = await visitor.submit(token, "yet another passphrase");
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain(DEAD);
    expect(await passwordHashOf(user.userId)).toBe(hash);
  });

  it("works once even when two submissions race", async () => {
    const { user, token } = await userWithLink();
    const visitors = [new Visitor(), new Visitor()];
    const forms = await Promise.all(
      visitors.map(async (v) =>
        Browser.csrfOf(await (await v.get(`/auth/reset-password?token=${token}`)).text()),
      ),
    );
    const answers = await Promise.all(
      visitors.map((v, i) =>
        v.post("/auth/reset-password", {
          _csrf: forms[i]!,
          token,
          password: `racing passphrase ${i}`,
          confirm: `racing passphrase ${i}`,
        }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([303, 400]);
    const winner = answers.findIndex((r) => r.status === 303);
    expect((await new Browser().signIn(user.email, `racing passphrase ${winner}`)).status).toBe(303);
    expect((await new Browser().signIn(user.email, `racing passphrase ${1 - winner}`)).status).toBe(401);
  });

  it(`expires after ${RESET_TTL_MINUTES} minutes`, async () => {
    const { user, token } = await userWithLink();
    await env.DB.prepare("UPDATE email_codes SET expires_at = '2020-01-01T00:00:00.000Z' WHERE id = ?")
      .bind(token.split(".")[0])
      .run();
    const hash = await passwordHashOf(user.userId);
    const visitor = new Visitor();
    const page = await visitor.get(`/auth/reset-password?token=${token}`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain(DEAD);
    const res = await visitor.submit(token);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(DEAD);
    expect(await passwordHashOf(user.userId)).toBe(hash);
  });

  it("is refused when tampered with, malformed or unknown", async () => {
    const { user, token } = await userWithLink();
    const [id, secret] = token.split(".") as [string, string];
    const flipped = `${id}.${secret[0] === "A" ? "B" : "A"}${secret.slice(1)}`;
    const otherId = `code_${"x".repeat(20)}.${secret}`;
    const hash = await passwordHashOf(user.userId);
    for (const bad of [flipped, otherId, id, `${token}x`, "", "%00"]) {
      const visitor = new Visitor();
      const page = await visitor.get(`/auth/reset-password?token=${bad}`);
      expect(page.status, bad).toBe(400);
      expect(await page.text()).toContain(DEAD);
      const res = await visitor.submit(bad);
      expect(res.status, bad).toBe(400);
      expect(await res.text()).toContain(DEAD);
    }
    expect(await passwordHashOf(user.userId)).toBe(hash);
    // The real link still works.
    expect((await new Visitor().reset(token)).status).toBe(303);
  });

  it("is refused once the account is disabled", async () => {
    const { user, token } = await userWithLink();
    await env.DB.prepare("UPDATE users SET status = 'disabled' WHERE id = ?").bind(user.userId).run();
    expect((await new Visitor().get(`/auth/reset-password?token=${token}`)).status).toBe(400);
    const res = await new Visitor().submit(token);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(DEAD);
  });
});

describe("the new-password form", () => {
  it("shows the problem next to the field (400) and keeps the link usable", async () => {
    const { user, token } = await userWithLink();
    const hash = await passwordHashOf(user.userId);
    const cases = [
      {
        password: NEW_PASSWORD,
        confirm: `${NEW_PASSWORD}!`,
        field: "confirm",
        message: "The two passwords differ.",
      },
      { password: "short", confirm: "short", field: "password", message: "Use at least 12 characters." },
      {
        password: "x".repeat(1001),
        confirm: "x".repeat(1001),
        field: "password",
        message: "Use at most 1,000",
      },
    ];
    for (const { password, confirm, field, message } of cases) {
      const res = await new Visitor().reset(token, password, confirm);
      expect(res.status, message).toBe(400);
      const html = await res.text();
      expect(html).toContain(`<p class="field-error" id="${field}-error">${message}`);
      expect(html).toContain(`aria-describedby="${field}-error`);
      expect(html).toContain(`name="token" value="${token}"`);
      expect(html).not.toContain(`value="${password}"`);
    }
    expect(await passwordHashOf(user.userId)).toBe(hash);
    expect((await new Visitor().reset(token)).status).toBe(303);
  });
});

describe("CSRF", () => {
  it("refuses link requests without the right token or from another site (403), mailing nothing", async () => {
    const user = await createUser();
    const visitor = new Visitor();
    const page = await (await visitor.get("/auth/forgot-password")).text();
    const token = Browser.csrfOf(page);
    const attempts: [Record<string, string>, Record<string, string>][] = [
      [{ email: user.email }, {}],
      [{ _csrf: `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, email: user.email }, {}],
      [{ _csrf: token, email: user.email }, { Origin: "https://evil.test" }],
    ];
    for (const [form, headers] of attempts) {
      const res = await visitor.post("/auth/forgot-password", form, headers);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("This form has expired");
    }
    expect(await mailsTo(user.email)).toHaveLength(0);
  });

  it("refuses new passwords without the right token (403), changing nothing", async () => {
    const { user, token } = await userWithLink();
    const hash = await passwordHashOf(user.userId);
    const visitor = new Visitor();
    await visitor.get(`/auth/reset-password?token=${token}`);
    const form = { token, password: NEW_PASSWORD, confirm: NEW_PASSWORD };
    expect((await visitor.post("/auth/reset-password", form)).status).toBe(403);
    expect((await visitor.post("/auth/reset-password", { ...form, _csrf: "x".repeat(32) })).status).toBe(403);
    const csrf = visitor.browser.cookies.get("prospector_csrf")!;
    expect(
      (await visitor.post("/auth/reset-password", { ...form, _csrf: csrf }, { Origin: "https://evil.test" }))
        .status,
    ).toBe(403);
    expect(await passwordHashOf(user.userId)).toBe(hash);
    expect((await new Visitor().reset(token)).status).toBe(303);
  });
});

describe("throttling", () => {
  it(`answers 429 after ${RESET_REQUESTS_PER_CLIENT} link requests from one client in an hour`, async () => {
    const visitor = new Visitor();
    const page = await (await visitor.get("/auth/forgot-password")).text();
    const form = { _csrf: Browser.csrfOf(page), email: `${uniqueId("nobody")}@example.com` };
    for (let i = 0; i < RESET_REQUESTS_PER_CLIENT; i++) {
      expect((await visitor.post("/auth/forgot-password", form)).status).toBe(303);
    }
    const res = await visitor.post("/auth/forgot-password", form);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await res.text()).toContain("Too many requests from here.");
  });

  it(`mails one address at most ${RESET_REQUESTS_PER_EMAIL} times an hour, with the usual answer after`, async () => {
    const user = await createUser();
    for (let i = 0; i <= RESET_REQUESTS_PER_EMAIL; i++) {
      const res = await new Visitor().requestLink(user.email);
      expect(res.status).toBe(303);
      expect(res.headers.get("Location")).toBe("/auth/forgot-password?sent");
      expect(res.headers.get("Retry-After")).toBeNull();
    }
    expect(await mailsTo(user.email)).toHaveLength(RESET_REQUESTS_PER_EMAIL);
  });

  it(`answers 429 after ${RESET_ATTEMPTS_PER_CLIENT} new-password submissions from one client in an hour`, async () => {
    const { user, token } = await userWithLink();
    const hash = await passwordHashOf(user.userId);
    const visitor = new Visitor();
    const page = await (await visitor.get(`/auth/reset-password?token=${token}`)).text();
    const form = { _csrf: Browser.csrfOf(page), token, password: "short", confirm: "short" };
    for (let i = 0; i < RESET_ATTEMPTS_PER_CLIENT; i++) {
      expect((await visitor.post("/auth/reset-password", form)).status).toBe(400);
    }
    const res = await visitor.post("/auth/reset-password", {
      ...form,
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await passwordHashOf(user.userId)).toBe(hash);
    // Another client is not held back.
    expect((await new Visitor().reset(token)).status).toBe(303);
  });
});

describe("API keys", () => {
  it("revokes the user's own keys with the reset; the tenant's service keys stay", async () => {
    const user = await createUser();
    const insertKey = (id: string, kind: string, hash: string) =>
      env.DB.prepare(
        "INSERT INTO api_keys (id, tenant_id, created_by, name, prefix, key_hash, scopes, kind) VALUES (?, ?, ?, 'k', 'psk_x', ?, '[\"read\"]', ?)",
      )
        .bind(id, user.tenantId, user.userId, hash, kind)
        .run();
    await insertKey(uniqueId("key"), "user", uniqueId("hash"));
    await insertKey(uniqueId("key"), "user", uniqueId("hash"));
    const service = uniqueId("key");
    await insertKey(service, "service", uniqueId("hash"));
    const visitor = new Visitor();
    await visitor.requestLink(user.email);
    expect((await visitor.reset(await latestToken(user.email))).status).toBe(303);
    const { results } = await env.DB.prepare(
      "SELECT id, kind, revoked_at FROM api_keys WHERE created_by = ? ORDER BY kind",
    )
      .bind(user.userId)
      .all<{ id: string; kind: string; revoked_at: string | null }>();
    expect(results).toHaveLength(3);
    expect(results.filter((k) => k.kind === "user").every((k) => k.revoked_at !== null)).toBe(true);
    expect(results.find((k) => k.id === service)!.revoked_at).toBeNull();
  });
});

describe("logs", () => {
  it("never contain the link's token", async () => {
    const lines: string[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
    }
    const user = await createUser();
    const visitor = new Visitor({ ...dev, LOG_LEVEL: "debug" });
    await visitor.requestLink(user.email);
    const token = await latestToken(user.email);
    await visitor.reset(token, "short", "short");
    expect((await visitor.reset(token)).status).toBe(303);
    await visitor.get(`/auth/reset-password?token=${token}`);
    expect(lines.some((l) => l.includes('"password reset"'))).toBe(true);
    const all = lines.join("\n");
    expect(all).not.toContain(token.split(".")[1]);
  });
});
