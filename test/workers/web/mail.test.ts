/**
 * Outgoing mail: the development outbox (stored in D1, read at /dev/outbox)
 * and the Resend client, tested against recorded Resend responses through
 * the same code production runs. The configuration refuses what cannot work.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config.ts";
import { createDatabase } from "../../../src/db/client.ts";
import type { Env } from "../../../src/env.ts";
import { MailError, mailSender } from "../../../src/services/mail/mail.ts";
import { ResendMailSender } from "../../../src/services/mail/resend.ts";
import { call, expectError, json } from "../helpers/api.ts";

const dev = { ENVIRONMENT: "development" };

describe("the development outbox", () => {
  it("keeps what is sent and shows it at /dev/outbox, newest first, per address", async () => {
    const sender = mailSender(loadConfig({ ...env, ...dev } as Env), createDatabase(env.DB));
    expect(sender.provider).toBe("outbox");
    const to = `outbox-${crypto.randomUUID().slice(0, 8)}@example.com`;
    await sender.send({ to: to.toUpperCase(), subject: "Your code", text: "Your code is 123456." });
    await sender.send({ to, subject: "Welcome <b>", text: "Hello & welcome." });
    await sender.send({ to: "someone-else@example.com", subject: "Other", text: "x" });

    const listed = await json(
      await call("GET", `/dev/outbox.json?to=${encodeURIComponent(to)}`, { vars: dev }),
    );
    expect(listed.messages.map((m: { subject: string }) => m.subject)).toEqual(["Welcome <b>", "Your code"]);
    expect(listed.messages[1]).toMatchObject({ to, text: "Your code is 123456." });

    const page = await call("GET", `/dev/outbox?to=${encodeURIComponent(to)}`, { vars: dev });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Your code is 123456.");
    expect(html).toContain("Welcome &lt;b&gt;");
    expect(html).not.toContain("someone-else@example.com");
  });

  it("does not exist outside development", async () => {
    const page = await call("GET", "/dev/outbox", { vars: { ENVIRONMENT: "production" } });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain("Page not found");
    await expectError(
      await call("GET", "/dev/outbox.json", { vars: { ENVIRONMENT: "production" } }),
      404,
      "not_found",
    );
  });
});

/** A recorded Resend answer (https://resend.com/docs/api-reference/emails/send-email). */
function recordedResend(status: number, body: unknown) {
  const requests: Request[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(new Request(input, init));
    return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  }) as typeof fetch;
  return { requests, fetcher };
}

describe("the Resend client", () => {
  const settings = {
    apiKey: "re_test_secret_key",
    from: "Prospector <hi@prospector.test>",
    url: "https://api.resend.com/emails",
  };

  it("posts the message with the bearer key", async () => {
    const { requests, fetcher } = recordedResend(200, { id: "49a3999c-0ce1-4ea6-ab68-afcd6dc2e794" });
    await new ResendMailSender(settings, fetcher).send({ to: "ann@acme.test", subject: "Hi", text: "Hello" });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe("https://api.resend.com/emails");
    expect(requests[0]!.method).toBe("POST");
    expect(requests[0]!.headers.get("Authorization")).toBe("Bearer re_test_secret_key");
    expect(await requests[0]!.json()).toEqual({
      from: "Prospector <hi@prospector.test>",
      to: ["ann@acme.test"],
      subject: "Hi",
      text: "Hello",
    });
  });

  it("turns a refusal into a MailError with the provider's message and never the key", async () => {
    const { fetcher } = recordedResend(422, {
      statusCode: 422,
      message: "Invalid `to` field. The email address needs to follow the `email@example.com` format.",
      name: "validation_error",
    });
    const sending = new ResendMailSender(settings, fetcher).send({
      to: "not-an-address",
      subject: "x",
      text: "y",
    });
    await expect(sending).rejects.toThrow(MailError);
    await expect(sending).rejects.toThrow(/refused the message \(422\): Invalid `to` field/);
    await expect(sending).rejects.not.toThrow(/re_test_secret_key/);
  });

  it("reports an unreachable provider", async () => {
    const failing = (async () => {
      throw new TypeError("fetch failed");
    }) as typeof fetch;
    await expect(
      new ResendMailSender(settings, failing).send({ to: "a@b.test", subject: "x", text: "y" }),
    ).rejects.toThrow("The mail provider could not be reached");
  });
});

describe("mail configuration", () => {
  it("defaults to the outbox in development and to none elsewhere, which refuses to send", async () => {
    const production = loadConfig({ ...env, ENVIRONMENT: "production", AUTH_MODE: "session" } as Env);
    expect(production.MAIL_PROVIDER).toBe("none");
    await expect(
      mailSender(production, createDatabase(env.DB)).send({ to: "a@b.test", subject: "x", text: "y" }),
    ).rejects.toThrow("Outgoing mail is not configured");
  });

  it("refuses the outbox outside development and Resend without a key", () => {
    expect(() => loadConfig({ ...env, ENVIRONMENT: "production", MAIL_PROVIDER: "outbox" } as Env)).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ ...env, ENVIRONMENT: "production", MAIL_PROVIDER: "resend" } as Env)).toThrow(
      "MAIL_PROVIDER=resend needs MAIL_API_KEY",
    );
  });
});
