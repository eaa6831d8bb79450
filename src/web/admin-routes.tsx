/** The admin console's pages: /admin/dashboard and /admin/users (being built). */
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";

export const adminPages = new Hono<AppEnv>();
