/**
 * The Worker's client for the SMTP sidecar. It reaches the sidecar through
 * the SIDECAR service binding when present (Workers VPC / tunnel), else over
 * SIDECAR_URL. Every call but /health is signed with SIDECAR_SECRET over its
 * method, path and body (the signing code is shared with the sidecar),
 * bounded by a timeout, retried a few times when the sidecar could not be
 * reached, and guarded by a circuit breaker so an unreachable sidecar fails
 * fast.
 */
import { z } from "zod";
import {
  SIDECAR_SIGNATURE_HEADER,
  type SignedRequest,
  signSidecarRequest,
} from "../../workers/smtp-sidecar/src/signature.ts";
import { verificationStatuses } from "../db/schema.ts";
import { type BreakerSnapshot, breakerFor, type CircuitBreaker } from "./circuit-breaker.ts";

export interface SidecarHealth {
  ok: boolean;
  latencyMs: number;
  detail?: string;
}

/** One address's verdict as the sidecar reports it. */
export const SidecarResultSchema = z.object({
  email: z.string(),
  status: z.enum(verificationStatuses),
  reason: z.string(),
  mx: z.string().nullable(),
  smtp_code: z.number().int().nullable(),
  smtp_message: z.string().nullable(),
  catch_all: z.boolean().nullable(),
  provider: z.string().nullable(),
  retry_after_s: z.number().int().nullable().optional(),
  duration_ms: z.number(),
});
export type SidecarResult = z.infer<typeof SidecarResultSchema>;

const VerifyResponseSchema = z.object({ results: z.array(SidecarResultSchema) });

/** Why a sidecar call failed; `not_configured` and `circuit_open` fail without a request. */
export type SidecarFailure =
  | "not_configured"
  | "circuit_open"
  | "unreachable"
  | "timeout"
  | "rejected"
  | "bad_response";

export class SidecarUnavailableError extends Error {
  override name = "SidecarUnavailableError";
  constructor(
    readonly failure: SidecarFailure,
    detail: string,
  ) {
    super(detail);
  }
}

export interface SidecarClientOptions {
  /** SIDECAR_SECRET: needed for every call except health. */
  secret?: string;
  /** Attempts after the first when the sidecar could not be reached (default 2). */
  retries?: number;
  /** Timeout of a health check (default 2 s). */
  healthTimeoutMs?: number;
  breaker?: CircuitBreaker;
  /** A Cloudflare Access service token, when the sidecar sits behind Access (cloudflared tunnel). */
  access?: { clientId: string; clientSecret: string };
}

/** Most addresses one /v1/verify call may carry. */
export const SIDECAR_BATCH_LIMIT = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SidecarClient {
  private readonly breaker: CircuitBreaker;

  constructor(
    private readonly target: { binding?: Fetcher; baseUrl?: string },
    private readonly options: SidecarClientOptions = {},
  ) {
    this.breaker = options.breaker ?? breakerFor(target.binding ? "binding:SIDECAR" : (target.baseUrl ?? ""));
  }

  /** True when a sidecar has been configured at all. */
  get configured(): boolean {
    return Boolean(this.target.binding || this.target.baseUrl);
  }

  /** The breaker's state, for /health/detailed. */
  circuit(): BreakerSnapshot {
    return this.breaker.snapshot();
  }

  /** GET /health on the sidecar, bounded by the timeout; never throws. Not counted by the breaker. */
  async health(): Promise<SidecarHealth> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const res = await this.fetch("/health", {
        headers: accessHeaders(this.options.access),
        signal: AbortSignal.timeout(this.options.healthTimeoutMs ?? 2000),
      });
      await res.body?.cancel();
      return res.ok
        ? { ok: true, latencyMs: elapsed() }
        : { ok: false, latencyMs: elapsed(), detail: `sidecar answered HTTP ${res.status}` };
    } catch (err) {
      return {
        ok: false,
        latencyMs: elapsed(),
        detail: isTimeout(err) ? "sidecar timed out" : "sidecar unreachable",
      };
    }
  }

  /** Verifies up to 500 addresses within `deadlineMs` (the sidecar answers for every one by then). */
  async verify(emails: readonly string[], deadlineMs: number, fresh = false): Promise<SidecarResult[]> {
    if (emails.length === 0) return [];
    if (emails.length > SIDECAR_BATCH_LIMIT)
      throw new RangeError(`at most ${SIDECAR_BATCH_LIMIT} addresses per call`);
    const body = await this.call(
      "POST",
      "/v1/verify",
      { emails, deadline_ms: deadlineMs, fresh },
      deadlineMs + 5000,
    );
    const parsed = VerifyResponseSchema.safeParse(body.json);
    if (!parsed.success || parsed.data.results.length !== emails.length) {
      throw new SidecarUnavailableError(
        "bad_response",
        "the sidecar's verify answer did not match the request",
      );
    }
    return parsed.data.results;
  }

  /**
   * A signed call whose answer is passed on as is (status and JSON body):
   * the IP rotation endpoints, whose 4xx answers are meaningful to the caller.
   */
  async passThrough(method: "GET" | "POST", path: string, payload?: unknown) {
    return this.call(method, path, payload, 10_000);
  }

  /**
   * Sends one signed request with retries while the sidecar cannot be
   * reached (network error, 502-504). A 401 means the secrets differ.
   */
  private async call(method: "GET" | "POST", path: string, payload: unknown, timeoutMs: number) {
    if (!this.configured) throw new SidecarUnavailableError("not_configured", "no sidecar is configured");
    const secret = this.options.secret;
    if (!secret) throw new SidecarUnavailableError("not_configured", "SIDECAR_SECRET is not set");
    if (!this.breaker.tryAcquire()) {
      const retryIn = Math.ceil((this.breaker.snapshot().retry_in_ms ?? 0) / 1000);
      throw new SidecarUnavailableError(
        "circuit_open",
        `the sidecar failed repeatedly; calls resume in ${retryIn} s`,
      );
    }
    // A unique request_id makes every POST's signature unique (the sidecar refuses replayed ones).
    const text =
      method === "GET" ? "" : JSON.stringify({ ...(payload as object), request_id: crypto.randomUUID() });
    const retries = this.options.retries ?? 2;
    let last: SidecarUnavailableError | null = null;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep(150 * 3 ** (attempt - 1));
      try {
        const res = await this.fetch(path, {
          method,
          headers: await signedHeaders(secret, { method, target: path, body: text }, this.options.access),
          ...(method === "POST" ? { body: text } : {}),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (res.status >= 502 && res.status <= 504) {
          await res.body?.cancel();
          last = new SidecarUnavailableError("unreachable", `the sidecar answered HTTP ${res.status}`);
          continue;
        }
        if (res.status === 401) {
          await res.body?.cancel();
          this.breaker.recordFailure();
          throw new SidecarUnavailableError(
            "rejected",
            "the sidecar refused our signature (SIDECAR_SECRET differs)",
          );
        }
        const json: unknown = await res.json().catch(() => null);
        if (res.status >= 500 || json === null) {
          this.breaker.recordFailure();
          throw new SidecarUnavailableError("bad_response", `the sidecar answered HTTP ${res.status}`);
        }
        this.breaker.recordSuccess();
        return { status: res.status, json };
      } catch (err) {
        if (err instanceof SidecarUnavailableError) throw err;
        if (isTimeout(err)) {
          // A timeout is not retried: the deadline is already spent.
          this.breaker.recordFailure();
          throw new SidecarUnavailableError("timeout", `the sidecar did not answer within ${timeoutMs} ms`);
        }
        last = new SidecarUnavailableError("unreachable", "the sidecar could not be reached");
      }
    }
    this.breaker.recordFailure();
    throw last ?? new SidecarUnavailableError("unreachable", "the sidecar could not be reached");
  }

  private fetch(path: string, init: RequestInit): Promise<Response> {
    if (this.target.binding) return this.target.binding.fetch(`https://sidecar${path}`, init);
    return fetch(`${this.target.baseUrl}${path}`, init);
  }
}

/** Cloudflare Access service-token headers (none without a token). */
export function accessHeaders(access: SidecarClientOptions["access"]): Record<string, string> {
  return access
    ? { "CF-Access-Client-Id": access.clientId, "CF-Access-Client-Secret": access.clientSecret }
    : {};
}

/**
 * The headers of a signed call: the signature of the exact method, path
 * (with query) and body sent, JSON type, Access token. The path is read
 * back through a URL so it is signed in the form the sidecar receives it.
 */
export async function signedHeaders(
  secret: string,
  request: SignedRequest,
  access?: SidecarClientOptions["access"],
  nowSeconds = Date.now() / 1000,
): Promise<Record<string, string>> {
  const url = new URL(request.target, "https://sidecar");
  const target = `${url.pathname}${url.search}`;
  return {
    [SIDECAR_SIGNATURE_HEADER]: await signSidecarRequest(secret, { ...request, target }, nowSeconds),
    ...(request.body ? { "Content-Type": "application/json" } : {}),
    ...accessHeaders(access),
  };
}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
}
