/** The signed-in app's pages: runs, results, lead search, API keys, ICP, suppressions (being built). */
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";

export const appPages = new Hono<AppEnv>();
