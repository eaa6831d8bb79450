/**
 * The layers import downward only: `domain/` is pure (no Hono, no services,
 * no middleware, no routes, no bindings), and `services/` (the engine) takes
 * plain inputs: no Hono, no middleware, no routes, no doors. The edge
 * (routes, middleware, doors, web) reads requests and shapes answers.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every module specifier a file imports (static imports and re-exports). */
function importsOf(text: string): string[] {
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1]!);
}

/** The layer rules: a file under `layer` must not import a specifier matching any `forbidden`. */
const rules: { layer: string; forbidden: RegExp[] }[] = [
  {
    layer: "src/domain",
    forbidden: [/^hono/, /^@hono\//, /\/services\//, /\/middleware\//, /\/routes\//, /\/doors\//, /\/web\//],
  },
  { layer: "src/services", forbidden: [/^hono/, /\/middleware\//, /\/routes\//, /\/doors\//, /\/web\//] },
];

function violations(): string[] {
  const found: string[] = [];
  for (const { layer, forbidden } of rules) {
    for (const file of sourceFiles(join(root, layer))) {
      for (const specifier of importsOf(readFileSync(file, "utf8"))) {
        if (forbidden.some((f) => f.test(specifier)))
          found.push(`${relative(root, file)} imports ${specifier}`);
      }
    }
  }
  return found;
}

describe("layers", () => {
  it("finds imports in the forms the code uses", () => {
    const text = 'import type { Context } from "hono";\nimport {\n  a,\n} from "../../middleware/auth.ts";\n';
    expect(importsOf(text)).toEqual(["hono", "../../middleware/auth.ts"]);
  });

  it("domain/ and services/ import nothing from the edge", () => {
    expect(violations()).toEqual([]);
  });
});
