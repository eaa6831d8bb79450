/** Driving the HTML pages like a browser would: cookies kept, forms posted with their CSRF token. */
import { env } from "cloudflare:test";
import { hashPassword } from "../../../src/domain/identity/password.ts";
import { call, uniqueId } from "../helpers/api.ts";

export const session = { AUTH_MODE: "session" };

/** The 6-digit code of the newest mail to `email` in the dev outbox (sign-up's verification). */
export async function latestCode(email: string): Promise<string> {
  const row = await env.DB.prepare(
    'SELECT subject FROM dev_outbox WHERE "to" = ? ORDER BY created_at DESC, id DESC LIMIT 1',
  )
    .bind(email)
    .first<{ subject: string }>();
  const code = /(\d{6})$/.exec(row?.subject ?? "")?.[1];
  if (!code) throw new Error(`no code mailed to ${email}`);
  return code;
}

export async function createUser(status = "active", password = "correct horse battery staple") {
  const tenantId = uniqueId("tenant");
  const userId = uniqueId("user");
  const email = `${userId}@example.com`;
  await env.DB.batch([
    env.DB.prepare("INSERT INTO tenants (id, name) VALUES (?, ?)").bind(tenantId, "Acme"),
    env.DB.prepare(
      "INSERT INTO users (id, tenant_id, email, password_hash, role, status) VALUES (?, ?, ?, ?, 'owner', ?)",
    ).bind(userId, tenantId, email, await hashPassword(password), status),
  ]);
  return { tenantId, userId, email, password };
}

/** A cookie jar and the requests a browser would send (same-origin, cookies attached, no redirects followed). */
export class Browser {
  readonly cookies = new Map<string, string>();

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/Max-Age=0/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async get(path: string, vars: Record<string, string> = session) {
    return this.remember(await call("GET", path, { vars, headers: { Cookie: this.cookieHeader() } }));
  }

  async post(
    path: string,
    form: Record<string, string>,
    headers: Record<string, string> = {},
    vars: Record<string, string> = session,
  ) {
    return this.remember(
      await call("POST", path, {
        vars,
        body: new URLSearchParams(form).toString(),
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: "https://api.prospector.test",
          Cookie: this.cookieHeader(),
          ...headers,
        },
      }),
    );
  }

  /** A multipart form post (file uploads); the browser sets the boundary. */
  async postMultipart(path: string, form: FormData, vars: Record<string, string> = session) {
    return this.remember(
      await call("POST", path, {
        vars,
        body: form,
        headers: { Origin: "https://api.prospector.test", Cookie: this.cookieHeader() },
      }),
    );
  }

  /** The CSRF token of the form on a page. */
  static csrfOf(html: string): string {
    const token = /name="_csrf" value="([^"]*)"/.exec(html)?.[1];
    if (token === undefined) throw new Error("no CSRF field on the page");
    return token;
  }

  /** Opens the sign-in page and signs in; returns the POST's response. */
  async signIn(email: string, password: string, next?: string) {
    const page = await (await this.get("/auth/login")).text();
    return this.post("/auth/login", {
      _csrf: Browser.csrfOf(page),
      email,
      password,
      ...(next ? { next } : {}),
    });
  }
}
