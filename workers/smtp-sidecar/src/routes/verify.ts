/**
 * `POST /v1/verify`: `{"emails": [1..500 strings], "deadline_ms"?: number,
 * "fresh"?: boolean}` -> `{"results": [...]}` in input order. `fresh` skips
 * the result cache (the addresses are probed again).
 */
import { Hono } from "hono";
import type { MailboxVerifier } from "../verify/verifier.ts";
import { ensure, readJsonObject } from "./read-json.ts";

/** Most addresses in one request. */
export const MAX_EMAILS_PER_REQUEST = 500;

/** The verify route. */
export function verifyRoutes(verifier: MailboxVerifier) {
  return new Hono().post("/v1/verify", async (c) => {
    const body = await readJsonObject(c);
    const { emails, deadline_ms: deadlineMs, fresh } = body;
    ensure(Array.isArray(emails), "emails must be an array of strings");
    ensure(
      emails.length >= 1 && emails.length <= MAX_EMAILS_PER_REQUEST,
      `emails must hold 1 to ${MAX_EMAILS_PER_REQUEST} addresses`,
    );
    ensure(
      emails.every((e) => typeof e === "string" && e.length > 0 && e.length <= 512),
      "every email must be a non-empty string of at most 512 characters",
    );
    ensure(
      deadlineMs === undefined || (Number.isInteger(deadlineMs) && (deadlineMs as number) >= 1),
      "deadline_ms must be a positive integer (milliseconds)",
    );
    ensure(fresh === undefined || typeof fresh === "boolean", "fresh must be a boolean");
    const results = await verifier.verifyMailboxes(emails as string[], {
      fresh: fresh === true,
      ...(deadlineMs === undefined ? {} : { deadlineMs: deadlineMs as number }),
    });
    return c.json({ results });
  });
}
