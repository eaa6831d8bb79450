/**
 * Structured logs: one JSON object per line on stdout. Callers never pass
 * secrets or signatures; tests inject a collecting or silent log.
 */

/** Writes one log entry. */
export type SidecarLog = (
  level: "info" | "warn" | "error",
  msg: string,
  fields?: Record<string, unknown>,
) => void;

/** A log that writes JSON lines through `write` (stdout by default). */
export function jsonLineLog(
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): SidecarLog {
  return (level, msg, fields = {}) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
}

/** A log that drops everything. */
export const silentLog: SidecarLog = () => {};
