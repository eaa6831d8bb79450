/**
 * The OpenAPI document, checked by a real OpenAPI 3.1 validator (in Node:
 * the validator compiles schemas at run time, which workerd forbids), and
 * checked against the app's routes so no API route is left undocumented
 * (the dashboard's HTML pages are not API operations).
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { webRouter } from "../../src/web/routes.tsx";

const app = createApp();
const env = { DB: {}, ENVIRONMENT: "development", AUTH_MODE: "dev", LOG_LEVEL: "error" };

async function fetchDocument() {
  const res = await app.request("http://localhost:8787/openapi.json", {}, env);
  expect(res.status).toBe(200);
  return (await res.json()) as {
    openapi: string;
    paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>;
    components: { schemas: Record<string, unknown> };
  };
}

describe("GET /openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const doc = await fetchDocument();
    expect(doc.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("names PUBLIC_ORIGIN as its server, whatever Host the request names", async () => {
    const vars = { ...env, PUBLIC_ORIGIN: "https://prospector.example.com" };
    const res = await app.request(
      "http://evil.example/openapi.json",
      { headers: { Host: "evil.example" } },
      vars,
    );
    expect(((await res.json()) as { servers: { url: string }[] }).servers).toEqual([
      { url: "https://prospector.example.com" },
    ]);
  });

  it("documents every route the app serves", async () => {
    const doc = await fetchDocument();
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
      ),
    );
    // The dashboard's HTML pages (src/web) are not API operations; everything else is.
    const pages = new Set(webRouter.routes.map((r) => `${r.method} ${r.path}`));
    expect(pages.size).toBeGreaterThan(3);
    const served = app.routes
      .filter((r) => r.method !== "ALL" && !r.path.includes("*"))
      // A parameter's router pattern (`:email{...}`, routes/router.ts `matching`) is not part of its documented path.
      .map((r) => `${r.method} ${r.path.replace(/\{[^}]*\}/g, "")}`)
      .filter((route) => !pages.has(route));
    expect(served.length).toBeGreaterThan(5);
    for (const route of served) expect(documented, route).toContain(route);
  });

  it("documents the error shape on every operation, and auth on protected ones", async () => {
    const doc = await fetchDocument();
    expect(doc.components.schemas.Error).toBeDefined();
    const detailed = doc.paths["/health/detailed"]?.get;
    expect(detailed?.security?.length).toBeGreaterThan(0);
    expect(Object.keys(detailed?.responses ?? {})).toEqual(
      expect.arrayContaining(["200", "401", "403", "429", "503"]),
    );
    expect(doc.paths["/health"]?.get?.security).toBeUndefined();
    expect(Object.keys(doc.paths["/api-keys"]?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(["201", "400", "401", "403", "413", "415", "429"]),
    );
  });
});

describe("GET /docs", () => {
  it("renders a self-contained reference of every operation", async () => {
    const res = await app.request("http://localhost:8787/docs", {}, env);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/html");
    const html = await res.text();
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).not.toMatch(/<script|https?:\/\/(?!localhost)[a-z]/i);
    for (const path of ["/health/detailed", "/api-keys/{key_id}", "/auth/session"])
      expect(html).toContain(path);
    expect(html).toContain("Request body");
    expect(res.headers.get("Content-Security-Policy")).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    );
  });
});
