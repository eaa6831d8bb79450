/**
 * The checker behind test/node/tenant-scope.test.ts: which tables are
 * tenant-owned (read from the schema), and where a source file queries one
 * outside the tenant scope. It reads text, not types: comments are blanked
 * first, then a few patterns name the hand-written tenant conditions (in
 * drizzle and in SQL text) and drizzle's own builder on a tenant-owned table
 * under whatever name the file imported it.
 */
import { posix } from "node:path";
import { is } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import * as billingSchema from "../../../src/db/billing-schema.ts";
import * as schema from "../../../src/db/schema.ts";

/** The files that define tables: a table imported from any of them is checked. */
const SCHEMA_FILES = ["src/db/schema.ts", "src/db/billing-schema.ts"];

export interface Finding {
  file: string;
  line: number;
  text: string;
}

/** The schema's tables that have a `tenant_id` column, by export name. */
export function tenantOwnedTables(): string[] {
  return Object.entries({ ...schema, ...billingSchema })
    .filter(([, value]) => is(value, SQLiteTable))
    .filter(([, table]) => getTableConfig(table as SQLiteTable).columns.some((c) => c.name === "tenant_id"))
    .map(([name]) => name);
}

/**
 * The source with its comments blanked (strings, template literals and
 * regular expressions kept; offsets and lines unchanged). `complete` is false
 * when the scan ended inside a string, comment or template: then it misread
 * the file, and the checks on it cannot be trusted.
 */
export function blankComments(source: string): { text: string; complete: boolean } {
  const out = source.split("");
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== "\n") out[k] = " ";
  };
  // What each open `{` closes back into: code, or a template literal (`${`).
  const braces: ("code" | "template")[] = [];
  let i = 0;
  let last = ""; // the last significant character of code, to tell a regex from a division
  // From just past a backtick (or a `}` closing a substitution) to the closing backtick or the next `${`.
  const skipTemplate = () => {
    while (i < source.length) {
      const ch = source[i];
      if (ch === "\\") i += 2;
      else if (ch === "`") {
        i++;
        return;
      } else if (ch === "$" && source[i + 1] === "{") {
        i += 2;
        braces.push("template");
        return;
      } else i++;
    }
    i = Number.POSITIVE_INFINITY; // unterminated: the scan is incomplete
  };
  while (i < source.length) {
    const ch = source[i]!;
    const next = source[i + 1];
    if (ch === "/" && next === "/") {
      const end = source.indexOf("\n", i);
      const stop = end === -1 ? source.length : end;
      blank(i, stop);
      i = stop;
    } else if (ch === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      if (end === -1) return { text: out.join(""), complete: false };
      blank(i, end + 2);
      i = end + 2;
    } else if (ch === '"' || ch === "'") {
      i++;
      while (i < source.length && source[i] !== ch && source[i] !== "\n") i += source[i] === "\\" ? 2 : 1;
      if (source[i] !== ch) return { text: out.join(""), complete: false };
      i++;
      last = ch;
    } else if (ch === "`") {
      i++;
      skipTemplate();
      last = "`";
    } else if (
      ch === "/" &&
      (last === "" || "([{,;:=!&|?+-*%<>~^".includes(last) || endsWithKeyword(out, i))
    ) {
      // A regular expression literal.
      i++;
      let inClass = false;
      while (i < source.length && source[i] !== "\n" && (inClass || source[i] !== "/")) {
        if (source[i] === "\\") i++;
        else if (source[i] === "[") inClass = true;
        else if (source[i] === "]") inClass = false;
        i++;
      }
      if (source[i] !== "/") return { text: out.join(""), complete: false };
      i++;
      last = "/";
    } else if (ch === "{") {
      braces.push("code");
      i++;
      last = ch;
    } else if (ch === "}") {
      i++;
      if (braces.pop() === "template") skipTemplate();
      last = ch;
    } else {
      if (!/\s/.test(ch)) last = ch;
      i++;
    }
  }
  return { text: out.join(""), complete: i === source.length && braces.length === 0 };
}

function endsWithKeyword(chars: string[], at: number): boolean {
  const before = chars.slice(Math.max(0, at - 12), at).join("");
  return /(?:^|[^\w$])(?:return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await)\s*$/.test(
    before,
  );
}

/** The local names a file gives the tenant-owned tables it imports from the schema (`x.` for a namespace). */
function localTableNames(file: string, code: string, tables: readonly string[]): string[] {
  if (SCHEMA_FILES.includes(file)) return [...tables];
  const fromSchema = (spec: string) =>
    SCHEMA_FILES.includes(
      `${posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.ts$/, "")}.ts`,
    );
  const names: string[] = [];
  for (const m of code.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*["']([^"']+)["']/g)) {
    if (!fromSchema(m[2]!)) continue;
    for (const part of m[1]!.split(",")) {
      const [imported, local] = part
        .trim()
        .replace(/^type\s+/, "")
        .split(/\s+as\s+/);
      if (imported && tables.includes(imported)) names.push(local ?? imported);
    }
  }
  for (const m of code.matchAll(/import\s+\*\s+as\s+([\w$]+)\s+from\s*["']([^"']+)["']/g)) {
    if (fromSchema(m[2]!)) names.push(...tables.map((t) => `${m[1]}.${t}`));
  }
  return names;
}

const escapeRegExp = (s: string) => s.replace(/[.$]/g, "\\$&");

/** The places in one file where a tenant-owned table is queried outside the scope. */
export function findUnscopedQueries(file: string, source: string, tables: readonly string[]): Finding[] {
  // A file the scan cannot read whole (JSX text with an apostrophe, say) is checked comments and all.
  const scanned = blankComments(source);
  const code = scanned.complete ? scanned.text : source;
  const names = localTableNames(file, code, tables);
  const table = names.length > 0 ? `(?:${names.map(escapeRegExp).join("|")})` : null;
  const rules: RegExp[] = [
    // SQL text: `tenant_id = ?`, `l.tenant_id = ${id}`, `${t.tenant_id} IN (...)`, `tenant_id IS ...`.
    /\btenant_id\b\}?\s*(?:=(?!=)|!=(?!=)|<>|\bIN\b|\bIS\b)/gi,
    // drizzle: a comparison with a `tenant_id` column on either side.
    /\b(?:eq|ne|gt|gte|lt|lte|inArray|notInArray|isNull|isNotNull|like|inJsonList)\(\s*(?:[\w$.]+\.tenant_id\b|[^(),]*,\s*[\w$.]+\.tenant_id\b)/g,
  ];
  if (table) {
    rules.push(
      // The column itself named anywhere (conditions, join keys, conflict targets, selections).
      new RegExp(`(?<![\\w$.])${table}\\.tenant_id\\b`, "g"),
      // drizzle's builder on the table.
      new RegExp(`\\.(?:from|insert|update|delete)\\(\\s*${table}\\s*\\)|\\.\\$count\\(\\s*${table}\\b`, "g"),
      // A join whose condition does not come from the scope (`scope.where(table, ...)`).
      new RegExp(
        `\\.(?:inner|left|right|full|cross)Join\\(\\s*(${table})\\s*(?:\\)|,(?!\\s*[\\w$]+\\.where\\(\\s*\\1\\b))`,
        "g",
      ),
    );
  }
  rules.push(new RegExp(`\\.query\\.(?:${tables.map(escapeRegExp).join("|")})\\b`, "g"));
  const lines = source.split("\n");
  const found = new Map<number, Finding>();
  for (const rule of rules) {
    for (const m of code.matchAll(rule)) {
      const line = code.slice(0, m.index).split("\n").length;
      if (!found.has(line)) found.set(line, { file, line, text: lines[line - 1]!.trim() });
    }
  }
  return [...found.values()].sort((a, b) => a.line - b.line);
}
