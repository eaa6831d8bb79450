/**
 * Mounting a door: its routers go onto the app once, and every route they
 * hold must lie under the door's prefixes (door 000's under none of the
 * others'), so a route cannot land in one door while answering in
 * another's dialect and credentials. A misplaced route fails at start-up
 * (and in every test), not in production traffic.
 */
import type { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { type Door, doorForPath } from "./doors.ts";

// biome-ignore lint/suspicious/noExplicitAny: any route schema; only paths and methods are read.
type Router = Hono<AppEnv, any, any>;

/** Mounts a door's routers at the root (their paths are absolute); throws on a route outside the door. */
export function mountDoor(app: Router, door: Door, routers: readonly Router[]): void {
  for (const router of routers) {
    for (const route of router.routes) {
      // Middleware registered with a wildcard (`*`) belongs to no door in particular.
      if (route.path === "*" || route.path === "/*") continue;
      const owner = doorForPath(route.path.replace(/:(\w+)(\{[^}]*\})?/g, "x"));
      if (owner !== door) {
        throw new Error(
          `${route.method} ${route.path} is mounted on door ${door.name} but its path belongs to door ${owner.name}`,
        );
      }
    }
    app.route("/", router);
  }
}
