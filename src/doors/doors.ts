/**
 * The doors: the five API surfaces (one per seed document) that open onto
 * the one engine, each owning a set of path prefixes and a dialect. A path
 * belongs to the door whose prefix it starts with; everything else is door
 * 000 (today's API and pages). Errors raised anywhere, global middleware
 * included (404, 405, 413, 415), are worded by the door of the path.
 *
 * A door also names how its callers authenticate (door 000 as today; the
 * JSON doors with access tokens and API keys) and the security schemes its
 * routes are documented with. `createDoor` is the one way to add one;
 * `mountDoor` (mount.ts) mounts its routers and refuses a route outside
 * its prefixes.
 */
import { type Authenticate, authenticate, authenticateBearer } from "../middleware/auth.ts";
import { dialect000, dialect001, dialect002, dialect003, dialect004, type ErrorDialect } from "./dialects.ts";

/** A door: its name (the seed number), the path prefixes it owns, and how it words failures. */
export interface Door {
  name: "000" | "001" | "002" | "003" | "004";
  /** Paths it owns: a prefix and everything below it (`/api/jobs` owns `/api/jobs/1`, not `/api/jobsx`). */
  prefixes: readonly string[];
  /** What the seed document calls itself, for the OpenAPI tag and docs. */
  title: string;
  dialect: ErrorDialect;
  /** Turns a request's credentials into the caller, for this door's authenticated routes. */
  authenticate: Authenticate;
  /** The OpenAPI security requirements of its authenticated routes (schemes registered in app.ts). */
  security: Record<string, string[]>[];
}

/** Door 000's credentials as the document shows them. */
const securityOf000: Record<string, string[]>[] = [
  { apiKeyHeader: [] },
  { accessToken: [] },
  { bearerAuth: [] },
  { sessionCookie: [] },
  { devHeaders: [] },
];
/** The JSON doors': an access token from their sign-in, or an API key. */
const securityOfJsonDoors: Record<string, string[]>[] = [{ accessToken: [] }, { apiKeyHeader: [] }];

/** Builds a door; prefixes must start with `/` and not end with one. */
export function createDoor(door: Door): Door {
  for (const prefix of door.prefixes) {
    if (!/^\/[^?#]*[^/]$/.test(prefix)) throw new Error(`door ${door.name}: bad prefix ${prefix}`);
  }
  return door;
}

export const door000 = createDoor({
  name: "000",
  title: "Email Scraper API (seed 000)",
  prefixes: [],
  dialect: dialect000,
  authenticate,
  security: securityOf000,
});

export const door001 = createDoor({
  name: "001",
  title: "Lead Scoring OSINT (seed 001)",
  prefixes: ["/api/auth", "/api/upload", "/api/jobs", "/api/subscriptions", "/api/payments"],
  dialect: dialect001,
  authenticate: authenticateBearer,
  security: securityOfJsonDoors,
});

export const door002 = createDoor({
  name: "002",
  title: "Lead qualifier (seed 002)",
  prefixes: ["/api/qualify", "/api/batch", "/api/webhooks", "/api/analytics", "/api/crm"],
  dialect: dialect002,
  authenticate: authenticateBearer,
  security: securityOfJsonDoors,
});

export const door003 = createDoor({
  name: "003",
  title: "LeadFactory (seed 003)",
  prefixes: [
    "/api/v1/health",
    "/api/v1/pipeline",
    "/api/v1/logs",
    "/api/v1/ab-tests",
    "/api/v1/ip-rotation",
    "/api/v1/payments",
  ],
  dialect: dialect003,
  authenticate: authenticateBearer,
  security: securityOfJsonDoors,
});

export const door004 = createDoor({
  name: "004",
  title: "Enterprise Sales Agent (seed 004)",
  prefixes: ["/api/v1/auth", "/api/v1/customer", "/api/v1/admin"],
  dialect: dialect004,
  authenticate: authenticateBearer,
  security: securityOfJsonDoors,
});

/** Every door; door 000 owns what the others do not. */
export const doors: readonly Door[] = [door000, door001, door002, door003, door004];

/** The door a request path belongs to. */
export function doorForPath(path: string): Door {
  for (const door of doors) {
    for (const prefix of door.prefixes) {
      if (path === prefix || path.startsWith(`${prefix}/`)) return door;
    }
  }
  return door000;
}

/** A route tag as a JSON door shows it (`Auth` of door 004 is `Door 004: Auth`), so /docs groups by door. */
export function doorTag(door: Door, tag: string): string {
  return door.name === "000" ? tag : `Door ${door.name}: ${tag}`;
}
