/** Password recovery pages: /auth/forgot-password and /auth/reset-password (being built). */
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";

export const recoveryPages = new Hono<AppEnv>();
