/**
 * The document by door: every operation sits in its door's tag group, with
 * its door's security schemes and error schema; /docs shows one section per
 * door.
 */
import { describe, expect, it } from "vitest";
import { doorForPath } from "../../../src/doors/doors.ts";
import { call, json } from "../helpers/api.ts";

interface Op {
  tags?: string[];
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
}
const doc = (await json(await call("GET", "/openapi.json"))) as {
  paths: Record<string, Record<string, Op>>;
  "x-tagGroups": { name: string; tags: string[] }[];
  tags: { name: string }[];
  components: { securitySchemes: Record<string, unknown> };
};
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ path, method, op })),
);

describe("the OpenAPI document by door", () => {
  it("groups every tag under exactly one door, every door with live routes present", () => {
    const groups = doc["x-tagGroups"];
    expect(groups.map((g) => g.name.slice(0, 8))).toEqual(["Door 000", "Door 001", "Door 003", "Door 004"]);
    const all = groups.flatMap((g) => g.tags);
    expect(new Set(all).size).toBe(all.length);
    expect(doc.tags.map((t) => t.name).sort()).toEqual([...all].sort());
    for (const { path, op } of operations) {
      const group = groups.find((g) => g.tags.includes(op.tags![0]!))!;
      expect(group.name, path).toMatch(new RegExp(`^Door ${doorForPath(path).name}:`));
    }
  });

  it("documents each door's credentials and error schema on its routes", () => {
    expect(doc.components.securitySchemes).toHaveProperty("accessToken");
    for (const { path, method, op } of operations) {
      const door = doorForPath(path).name;
      const errorRef = op.responses["401"]?.content?.["application/json"]?.schema.$ref;
      if (!op.security) continue;
      const schemes = op.security.flatMap((s) => Object.keys(s)).sort();
      if (door === "000") {
        // Door 000's five, and a route's own extras (POST /ingest's ingest token).
        expect(schemes, `${method} ${path}`).toEqual(
          expect.arrayContaining([
            "accessToken",
            "apiKeyHeader",
            "bearerAuth",
            "devHeaders",
            "sessionCookie",
          ]),
        );
        expect(errorRef).toBe("#/components/schemas/Error");
      } else {
        expect(schemes, `${method} ${path}`).toEqual(["accessToken", "apiKeyHeader"]);
        expect(errorRef).toBe(`#/components/schemas/Error${door}`);
      }
    }
  });

  it("documents door 004's validation failures as 422, never 400", () => {
    const door004 = operations.filter((o) => doorForPath(o.path).name === "004");
    expect(door004.length).toBeGreaterThanOrEqual(3);
    for (const { op } of door004) expect(Object.keys(op.responses)).not.toContain("400");
    const token = doc.paths["/api/v1/auth/token"]!.post!;
    expect(Object.keys(token.responses)).toContain("422");
  });
});

describe("GET /docs", () => {
  it("shows one section per door, each door's routes inside it", async () => {
    const html = await (await call("GET", "/docs")).text();
    const at = (text: string) => html.indexOf(text);
    for (const door of ["000", "001", "003", "004"]) expect(html).toContain(`<h2>Door ${door}:`);
    expect(at("<h2>Door 001:")).toBeLessThan(at('id="post-api-auth-signup"'));
    expect(at('id="post-api-auth-signup"')).toBeLessThan(at("<h2>Door 003:"));
    expect(at("<h2>Door 004:")).toBeLessThan(at('id="post-api-v1-auth-token"'));
  });
});
