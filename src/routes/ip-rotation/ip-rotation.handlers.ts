/** Handlers that forward IP rotation calls to the SMTP sidecar. */
import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";
import { ApiError } from "../../errors.ts";
import { RotationStatusSchema } from "../../services/ip-rotation-status.ts";
import { SidecarUnavailableError } from "../../services/sidecar-client.ts";
import { RotateResultSchema, type rotate, type rotationStatus } from "./ip-rotation.routes.ts";

/** The sidecar's error message, when its body has one. */
function sidecarMessage(json: unknown): string | null {
  const error = (json as { error?: { message?: unknown } } | null)?.error;
  return typeof error?.message === "string" ? error.message.slice(0, 300) : null;
}

async function forward(c: Context<AppEnv>, method: "GET" | "POST", path: string, payload?: unknown) {
  try {
    return await c.var.sidecar.passThrough(method, path, payload);
  } catch (err) {
    if (err instanceof SidecarUnavailableError) {
      throw new ApiError("service_unavailable", `The verification service is unavailable: ${err.message}`);
    }
    throw err;
  }
}

const unexpected = (status: number) =>
  new ApiError("service_unavailable", `The verification service answered unexpectedly (HTTP ${status})`);

export const rotationStatusHandler: RouteHandler<typeof rotationStatus, AppEnv> = async (c) => {
  const { status, json } = await forward(c, "GET", "/v1/ip-rotation/status");
  const parsed = RotationStatusSchema.safeParse(json);
  if (status !== 200 || !parsed.success) throw unexpected(status);
  return c.json(parsed.data, 200);
};

export const rotateHandler: RouteHandler<typeof rotate, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const { status, json } = await forward(c, "POST", "/v1/ip-rotation/rotate", body);
  if (status === 409) {
    throw new ApiError("conflict", sidecarMessage(json) ?? "There is no other outbound address to rotate to");
  }
  const parsed = RotateResultSchema.safeParse(json);
  if (status !== 200 || !parsed.success) throw unexpected(status);
  c.var.log.info("ip rotation", { reason: body.reason, force: body.force, new_pool: parsed.data.new_pool });
  return c.json(parsed.data, 200);
};
