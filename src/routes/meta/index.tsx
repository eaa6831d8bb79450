/** Meta routes: the OpenAPI 3.1 document and the offline API reference rendered from it. */
import { z } from "@hono/zod-openapi";
import { createRouter, defineRoute } from "../router.ts";
import { ReferencePage } from "./reference-page.tsx";

export const openApiDocument = defineRoute({
  method: "get",
  path: "/openapi.json",
  tags: ["Meta"],
  summary: "OpenAPI 3.1 document",
  access: { auth: "public" },
  responses: {
    200: {
      description: "This API's OpenAPI 3.1 document",
      content: { "application/json": { schema: z.record(z.string(), z.unknown()) } },
    },
  },
});

export const apiReference = defineRoute({
  method: "get",
  path: "/docs",
  tags: ["Meta"],
  summary: "API reference (HTML)",
  description: "A readable reference rendered from the OpenAPI document; no scripts or external assets.",
  access: { auth: "public" },
  responses: { 200: { description: "HTML page", content: { "text/html": { schema: z.string() } } } },
});

/** Builds the meta routes around a function that produces the current document. */
export function createMetaRouter(getDocument: (origin: string) => Record<string, unknown>) {
  return createRouter()
    .openapi(openApiDocument, (c) => c.json(getDocument(c.var.config.publicOrigin), 200))
    .openapi(apiReference, (c) => {
      c.header(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      );
      c.header("Cache-Control", "public, max-age=300");
      const page = <ReferencePage doc={getDocument(c.var.config.publicOrigin)} />;
      return c.html(`<!DOCTYPE html>${page}`, 200);
    });
}
