/** Sets a response header after the route ran, unless the route set its own (the HTML pages do). */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";

export function defaultHeader(name: string, value: string) {
  return createMiddleware<AppEnv>(async function defaultHeaderMiddleware(c, next) {
    await next();
    if (c.res.status === 101 || c.res.headers.has(name)) return;
    try {
      c.res.headers.set(name, value);
    } catch {
      // Immutable headers (a response passed through from fetch): copy it once.
      c.res = new Response(c.res.body, c.res);
      c.res.headers.set(name, value);
    }
  });
}
