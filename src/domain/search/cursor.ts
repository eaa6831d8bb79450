/**
 * Keyset cursors for lead search: the sort, the last row's sort key and id,
 * and a fingerprint of the filters, base64url JSON with a checksum. Opaque
 * to clients and integrity-checked (not secret: every query is scoped to the
 * caller's tenant anyway); a cursor that was altered, or that belongs to
 * other filters or another sort, is refused.
 */

export const searchSorts = ["icp_desc", "icp_asc", "verified_at_desc", "verified_at_asc"] as const;
export type SearchSort = (typeof searchSorts)[number];

export interface CursorPosition {
  sort: SearchSort;
  /** The last row's sort value (icp score, or verified_at with "" for none) and id. */
  key: number | string;
  id: string;
}

export class BadCursorError extends Error {
  override name = "BadCursorError";
}

const b64url = (text: string) =>
  btoa(unescape(encodeURIComponent(text)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
const fromB64url = (text: string) =>
  decodeURIComponent(escape(atob(text.replace(/-/g, "+").replace(/_/g, "/"))));

async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`prospector-cursor:${text}`)),
  );
  return [...bytes.slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A fingerprint of the filters a cursor is valid for. */
export async function filtersFingerprint(filters: unknown): Promise<string> {
  return (await digest(JSON.stringify(filters))).slice(0, 12);
}

export async function encodeCursor(position: CursorPosition, fingerprint: string): Promise<string> {
  const payload = b64url(
    JSON.stringify({ v: 1, s: position.sort, k: position.key, i: position.id, f: fingerprint }),
  );
  return `${payload}.${await digest(payload)}`;
}

export async function decodeCursor(
  cursor: string,
  sort: SearchSort,
  fingerprint: string,
): Promise<CursorPosition> {
  const [payload, check, extra] = cursor.split(".");
  if (!payload || !check || extra !== undefined || (await digest(payload)) !== check) {
    throw new BadCursorError("The cursor is not one this API issued (altered or truncated)");
  }
  let data: { v?: unknown; s?: unknown; k?: unknown; i?: unknown; f?: unknown };
  try {
    data = JSON.parse(fromB64url(payload));
  } catch {
    throw new BadCursorError("The cursor is not one this API issued");
  }
  if (
    data.v !== 1 ||
    typeof data.i !== "string" ||
    (typeof data.k !== "number" && typeof data.k !== "string")
  ) {
    throw new BadCursorError("The cursor is not one this API issued");
  }
  if (data.s !== sort) throw new BadCursorError(`The cursor belongs to sort ${String(data.s)}, not ${sort}`);
  if (data.f !== fingerprint)
    throw new BadCursorError("The cursor belongs to other filters; start again without it");
  return { sort, key: data.k, id: data.i };
}
