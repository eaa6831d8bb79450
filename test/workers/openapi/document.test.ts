/**
 * The mismatches between /openapi.json and the code that an outside fuzzer
 * (Schemathesis) found, each pinned by the request that showed it: the
 * property pass (properties.test.ts) would find them again, this file says
 * what each one was.
 */
import { describe, expect, it } from "vitest";
import { Caller, call, expectError, json } from "../helpers/api.ts";
import { type Document, listOperations } from "./requests.ts";

const doc = (await json(await call("GET", "/openapi.json"))) as Document;
const operations = listOperations(doc);

describe("integer query parameters", () => {
  it("are documented as integers, never nullable", () => {
    const integers = operations.flatMap((op) =>
      op.parameters
        .filter((p) => [p.schema.type].flat().includes("integer"))
        .map((p) => `${op.key} ${p.name}`),
    );
    expect(integers.length).toBeGreaterThan(10);
    for (const op of operations)
      for (const p of op.parameters)
        expect([p.schema.type].flat(), `${op.key} ${p.name}`).not.toContain("null");
  });

  it("refuse null, empty and exponent forms with 400, and read plain digits", async () => {
    const owner = await Caller.newTenant().provision();
    const headers = owner.devHeaders();
    for (const offset of ["null", "", "1e1", "1.5"]) {
      const res = await call("GET", `/api-keys?offset=${offset}`, { headers });
      const body = await expectError(res, 400, "validation_failed");
      expect(body.fields.offset).toBe("must be a whole number");
    }
    const res = await call("GET", "/suppressions?offset=007&limit=3", { headers });
    expect(await json(res)).toMatchObject({ offset: 7, limit: 3 });
  });
});

describe("the {email} of DELETE /leads/{email}", () => {
  it("never matches /leads/search: OPTIONS and DELETE there list only GET", async () => {
    const owner = await Caller.newTenant().provision();
    for (const method of ["OPTIONS", "DELETE"]) {
      const res = await call(method, "/leads/search", { headers: owner.devHeaders() });
      await expectError(res, 405, "method_not_allowed");
      expect(res.headers.get("Allow")).toBe("GET, HEAD");
    }
  });

  it("still erases an address sent with @ or %40, and is documented as the plain path", async () => {
    const owner = await Caller.newTenant().provision();
    for (const path of ["/leads/anna@acme.test", "/leads/ben%40acme.test"]) {
      const res = await call("DELETE", path, { headers: owner.devHeaders() });
      expect(res.status, await res.clone().text()).toBe(204);
    }
    expect(Object.keys(doc.paths)).toContain("/leads/{email}");
    expect(Object.keys(doc.paths).filter((p) => p.includes("{email{"))).toEqual([]);
  });
});

describe("GET /suppressions/check", () => {
  it("documents the 400 for neither or both parameters, and gives it", async () => {
    const op = operations.find((o) => o.key === "GET /suppressions/check")!;
    const described = JSON.stringify([op.responses["400"], op.parameters]);
    expect(described).toMatch(/neither or both/);
    expect(op.parameters.every((p) => !p.required)).toBe(true);
    const owner = await Caller.newTenant().provision();
    for (const query of ["", "?email=a@acme.test&domain=acme.test"])
      await expectError(
        await call("GET", `/suppressions/check${query}`, { headers: owner.devHeaders() }),
        400,
        "validation_failed",
      );
  });
});

describe("POST /api-keys", () => {
  it("has an expires_at example in the future, which is accepted", async () => {
    const schema = doc.components?.schemas?.CreateApiKey as {
      properties: Record<string, { example?: string }>;
    };
    const example = schema.properties.expires_at?.example;
    expect(Date.parse(String(example))).toBeGreaterThan(Date.parse("2090-01-01T00:00:00Z"));
    const owner = await Caller.newTenant().provision();
    const res = await call("POST", "/api-keys", {
      headers: owner.devHeaders(),
      json: { name: "ci", expires_at: example },
    });
    expect(res.status).toBe(201);
  });

  it("documents that scopes must not repeat", () => {
    const schema = doc.components?.schemas?.CreateApiKey as {
      properties: { scopes: { uniqueItems?: boolean } };
    };
    expect(schema.properties.scopes.uniqueItems).toBe(true);
  });
});

describe("response schemas", () => {
  it("do not make the IcpProfile component nullable (only GET /icp's profile is)", () => {
    expect(doc.components?.schemas?.IcpProfile?.type).toBe("object");
  });

  it("document the JSON export as the object it is", () => {
    const op = operations.find((o) => o.key === "GET /runs/{run_id}/export")!;
    const schema = op.responses["200"]?.content?.["application/json"]?.schema;
    expect(schema?.$ref ?? schema?.type).not.toBe("string");
  });
});
