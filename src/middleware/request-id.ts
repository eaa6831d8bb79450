/** Gives every request an id: the caller's `X-Request-Id` when it is sane, else a new UUID. */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";

const sane = /^[A-Za-z0-9._:-]{1,128}$/;

export interface RequestIdOptions {
  /** Header read from the request and written on the response. */
  header?: string;
}

export function requestId(options: RequestIdOptions = {}) {
  const header = options.header ?? "X-Request-Id";
  return createMiddleware<AppEnv>(async function requestIdMiddleware(c, next) {
    const given = c.req.header(header);
    const id = given && sane.test(given) ? given : crypto.randomUUID();
    c.set("requestId", id);
    c.header(header, id);
    await next();
    if (c.res.status !== 101 && c.res.headers.get(header) !== id) {
      c.res = new Response(c.res.body, c.res);
      c.res.headers.set(header, id);
    }
  });
}
