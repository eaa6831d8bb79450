/**
 * The outbound address pool over HTTP: `GET /v1/ip-rotation/status` and
 * `POST /v1/ip-rotation/rotate` (`{"reason": string, "force"?: boolean}`).
 * A rotation that cannot happen answers 409 `rotation_unavailable`.
 */
import { Hono } from "hono";
import type { SourcePool } from "../pool/source-pool.ts";
import { ensure, readJsonObject } from "./read-json.ts";

/** The ip-rotation routes. */
export function ipRotationRoutes(pool: SourcePool) {
  return new Hono()
    .get("/v1/ip-rotation/status", (c) => c.json(pool.status()))
    .post("/v1/ip-rotation/rotate", async (c) => {
      const { reason, force } = await readJsonObject(c);
      ensure(typeof reason === "string" && reason.trim().length > 0, "reason must be a non-empty string");
      ensure(reason.length <= 500, "reason must be at most 500 characters");
      ensure(force === undefined || typeof force === "boolean", "force must be a boolean");
      return c.json(pool.rotate(reason, force === true));
    });
}
