/**
 * The API reference at /docs, rendered on the server from the OpenAPI
 * document with hono/jsx: no scripts, no CDN, works offline. Schemas are
 * drawn as nested property lists; `$ref`s resolve to the components.
 */
import type { FC } from "hono/jsx";
import { referenceCss } from "./reference-style.ts";

type Json = Record<string, unknown>;
interface Operation {
  method: string;
  path: string;
  op: Json;
}

const methods = ["get", "post", "put", "patch", "delete"] as const;

/** Text with `code spans` (the only markup our descriptions use) rendered as <code>. */
const Prose: FC<{ text: string }> = ({ text }) => (
  <>{text.split("`").map((part, i) => (i % 2 === 1 ? <code>{part}</code> : part))}</>
);

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

function resolve(doc: Json, schema: Json | undefined): Json | undefined {
  const ref = schema?.$ref;
  if (typeof ref !== "string") return schema;
  const name = ref.split("/").pop() ?? "";
  return ((doc.components as Json)?.schemas as Json)?.[name] as Json | undefined;
}

function refName(schema: Json | undefined): string | undefined {
  return typeof schema?.$ref === "string" ? schema.$ref.split("/").pop() : undefined;
}

function typeLabel(doc: Json, schema: Json | undefined): string {
  if (!schema) return "any";
  const name = refName(schema);
  const s = resolve(doc, schema) ?? {};
  const base = (() => {
    if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
    if (s.const !== undefined) return JSON.stringify(s.const);
    if (Array.isArray(s.anyOf)) return (s.anyOf as Json[]).map((v) => typeLabel(doc, v)).join(" | ");
    const type = Array.isArray(s.type) ? s.type.join(" | ") : (s.type as string | undefined);
    if (type === "array") return `array of ${typeLabel(doc, s.items as Json)}`;
    if (s.format) return `${type ?? "string"} (${s.format})`;
    return type ?? "object";
  })();
  return name ? `${name}: ${base}` : base;
}

const SchemaView: FC<{ doc: Json; schema: Json | undefined; depth?: number }> = ({
  doc,
  schema,
  depth = 0,
}) => {
  const s = resolve(doc, schema);
  if (!s) return <span class="muted">any</span>;
  const target = s.type === "array" ? resolve(doc, s.items as Json) : s;
  const props = (target?.properties ?? {}) as Record<string, Json>;
  const required = new Set((target?.required as string[] | undefined) ?? []);
  const names = Object.keys(props);
  if (names.length === 0 || depth > 3) return <code>{typeLabel(doc, schema)}</code>;
  return (
    <dl class="schema">
      {names.map((name) => {
        const prop = props[name]!;
        const resolved = resolve(doc, prop) ?? {};
        const nested =
          resolved.type === "object" ||
          (resolved.type === "array" && resolve(doc, resolved.items as Json)?.properties);
        return (
          <div class="prop">
            <dt>
              <code>{name}</code> <span class="type">{typeLabel(doc, prop)}</span>
              {required.has(name) ? <span class="req">required</span> : null}
            </dt>
            <dd>
              {typeof resolved.description === "string" ? (
                <p>
                  <Prose text={resolved.description} />
                </p>
              ) : null}
              {resolved.default !== undefined ? (
                <p class="muted">default: {JSON.stringify(resolved.default)}</p>
              ) : null}
              {nested ? <SchemaView doc={doc} schema={prop} depth={depth + 1} /> : null}
            </dd>
          </div>
        );
      })}
    </dl>
  );
};

const OperationView: FC<{ doc: Json; item: Operation }> = ({ doc, item }) => {
  const { op } = item;
  const params = (op.parameters as Json[] | undefined) ?? [];
  const body = ((op.requestBody as Json)?.content as Json | undefined) ?? {};
  const responses = (op.responses as Record<string, Json>) ?? {};
  const secured = Array.isArray(op.security) && op.security.length > 0;
  return (
    <section class="op" id={slug(`${item.method}-${item.path}`)}>
      <h4>
        <span class={`method ${item.method}`}>{item.method.toUpperCase()}</span> <code>{item.path}</code>
      </h4>
      {op.summary ? <p class="summary">{String(op.summary)}</p> : null}
      {op.description ? (
        <p>
          <Prose text={String(op.description)} />
        </p>
      ) : null}
      <p class="muted">
        {secured
          ? "Authentication: API key, bearer token, session cookie or dev headers"
          : "No authentication"}
      </p>
      {params.length > 0 ? (
        <table>
          <caption>Parameters</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">In</th>
              <th scope="col">Type</th>
              <th scope="col">Required</th>
            </tr>
          </thead>
          <tbody>
            {params.map((p) => (
              <tr>
                <td>
                  <code>{String(p.name)}</code>
                </td>
                <td>{String(p.in)}</td>
                <td>{typeLabel(doc, p.schema as Json)}</td>
                <td>{p.required ? "yes" : "no"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {Object.entries(body).map(([type, media]) => (
        <div class="body">
          <h4>
            Request body <code>{type}</code>
          </h4>
          <SchemaView doc={doc} schema={(media as Json).schema as Json} />
        </div>
      ))}
      <h4>Responses</h4>
      <ul class="responses">
        {Object.entries(responses).map(([status, res]) => {
          const media = ((res.content as Json | undefined)?.["application/json"] as Json | undefined)
            ?.schema as Json;
          return (
            <li>
              <details>
                <summary>
                  <span class={`status s${status[0]}`}>{status}</span> {String(res.description ?? "")}
                </summary>
                {media ? <SchemaView doc={doc} schema={media} /> : <p class="muted">No body</p>}
              </details>
            </li>
          );
        })}
      </ul>
    </section>
  );
};

/** The whole reference page for an OpenAPI 3.1 document. */
export const ReferencePage: FC<{ doc: Json }> = ({ doc }) => {
  const info = (doc.info ?? {}) as Json;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const method of methods)
      if (item[method]) operations.push({ method, path, op: item[method] as Json });
  }
  const byTag = new Map<string, Operation[]>();
  for (const o of operations) {
    const tag = ((o.op.tags as string[] | undefined) ?? ["Other"])[0]!;
    byTag.set(tag, [...(byTag.get(tag) ?? []), o]);
  }
  // Sections by door (`x-tagGroups`); a document without groups is one section of its tags.
  const declared = (doc["x-tagGroups"] as { name: string; tags: string[] }[] | undefined) ?? [];
  const grouped = new Set(declared.flatMap((g) => g.tags));
  const loose = [...byTag.keys()].filter((tag) => !grouped.has(tag));
  const groups = [
    ...declared,
    ...(loose.length > 0 ? [{ name: declared.length ? "Other" : "", tags: loose }] : []),
  ]
    .map((g) => ({ name: g.name, tags: g.tags.filter((tag) => byTag.has(tag)) }))
    .filter((g) => g.tags.length > 0);
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${String(info.title)} reference`}</title>
        <style>{referenceCss}</style>
      </head>
      <body>
        <nav aria-label="Endpoints">
          <p class="brand">{String(info.title)}</p>
          <p class="muted">v{String(info.version)}</p>
          {groups.map((group) => (
            <div>
              {group.name ? <p class="door">{group.name}</p> : null}
              {group.tags.map((tag) => (
                <div>
                  <p class="tag">{tag}</p>
                  <ul>
                    {byTag.get(tag)!.map((o) => (
                      <li>
                        <a href={`#${slug(`${o.method}-${o.path}`)}`}>
                          <span class={`method ${o.method}`}>{o.method.toUpperCase()}</span> {o.path}
                        </a>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          ))}
          <p>
            <a href="/openapi.json">openapi.json</a>
          </p>
        </nav>
        <main>
          <h1>{String(info.title)}</h1>
          {info.description ? (
            <p>
              <Prose text={String(info.description)} />
            </p>
          ) : null}
          {groups.map((group) => (
            <section id={group.name ? slug(group.name) : undefined}>
              {group.name ? <h2>{group.name}</h2> : null}
              {group.tags.map((tag) => (
                <section>
                  <h3 id={slug(tag)}>{tag}</h3>
                  {byTag.get(tag)!.map((o) => (
                    <OperationView doc={doc} item={o} />
                  ))}
                </section>
              ))}
            </section>
          ))}
        </main>
      </body>
    </html>
  );
};
