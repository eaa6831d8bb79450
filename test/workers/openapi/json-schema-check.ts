/**
 * A small JSON Schema (2020-12, the OpenAPI 3.1 dialect) checker for the
 * keywords our OpenAPI document uses. Ajv compiles schemas to code at run
 * time, which workerd forbids, so the property pass checks answers with this
 * instead. A keyword it does not know fails the check: it never passes a
 * schema by ignoring part of it.
 */

export type JsonSchema = Record<string, unknown>;
/** The document the `$ref`s point into. */
export type Root = { components?: { schemas?: Record<string, JsonSchema> } };

/** Keywords that constrain nothing (documentation) or are checked here. */
const annotations = new Set(["description", "example", "examples", "default", "title", "deprecated"]);
const checked = new Set([
  "$ref",
  "type",
  "enum",
  "const",
  "anyOf",
  "oneOf",
  "allOf",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
]);

/** The schema a `$ref` names (only local component refs exist in our document). */
export function resolveRef(root: Root, ref: string): JsonSchema {
  const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
  const schema = name ? root.components?.schemas?.[name] : undefined;
  if (!schema) throw new Error(`unresolvable $ref ${ref}`);
  return schema;
}

/** RFC 3339 date-time (what `format: date-time` means). */
const dateTime = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const formats: Record<string, (value: string) => boolean> = {
  "date-time": (v) => dateTime.test(v) && !Number.isNaN(Date.parse(v.toUpperCase())),
  email: (v) => /^[^@\s]+@[^@\s]+$/.test(v),
};

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

const matchesType = (value: unknown, type: string) =>
  typeOf(value) === type || (type === "number" && typeOf(value) === "integer");

const codePoints = (s: string) => [...s].length;

/** Every way `value` breaks `schema`, as `path: problem` lines; empty when it conforms. */
export function schemaErrors(schema: JsonSchema, value: unknown, root: Root, path = "$"): string[] {
  const errors: string[] = [];
  const fail = (problem: string) => errors.push(`${path}: ${problem}`);
  for (const keyword of Object.keys(schema)) {
    if (!annotations.has(keyword) && !checked.has(keyword)) fail(`unsupported keyword ${keyword}`);
  }
  if (typeof schema.$ref === "string")
    errors.push(...schemaErrors(resolveRef(root, schema.$ref), value, root, path));
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => matchesType(value, t)))
      return [...errors, `${path}: expected ${types.join("|")}, got ${typeOf(value)}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => e === value))
    fail(`${JSON.stringify(value)} not in enum ${JSON.stringify(schema.enum)}`);
  if ("const" in schema && schema.const !== value) fail(`expected const ${JSON.stringify(schema.const)}`);
  for (const sub of (schema.allOf as JsonSchema[] | undefined) ?? [])
    errors.push(...schemaErrors(sub, value, root, path));
  if (Array.isArray(schema.anyOf)) {
    const branches = (schema.anyOf as JsonSchema[]).map((s) => schemaErrors(s, value, root, path));
    if (!branches.some((b) => b.length === 0)) fail(`matches no anyOf branch: ${branches.flat().join("; ")}`);
  }
  if (Array.isArray(schema.oneOf)) {
    const passing = (schema.oneOf as JsonSchema[]).filter(
      (s) => schemaErrors(s, value, root, path).length === 0,
    );
    if (passing.length !== 1) fail(`matches ${passing.length} oneOf branches, not 1`);
  }
  if (typeof value === "string") errors.push(...stringErrors(schema, value, path));
  if (typeof value === "number") errors.push(...numberErrors(schema, value, path));
  if (Array.isArray(value)) errors.push(...arrayErrors(schema, value, root, path));
  else if (typeOf(value) === "object")
    errors.push(...objectErrors(schema, value as Record<string, unknown>, root, path));
  return errors;
}

function stringErrors(schema: JsonSchema, value: string, path: string): string[] {
  const errors: string[] = [];
  const length = codePoints(value);
  if (typeof schema.minLength === "number" && length < schema.minLength)
    errors.push(`${path}: shorter than ${schema.minLength}`);
  if (typeof schema.maxLength === "number" && length > schema.maxLength)
    errors.push(`${path}: longer than ${schema.maxLength}`);
  if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value))
    errors.push(`${path}: does not match ${schema.pattern}`);
  if (typeof schema.format === "string") {
    const check = formats[schema.format];
    if (!check) errors.push(`${path}: unsupported format ${schema.format}`);
    else if (!check(value)) errors.push(`${path}: not a ${schema.format}`);
  }
  return errors;
}

function numberErrors(schema: JsonSchema, value: number, path: string): string[] {
  const errors: string[] = [];
  if (typeof schema.minimum === "number" && value < schema.minimum)
    errors.push(`${path}: < ${schema.minimum}`);
  if (typeof schema.maximum === "number" && value > schema.maximum)
    errors.push(`${path}: > ${schema.maximum}`);
  if (typeof schema.exclusiveMinimum === "number" && value <= schema.exclusiveMinimum)
    errors.push(`${path}: <= ${schema.exclusiveMinimum}`);
  if (typeof schema.exclusiveMaximum === "number" && value >= schema.exclusiveMaximum)
    errors.push(`${path}: >= ${schema.exclusiveMaximum}`);
  return errors;
}

function arrayErrors(schema: JsonSchema, value: unknown[], root: Root, path: string): string[] {
  const errors: string[] = [];
  if (typeof schema.minItems === "number" && value.length < schema.minItems)
    errors.push(`${path}: fewer than ${schema.minItems} items`);
  if (typeof schema.maxItems === "number" && value.length > schema.maxItems)
    errors.push(`${path}: more than ${schema.maxItems} items`);
  if (schema.uniqueItems === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length)
    errors.push(`${path}: items repeat`);
  if (schema.items && typeof schema.items === "object") {
    value.forEach((item, i) => {
      errors.push(...schemaErrors(schema.items as JsonSchema, item, root, `${path}[${i}]`));
    });
  }
  return errors;
}

function objectErrors(
  schema: JsonSchema,
  value: Record<string, unknown>,
  root: Root,
  path: string,
): string[] {
  const errors: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const name of (schema.required as string[] | undefined) ?? []) {
    if (!(name in value)) errors.push(`${path}: missing required ${name}`);
  }
  for (const [name, item] of Object.entries(value)) {
    const sub = properties[name];
    if (sub) errors.push(...schemaErrors(sub, item, root, `${path}.${name}`));
    else if (schema.additionalProperties === false) errors.push(`${path}: unexpected property ${name}`);
    else if (schema.additionalProperties && typeof schema.additionalProperties === "object")
      errors.push(...schemaErrors(schema.additionalProperties as JsonSchema, item, root, `${path}.${name}`));
  }
  return errors;
}
