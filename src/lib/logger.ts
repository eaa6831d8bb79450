/**
 * Structured JSON logging: one line per event, with the request's context
 * bound in. Secrets never reach it: callers log route patterns, not raw URLs,
 * and `redact` strips values of keys that look sensitive. A failed query is
 * logged with its SQL and the database's reason, never its bound values
 * (search text, addresses, names: what users sent).
 */
import { DrizzleQueryError } from "drizzle-orm";

export type LogLevel = "debug" | "info" | "warn" | "error";

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const sensitiveKey = /pass(word)?|secret|token|authorization|cookie|api[_-]?key|ticket|signature/i;

/** A logger with bound fields; `child` adds more. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

/** Replaces values of sensitive-looking keys, recursively. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      sensitiveKey.test(k) ? "[redacted]" : redact(v, depth + 1),
    ]),
  );
}

/** Builds a logger that writes JSON lines through `sink` (console by default). */
export function createLogger(
  bound: Record<string, unknown> = {},
  minLevel: LogLevel = "info",
  sink: (line: string, level: LogLevel) => void = defaultSink,
): Logger {
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (rank[level] < rank[minLevel]) return;
    const entry = {
      time: new Date().toISOString(),
      level,
      msg,
      ...bound,
      ...(fields ? (redact(fields) as object) : {}),
    };
    sink(JSON.stringify(entry), level);
  };
  return {
    debug: (m, f) => write("debug", m, f),
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
    child: (fields) => createLogger({ ...bound, ...(redact(fields) as object) }, minLevel, sink),
  };
}

function defaultSink(line: string, level: LogLevel) {
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

/** Turns an unknown thrown value into loggable fields (message and stack). */
export function describeError(err: unknown): Record<string, unknown> {
  if (err instanceof DrizzleQueryError) {
    // drizzle's message (and so the stack's first lines) ends with "params: <every bound value>".
    const cause = err.cause instanceof Error ? err.cause.message : String(err.cause ?? "");
    const frames = err.stack?.split("\n").filter((line) => /^\s+at /.test(line)) ?? [];
    return {
      error_name: "DrizzleQueryError",
      error_message: `Failed query: ${err.query.trim()}`,
      error_cause: cause,
      params_count: err.params.length,
      stack: frames.join("\n"),
    };
  }
  if (err instanceof Error) return { error_name: err.name, error_message: err.message, stack: err.stack };
  return { error_message: String(err) };
}
