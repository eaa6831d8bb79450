/**
 * Reading and validating JSON request bodies. The bodies are tiny, so the
 * checks are plain code rather than a schema library; every failure is a
 * 400 `validation_failed` naming the field.
 */
import type { Context } from "hono";
import { SidecarError } from "../errors.ts";

/** The body parsed as a JSON object, or a `validation_failed` error. */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SidecarError("validation_failed", "body must be JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new SidecarError("validation_failed", "body must be a JSON object");
  }
  return value as Record<string, unknown>;
}

/** Throws `validation_failed` with `message` unless `ok`. */
export function ensure(ok: boolean, message: string): asserts ok {
  if (!ok) throw new SidecarError("validation_failed", message);
}
