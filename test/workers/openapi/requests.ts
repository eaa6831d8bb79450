/**
 * Requests drawn from an OpenAPI operation, and the check of an answer
 * against the operation's documented responses. `validRequest` draws
 * parameters and bodies the document accepts; `breakages` lists the ways a
 * valid request is made invalid (one parameter or body field wrong, the
 * wrong content type, a body over the limit) with the statuses each must get.
 */
import fc from "fast-check";
import { doorForPath } from "../../../src/doors/doors.ts";
import { badValues, deref, invalidMutations, type Overrides, validValue } from "./json-schema-arbitrary.ts";
import { type JsonSchema, type Root, schemaErrors } from "./json-schema-check.ts";

export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema: JsonSchema;
}
export interface Operation {
  key: string;
  method: string;
  path: string;
  parameters: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
}
export type Document = Root & {
  paths: Record<string, Record<string, Omit<Operation, "key" | "method" | "path">>>;
};

/** A request to send: parameter values as the wire carries them, and the body as text. */
export interface Draft {
  path: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  contentType?: string;
  body?: string;
  /** The body before it was serialised (JSON bodies), for explanations of refusals. */
  value?: unknown;
  /** Variables overridden for this request (a small body limit, for 413). */
  vars?: Record<string, string>;
}

/** Every operation of the document, in document order. */
export function listOperations(doc: Document): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      ...op,
      parameters: op.parameters ?? [],
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
    })),
  );
}

/** How one operation's valid requests are drawn beyond its schemas. */
export interface DrawPlan {
  /** Real ids mixed in with random ones, per path parameter. */
  ids?: Record<string, () => string[]>;
  /** Arbitraries for body paths the schema cannot describe well enough (`$.domains[]`). */
  overrides?: Overrides;
  /** Whole bodies per content type, for bodies the schema leaves as plain text (files). */
  bodies?: Record<string, fc.Arbitrary<string>>;
  /** Applied to each drawn JSON body (still valid) to keep side effects small. */
  tame?: (body: unknown) => unknown;
}

/** "." and ".." are dot segments a URL cannot carry as a path parameter; an empty one is no segment. */
const sendableSegment = (s: string) => s !== "" && s !== "." && s !== "..";
/** Header values are bytes without line breaks, trimmed by fetch: visible ASCII carries any schema's meaning. */
const headerText = (schema: JsonSchema) =>
  fc.stringMatching(/^[!-~]([ -~]*[!-~])?$/).filter((s) => schemaErrors(schema, s, {}).length === 0);

function wireValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function parameterArbitrary(param: Parameter, doc: Root, plan: DrawPlan): fc.Arbitrary<string> {
  const schema = deref(param.schema, doc);
  if (param.in === "header") return headerText(schema);
  const drawn = validValue(schema, doc).map(wireValue);
  if (param.in !== "path") return drawn;
  const random = drawn.filter(sendableSegment);
  const real = plan.ids?.[param.name]?.() ?? [];
  return real.length ? fc.oneof(fc.constantFrom(...real), random) : random;
}

/** Parameters left out: optional ones are omitted half of the time. */
function optional<T>(arb: fc.Arbitrary<T>, required: boolean | undefined) {
  return required ? arb : fc.option(arb, { nil: undefined });
}

/** A drawn body as its media type sends it: a form's fields URL-encoded (null fields left out), else JSON. */
function encodeBody(type: string, value: unknown): string {
  if (type !== "application/x-www-form-urlencoded") return JSON.stringify(value);
  const fields = Object.entries(value as Record<string, unknown>).filter(
    ([, v]) => v !== null && v !== undefined,
  );
  return new URLSearchParams(fields.map(([k, v]) => [k, String(v)])).toString();
}

/** Valid requests of the operation (every one is checked against the document by the caller). */
export function validRequest(op: Operation, doc: Root, plan: DrawPlan = {}): fc.Arbitrary<Draft> {
  const parts = op.parameters.map((p) =>
    optional(parameterArbitrary(p, doc, plan), p.required || p.in === "path").map((v) => [p, v] as const),
  );
  const bodies = Object.entries(op.requestBody?.content ?? {}).map(([type, media]) => {
    const given = plan.bodies?.[type];
    if (given) return given.map((text) => ({ contentType: type, body: text, value: undefined as unknown }));
    return validValue(media.schema, doc, plan.overrides)
      .map((v) => (plan.tame ? plan.tame(v) : v))
      .map((v) => ({ contentType: type, body: encodeBody(type, v), value: v }));
  });
  const body = bodies.length ? fc.oneof(...bodies) : fc.constant(undefined);
  return fc.tuple(fc.tuple(...parts), body).map(([values, b]) => {
    const draft: Draft = { path: {}, query: {}, headers: {}, ...b };
    for (const [p, v] of values) {
      if (v === undefined) continue;
      if (p.in === "path") draft.path[p.name] = v;
      else if (p.in === "query") draft.query[p.name] = v;
      else if (p.in === "header") draft.headers[p.name] = v;
    }
    return draft;
  });
}

/** The problems of a draft against the document (none for a truly valid request). */
export function draftErrors(op: Operation, doc: Root, draft: Draft): string[] {
  const errors: string[] = [];
  for (const p of op.parameters) {
    const bags: Record<Parameter["in"], Record<string, string>> = {
      path: draft.path,
      query: draft.query,
      header: draft.headers,
      cookie: {},
    };
    const raw = bags[p.in][p.name];
    if (raw === undefined) {
      if (p.required) errors.push(`${p.name} missing`);
      continue;
    }
    const schema = deref(p.schema, doc);
    const types = [schema.type].flat();
    const value = types.includes("integer") || types.includes("number") ? wireNumber(raw) : raw;
    errors.push(...schemaErrors(schema, value, doc, p.name));
  }
  const media = draft.contentType ? op.requestBody?.content[draft.contentType] : undefined;
  if (op.requestBody?.required && !media) errors.push("body missing or of an undocumented type");
  if (media && draft.value !== undefined) errors.push(...schemaErrors(media.schema, draft.value, doc));
  return errors;
}

/** A query or path value as the number it spells, or the text itself when it spells none. */
function wireNumber(raw: string): unknown {
  return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
}

/** One way to break a valid request, and the statuses the broken one must get. */
export interface Breakage {
  label: string;
  expect: number[];
  apply: (valid: Draft) => Draft | null;
}

/** Every breakage the operation's parameters and body allow. */
export function breakages(op: Operation, doc: Root): Breakage[] {
  const out: Breakage[] = [];
  // Door 004 (FastAPI) answers a validation failure with 422; every other door with 400.
  const invalid = doorForPath(op.path).name === "004" ? 422 : 400;
  for (const p of op.parameters) out.push(...parameterBreakages(p, doc, invalid));
  const content = op.requestBody?.content ?? {};
  const types = Object.keys(content);
  if (types.length === 0) return out;
  const other = types.includes("application/json") ? "text/plain" : "application/json";
  out.push(
    { label: `Content-Type ${other}`, expect: [415], apply: (d) => ({ ...d, contentType: other }) },
    { label: "no Content-Type", expect: [415], apply: (d) => ({ ...d, contentType: undefined }) },
    {
      label: "a body over BODY_LIMIT_BYTES",
      expect: [413],
      apply: (d) => ({
        ...d,
        body: `${d.body ?? ""}${" ".repeat(2048)}`,
        vars: { BODY_LIMIT_BYTES: "1024" },
      }),
    },
  );
  if (types.some((t) => t.startsWith("text/") || t.includes("ndjson")))
    out.push({
      label: "charset=latin1",
      expect: [415],
      apply: (d) =>
        d.contentType?.includes("json") && !d.contentType.includes("ndjson")
          ? null
          : { ...d, contentType: `${d.contentType}; charset=latin1` },
    });
  const json = content["application/json"];
  if (!json) return out;
  out.push(
    {
      label: "malformed JSON",
      expect: [invalid],
      apply: (d) => ({ ...d, contentType: "application/json", body: '{"a":' }),
    },
    {
      label: "an empty body",
      expect: [invalid],
      apply: (d) => ({ ...d, contentType: "application/json", body: "" }),
    },
  );
  for (const m of invalidMutations(json.schema, doc)) {
    out.push({
      label: m.label,
      expect: [invalid],
      apply: (d) => {
        if (d.contentType !== "application/json") return null;
        const value = m.apply(d.value);
        if (schemaErrors(json.schema, value, doc).length === 0) return null;
        return { ...d, value, body: JSON.stringify(value) };
      },
    });
  }
  return out;
}

function parameterBreakages(p: Parameter, doc: Root, invalid: number): Breakage[] {
  const schema = deref(p.schema, doc);
  const where = { path: "path", query: "query", header: "headers", cookie: null }[p.in];
  if (!where) return [];
  const set = (value: string | undefined) => (d: Draft) => {
    const bag = { ...(d[where as "path"] as Record<string, string>) };
    if (value === undefined) delete bag[p.name];
    else bag[p.name] = value;
    return { ...d, [where]: bag };
  };
  const out: Breakage[] = [];
  if (p.required && p.in !== "path")
    out.push({ label: `${p.name} missing`, expect: [invalid], apply: set(undefined) });
  const types = [schema.type].flat();
  const numeric = types.includes("integer") || types.includes("number");
  const candidates: [string, string][] = numeric
    ? [
        ["is not a number", "abc"],
        ["is empty", ""],
        ...(types.includes("integer") ? ([["is a fraction", "1.5"]] as [string, string][]) : []),
      ]
    : [];
  for (const [label, value] of badValues(schema)) {
    if (typeof value === "number" && numeric) candidates.push([label, String(value)]);
    if (typeof value === "string" && (!numeric || label.includes("enum"))) candidates.push([label, value]);
  }
  for (const [label, value] of candidates) {
    const checked = numeric ? wireNumber(value) : value;
    if (schemaErrors(schema, checked, doc).length === 0) continue;
    if (p.in === "path" && !sendableSegment(value)) continue;
    // A path value the route's pattern refuses matches no route: 404 (or 405 when another method's route matches).
    const expect = p.in === "path" && schema.pattern ? [invalid, 404, 405] : [invalid];
    out.push({ label: `${p.name} ${label}`, expect, apply: set(value) });
  }
  return out;
}

/** The URL and init of a draft. */
export function toRequest(op: Operation, draft: Draft, headers: Record<string, string>) {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(draft.path[name] ?? ""));
  const query = Object.entries(draft.query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join("&");
  const all: Record<string, string> = { ...headers, ...draft.headers };
  if (draft.contentType) all["Content-Type"] = draft.contentType;
  return { url: query ? `${path}?${query}` : path, headers: all, body: draft.body };
}

/** The problems of an answer against the operation's documented responses (none when it conforms). */
export async function answerErrors(op: Operation, doc: Root, res: Response): Promise<string[]> {
  const documented = op.responses[String(res.status)] ?? op.responses.default;
  const text = await res.text();
  if (!documented) return [`status ${res.status} is not documented: ${text.slice(0, 300)}`];
  const mediaType = res.headers.get("Content-Type")?.split(";")[0]?.trim().toLowerCase();
  const content = documented.content;
  if (!content || Object.keys(content).length === 0) {
    return text === ""
      ? []
      : [`status ${res.status} is documented without a body, got ${text.slice(0, 100)}`];
  }
  const media = mediaType ? content[mediaType] : undefined;
  if (!media)
    return [`status ${res.status}: Content-Type ${mediaType} is not documented (${Object.keys(content)})`];
  let value: unknown = text;
  if (mediaType === "application/json") {
    try {
      value = JSON.parse(text);
    } catch {
      return [`status ${res.status}: the body is not JSON: ${text.slice(0, 100)}`];
    }
  }
  return schemaErrors(media.schema, value, doc).map((e) => `status ${res.status}: ${e}`);
}
