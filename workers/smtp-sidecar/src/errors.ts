/**
 * The sidecar's one error type and its closed list of codes. Every error
 * response has the body `{"error": {"code", "message"}}`; the app's error
 * handler turns a {@link SidecarError} (or anything else, as a 500) into it.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Every error code an error response can carry. */
export const SIDECAR_ERROR_CODES = [
  "validation_failed",
  "unauthorized",
  "not_found",
  "payload_too_large",
  "rotation_unavailable",
  "internal_error",
] as const;

/** An error response's machine code. */
export type SidecarErrorCode = (typeof SIDECAR_ERROR_CODES)[number];

const STATUS: Record<SidecarErrorCode, ContentfulStatusCode> = {
  validation_failed: 400,
  unauthorized: 401,
  not_found: 404,
  payload_too_large: 413,
  rotation_unavailable: 409,
  internal_error: 500,
};

/** An error that becomes an HTTP error response; `extra` fields are merged into the body beside `error`. */
export class SidecarError extends Error {
  override name = "SidecarError";
  readonly code: SidecarErrorCode;
  readonly extra: Record<string, unknown>;
  constructor(code: SidecarErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.extra = extra;
  }

  /** The HTTP status of this error's code. */
  get status(): ContentfulStatusCode {
    return STATUS[this.code];
  }

  /** The response body. */
  body(): Record<string, unknown> {
    return { ...this.extra, error: { code: this.code, message: this.message } };
  }
}
