/**
 * Fetches one page for the crawler under its rules: redirects followed by
 * hand (at most 5, each hop re-checked by the SSRF guard and by robots.txt,
 * and kept within the site), a time limit per page, bodies truncated (not failed) past the
 * size limit, only HTML-like content types read, and the charset taken from
 * the Content-Type header, else a <meta> tag, else UTF-8.
 *
 * In local development (ALLOW_PRIVATE_TARGETS) CRAWL_ORIGIN_OVERRIDE may
 * send the fetches for some hosts to a loopback origin: the URLs the crawler
 * sees, logs and resolves redirects against stay the site's own.
 *
 * With `policy.connectCheckedAddress` each request goes over a socket to an
 * address the SSRF guard checked for that hop (pinned-connection.ts), not
 * through fetch(), which would resolve the name once more.
 */
import type { OriginOverride } from "../config.ts";
import { fetchPinned, type PinnedTarget, pickAddress, pinnedTarget } from "./pinned-connection.ts";
import { assertFetchable, BlockedTargetError, type TargetPolicy } from "./target-guard.ts";

export interface FetchRules {
  policy: TargetPolicy;
  userAgent: string;
  /** May a redirect go to this hostname? (same registrable domain or its www) */
  inScope: (hostname: string) => boolean;
  fetcher?: typeof fetch;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Content types to read; default HTML-like. */
  accept?: RegExp;
  /**
   * Why robots.txt forbids fetching this URL (its host's file, on the exact
   * path and query), or null when it may be fetched. Asked before every
   * request, redirect hops included; absent means no robots check.
   */
  robots?: (url: URL) => Promise<string | null>;
  /** Sends a pinned request (tests point it elsewhere); default a socket to the checked address. */
  pinnedFetcher?: (
    target: PinnedTarget,
    init: { headers: HeadersInit; signal: AbortSignal },
  ) => Promise<Response>;
  /** Loopback origins for some hosts (the Worker's CRAWL_ORIGIN_OVERRIDE); honoured only with `policy.allowPrivate`. */
  originOverrides?: OriginOverride[];
}

export type FetchOutcome =
  | "ok"
  | "http_error"
  | "not_html"
  | "blocked"
  | "robots_disallowed"
  | "redirect_out_of_scope"
  | "too_many_redirects"
  | "timeout"
  | "network_error";

export interface FetchedPage {
  url: string;
  finalUrl: string;
  outcome: FetchOutcome;
  status: number | null;
  contentType: string | null;
  body: string | null;
  bytes: number;
  truncated: boolean;
  ms: number;
  redirects: string[];
  detail?: string;
}

const htmlLike = /^(text\/html|application\/xhtml\+xml)\b/i;

export async function fetchPage(url: string, rules: FetchRules): Promise<FetchedPage> {
  const started = Date.now();
  const timeoutMs = rules.timeoutMs ?? 10_000;
  const maxBytes = rules.maxBytes ?? 2 * 1024 * 1024;
  const maxRedirects = rules.maxRedirects ?? 5;
  const fetcher = rules.fetcher ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error("timeout")), timeoutMs);
  const redirects: string[] = [];
  const overrides = rules.policy.allowPrivate ? (rules.originOverrides ?? []) : [];
  const result = (outcome: FetchOutcome, extra: Partial<FetchedPage> = {}): FetchedPage => ({
    url,
    finalUrl: redirects.at(-1) ?? url,
    outcome,
    status: null,
    contentType: null,
    body: null,
    bytes: 0,
    truncated: false,
    ms: Date.now() - started,
    redirects,
    ...extra,
  });
  try {
    let current = new URL(url);
    let redirectStatus: number | null = null;
    for (let hop = 0; ; hop++) {
      const checked = await assertFetchable(current, rules.policy);
      const refusal = (await rules.robots?.(current)) ?? null;
      if (refusal) {
        return result("robots_disallowed", {
          status: redirectStatus,
          detail: hop === 0 ? refusal : `redirect not followed: ${refusal}`,
        });
      }
      const headers = {
        "User-Agent": rules.userAgent,
        Accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
        "Accept-Language": "en,de;q=0.8,fr;q=0.6,es;q=0.5,nl;q=0.5",
      };
      const pinTo = rules.policy.connectCheckedAddress ? pickAddress(checked) : null;
      let res: Response;
      if (pinTo) {
        const send = rules.pinnedFetcher ?? fetchPinned;
        res = await send(pinnedTarget(current, pinTo), { headers, signal: controller.signal });
      } else {
        const target = routeFetch(current, overrides);
        res = await fetcher(target.url, {
          redirect: "manual",
          signal: controller.signal,
          headers: { ...headers, ...target.headers },
        });
      }
      const location = res.headers.get("Location");
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        if (hop >= maxRedirects) return result("too_many_redirects", { status: res.status });
        const next = new URL(location, current);
        if (!rules.inScope(next.hostname)) {
          return result("redirect_out_of_scope", {
            status: res.status,
            detail: `redirect to ${next.hostname} not followed`,
          });
        }
        redirects.push(next.toString());
        redirectStatus = res.status;
        current = next;
        continue;
      }
      const contentType = res.headers.get("Content-Type");
      if (!res.ok) {
        await res.body?.cancel();
        return result("http_error", { status: res.status, contentType });
      }
      if (!(rules.accept ?? htmlLike).test(contentType ?? "text/html")) {
        await res.body?.cancel();
        return result("not_html", { status: res.status, contentType });
      }
      const { bytes, truncated } = await readLimited(res, maxBytes);
      const body = decode(bytes, contentType);
      return result("ok", { status: res.status, contentType, body, bytes: bytes.byteLength, truncated });
    }
  } catch (err) {
    if (err instanceof BlockedTargetError) return result("blocked", { detail: err.message });
    if (controller.signal.aborted)
      return result("timeout", { detail: `no complete answer within ${timeoutMs} ms` });
    return result("network_error", { detail: err instanceof Error ? err.message : String(err) });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Where a fetch of `url` really goes: the URL itself, or the overriding
 * origin with the same path, the site's host and scheme in X-Forwarded-*
 * (the Workers runtime derives Host from the URL, so Host cannot carry it).
 */
export function routeFetch(
  url: URL,
  overrides: readonly OriginOverride[],
): { url: string; headers: Record<string, string> } {
  const host = url.hostname.toLowerCase();
  const rule = overrides.find((o) =>
    o.hosts.startsWith("*.")
      ? host === o.hosts.slice(2) || host.endsWith(o.hosts.slice(1))
      : host === o.hosts,
  );
  if (!rule) return { url: url.toString(), headers: {} };
  return {
    url: `${rule.origin}${url.pathname}${url.search}`,
    headers: { "X-Forwarded-Host": url.host, "X-Forwarded-Proto": url.protocol.slice(0, -1) },
  };
}

/** Reads at most `maxBytes` of the body, then cancels the rest. */
async function readLimited(
  res: Response,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!res.body) return { bytes: new Uint8Array(), truncated: false };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - size;
    if (value.byteLength >= room) {
      chunks.push(value.subarray(0, room));
      size += room;
      truncated = value.byteLength > room;
      if (!truncated) continue;
      await reader.cancel();
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes, truncated };
}

/** The charset named by the header, else by a <meta> in the first 4 KB, else UTF-8. */
export function charsetOf(bytes: Uint8Array, contentType: string | null): string {
  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? "")?.[1];
  if (fromHeader) return fromHeader.toLowerCase();
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
  const fromMeta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
  return (fromMeta ?? "utf-8").toLowerCase();
}

function decode(bytes: Uint8Array, contentType: string | null): string {
  const charset = charsetOf(bytes, contentType);
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}
