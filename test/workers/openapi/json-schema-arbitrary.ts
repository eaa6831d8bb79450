/**
 * fast-check arbitraries from the JSON Schemas of our OpenAPI document:
 * `validValue` draws values a schema accepts; `invalidMutations` lists the
 * ways to break a valid value (a wrong type, a missing required property, a
 * number out of range, a string too long...), each tried at one place. No
 * package does this for zod 4 or OpenAPI 3.1, and the document, not the zod
 * source, is the contract clients are generated from.
 */
import fc from "fast-check";
import { type JsonSchema, type Root, resolveRef, schemaErrors } from "./json-schema-check.ts";

/** A custom arbitrary for the value at a path (`$.domains[]`, `$.options.skip_verify`), when the schema says too little. */
export type Overrides = (path: string) => fc.Arbitrary<unknown> | undefined;

/** Longest string and array drawn, whatever the schema allows (the bounds themselves are drawn too). */
const TYPICAL_LENGTH = 24;
const TYPICAL_ITEMS = 3;

/** Printable text: mostly ASCII, sometimes any code point (never a lone surrogate, which JSON cannot carry). */
const textUnit = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 1, minLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 1, minLength: 1 }) },
);
/** One UTF-16 unit of the Basic Multilingual Plane: strings at their maximum length use these (see README: zod counts UTF-16 units). */
const bmpUnit = fc
  .integer({ min: 0x20, max: 0xd7ff })
  .map((code) => String.fromCharCode(code))
  .filter((ch) => ch.trim() !== "");

/** Resolves `$ref` and single-branch `allOf` wrappers (a `$ref` plus a description). */
export function deref(schema: JsonSchema, root: Root): JsonSchema {
  if (typeof schema.$ref === "string")
    return deref({ ...resolveRef(root, schema.$ref), ...omitRef(schema) }, root);
  const allOf = schema.allOf as JsonSchema[] | undefined;
  if (allOf?.length === 1) {
    const { allOf: _, ...rest } = schema;
    return deref({ ...deref(allOf[0]!, root), ...rest }, root);
  }
  return schema;
}

function omitRef(schema: JsonSchema): JsonSchema {
  const { $ref: _, ...rest } = schema;
  return rest;
}

/** Draws values `schema` accepts (checked against the schema, so a generator bug cannot pass as valid). */
export function validValue(schema: JsonSchema, root: Root, overrides: Overrides = () => undefined) {
  return draw(schema, root, overrides, "$").filter((v) => schemaErrors(schema, v, root).length === 0);
}

function draw(raw: JsonSchema, root: Root, overrides: Overrides, path: string): fc.Arbitrary<unknown> {
  const custom = overrides(path);
  if (custom) return custom;
  const schema = deref(raw, root);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.allOf)) return drawAllOf(schema, root, overrides, path);
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (branches) return fc.oneof(...branches.map((b) => draw(b, root, overrides, path)));
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string | undefined];
  return fc.oneof(...types.map((type) => drawType(type, schema, root, overrides, path)));
}

/** allOf of objects: every branch's properties, merged. */
function drawAllOf(schema: JsonSchema, root: Root, overrides: Overrides, path: string) {
  const parts = (schema.allOf as JsonSchema[]).map((s) => deref(s, root));
  const merged: JsonSchema = { type: "object", properties: {}, required: [] };
  for (const part of parts) {
    Object.assign(merged.properties as object, part.properties ?? {});
    (merged.required as string[]).push(...((part.required as string[] | undefined) ?? []));
  }
  return draw(merged, root, overrides, path);
}

function drawType(
  type: string | undefined,
  schema: JsonSchema,
  root: Root,
  overrides: Overrides,
  path: string,
): fc.Arbitrary<unknown> {
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      return fc.integer({ min: bound(schema.minimum, -1e6), max: bound(schema.maximum, 1e6) });
    case "number":
      return fc.double({
        min: bound(schema.minimum, -1e6),
        max: bound(schema.maximum, 1e6),
        noNaN: true,
        noDefaultInfinity: true,
      });
    case "string":
      return drawString(schema);
    case "array":
      return drawArray(schema, root, overrides, path);
    case "object":
      return drawObject(schema, root, overrides, path);
    case undefined:
      return fc.jsonValue();
    default:
      throw new Error(`${path}: cannot draw type ${type}`);
  }
}

const bound = (value: unknown, fallback: number) => (typeof value === "number" ? value : fallback);

function drawString(schema: JsonSchema): fc.Arbitrary<string> {
  const min = bound(schema.minLength, 0);
  const max = bound(schema.maxLength, 10_000);
  if (typeof schema.pattern === "string") {
    return fc
      .stringMatching(new RegExp(schema.pattern, "u"), { size: "small" })
      .filter((s) => [...s].length >= min && [...s].length <= max);
  }
  if (schema.format === "date-time") {
    return fc
      .date({
        min: new Date("1970-01-01T00:00:00Z"),
        max: new Date("2199-12-31T23:59:59Z"),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
  }
  if (schema.format === "email") {
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
    return fc
      .tuple(fc.stringMatching(/^[a-z0-9._+-]{1,20}$/), label, fc.stringMatching(/^[a-z]{2,6}$/))
      .map(([local, host, tld]) => `${local}@${host}.${tld}`);
  }
  const typical = fc.string({
    unit: textUnit,
    minLength: min,
    maxLength: Math.max(min, Math.min(max, TYPICAL_LENGTH)),
  });
  if (max > 10_000) return typical;
  // The edges: exactly the shortest and the longest allowed.
  const edges = fc.oneof(
    fc.string({ unit: bmpUnit, minLength: min, maxLength: min }),
    fc.string({ unit: bmpUnit, minLength: max, maxLength: max }),
  );
  return fc.oneof({ weight: 4, arbitrary: typical }, { weight: 1, arbitrary: edges });
}

function drawArray(schema: JsonSchema, root: Root, overrides: Overrides, path: string) {
  const min = bound(schema.minItems, 0);
  const max = Math.max(min, Math.min(bound(schema.maxItems, TYPICAL_ITEMS), min + TYPICAL_ITEMS));
  const items = draw((schema.items as JsonSchema | undefined) ?? {}, root, overrides, `${path}[]`);
  if (schema.uniqueItems === true)
    return fc.uniqueArray(items, { minLength: min, maxLength: max, selector: (v) => JSON.stringify(v) });
  return fc.array(items, { minLength: min, maxLength: max });
}

function drawObject(schema: JsonSchema, root: Root, overrides: Overrides, path: string) {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const model = Object.fromEntries(
    Object.entries(properties).map(([name, sub]) => [name, draw(sub, root, overrides, `${path}.${name}`)]),
  );
  const requiredKeys = ((schema.required as string[] | undefined) ?? []).filter((k) => k in properties);
  const record = fc.record(model, { requiredKeys });
  const extra = schema.additionalProperties;
  if (!extra || typeof extra !== "object") return record;
  const values = draw(extra as JsonSchema, root, overrides, `${path}.*`);
  return fc
    .tuple(
      fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), values, { maxKeys: TYPICAL_ITEMS }),
      record,
    )
    .map(([more, known]) => ({ ...more, ...known }));
}

/** One way to make a valid value invalid, at one place. */
export interface Mutation {
  label: string;
  apply: (valid: unknown) => unknown;
}

/**
 * The mutations of a body schema: at every property (through anyOf/allOf
 * branches), a value of a wrong type, out of range, or too long; each
 * required property left out; an unknown property where none is allowed;
 * and wrong top-level types. Callers keep only results the schema refuses.
 */
export function invalidMutations(schema: JsonSchema, root: Root): Mutation[] {
  const mutations: Mutation[] = [];
  for (const wrong of [null, "text", 12, true, [], {}])
    mutations.push({ label: `body is ${JSON.stringify(wrong)}`, apply: () => wrong });
  collect(schema, root, [], mutations);
  return mutations;
}

function collect(raw: JsonSchema, root: Root, at: string[], out: Mutation[]) {
  const schema = deref(raw, root);
  for (const branch of [
    ...((schema.anyOf ?? schema.oneOf ?? []) as JsonSchema[]),
    ...((schema.allOf ?? []) as JsonSchema[]),
  ])
    collect(branch, root, at, out);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const place = at.length ? at.join(".") : "(body)";
  for (const name of (schema.required as string[] | undefined) ?? [])
    out.push({ label: `${[...at, name].join(".")} missing`, apply: (v) => without(v, [...at, name]) });
  if (schema.additionalProperties === false)
    out.push({
      label: `${place} has an unknown property`,
      apply: (v) => withValue(v, [...at, "unknown_field_x"], 1),
    });
  for (const [name, sub] of Object.entries(properties)) {
    const here = [...at, name];
    for (const [label, value] of badValues(deref(sub, root)))
      out.push({ label: `${here.join(".")} ${label}`, apply: (v) => withValue(v, here, value) });
    collect(sub, root, here, out);
  }
}

/** Values a (dereferenced) schema refuses: its type's opposites and its bounds' neighbours. */
export function badValues(schema: JsonSchema): [string, unknown][] {
  const bad: [string, unknown][] = [];
  const types = new Set(Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type]);
  if (!types.has("string")) bad.push(["is a string", "text"]);
  if (!types.has("integer") && !types.has("number")) bad.push(["is a number", 7]);
  if (!types.has("boolean")) bad.push(["is a boolean", false]);
  if (!types.has("null")) bad.push(["is null", null]);
  if (!types.has("object")) bad.push(["is an object", { a: 1 }]);
  if (!types.has("array")) bad.push(["is an array", ["x"]]);
  if (types.has("integer")) bad.push(["is a fraction", 1.5]);
  if (typeof schema.minimum === "number") bad.push(["is below the minimum", schema.minimum - 1]);
  if (typeof schema.maximum === "number") bad.push(["is above the maximum", schema.maximum + 1]);
  if (typeof schema.maxLength === "number") bad.push(["is too long", "a".repeat(schema.maxLength + 1)]);
  if (typeof schema.minLength === "number" && schema.minLength > 0)
    bad.push(["is too short", "a".repeat(schema.minLength - 1)]);
  if (Array.isArray(schema.enum)) bad.push(["is not in the enum", "not-a-member"]);
  if (typeof schema.maxItems === "number")
    bad.push(["has too many items", Array(schema.maxItems + 1).fill("a")]);
  if (typeof schema.minItems === "number" && schema.minItems > 0) bad.push(["has too few items", []]);
  if (schema.format === "date-time") bad.push(["is not a date-time", "2030-13-45 25:61"]);
  return bad;
}

function clone(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** A copy of `value` with `path` set; the same value when a parent on the path is missing. */
function withValue(value: unknown, path: string[], next: unknown): unknown {
  const copy = clone(value) as Record<string, unknown>;
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], copy);
  if (!parent || typeof parent !== "object" || Array.isArray(parent)) return value;
  (parent as Record<string, unknown>)[path.at(-1)!] = next;
  return copy;
}

function without(value: unknown, path: string[]): unknown {
  const copy = clone(value) as Record<string, unknown>;
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], copy);
  if (!parent || typeof parent !== "object") return value;
  delete (parent as Record<string, unknown>)[path.at(-1)!];
  return copy;
}
