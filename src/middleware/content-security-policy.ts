/**
 * The default Content-Security-Policy (nothing may load: the API serves
 * JSON), applied only when a route has not set its own, as the HTML pages do.
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";

export interface ContentSecurityPolicyOptions {
  policy?: string;
}

export function contentSecurityPolicy(options: ContentSecurityPolicyOptions = {}) {
  const policy = options.policy ?? "default-src 'none'; frame-ancestors 'none'";
  return createMiddleware<AppEnv>(async function contentSecurityPolicyMiddleware(c, next) {
    await next();
    if (c.res.status === 101 || c.res.headers.has("Content-Security-Policy")) return;
    try {
      c.res.headers.set("Content-Security-Policy", policy);
    } catch {
      c.res = new Response(c.res.body, c.res);
      c.res.headers.set("Content-Security-Policy", policy);
    }
  });
}
