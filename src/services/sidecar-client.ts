/**
 * The Worker's client for the SMTP sidecar. It reaches the sidecar through
 * the SIDECAR service binding when present (Workers VPC / tunnel), else over
 * SIDECAR_URL. Today it only checks health; the verification calls, request
 * signing and the circuit breaker come with the sidecar itself.
 */
export interface SidecarHealth {
  ok: boolean;
  latencyMs: number;
  detail?: string;
}

export class SidecarClient {
  constructor(
    private readonly target: { binding?: Fetcher; baseUrl?: string },
    private readonly timeoutMs = 2000,
  ) {}

  /** True when a sidecar has been configured at all. */
  get configured(): boolean {
    return Boolean(this.target.binding || this.target.baseUrl);
  }

  /** GET /health on the sidecar, bounded by the timeout. */
  async health(): Promise<SidecarHealth> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const res = await this.fetch("/health", { signal: AbortSignal.timeout(this.timeoutMs) });
      await res.body?.cancel();
      return res.ok
        ? { ok: true, latencyMs: elapsed() }
        : { ok: false, latencyMs: elapsed(), detail: `sidecar answered HTTP ${res.status}` };
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
      return {
        ok: false,
        latencyMs: elapsed(),
        detail: timedOut ? "sidecar timed out" : "sidecar unreachable",
      };
    }
  }

  private fetch(path: string, init: RequestInit): Promise<Response> {
    if (this.target.binding) return this.target.binding.fetch(`https://sidecar${path}`, init);
    if (this.target.baseUrl) return fetch(`${this.target.baseUrl}${path}`, init);
    throw new Error("no sidecar configured");
  }
}
