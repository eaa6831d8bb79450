/**
 * D1 binds at most 100 parameters per statement. drizzle binds a value for
 * every column of an insert that has one, defaults declared in the schema
 * included, so the rows that fit are counted from the statement drizzle
 * builds for one row, not from the columns a caller happens to set. A list
 * a query matches against (`IN (...)`) travels as one JSON parameter
 * instead of one parameter per value, so its length never counts.
 */
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Database } from "./client.ts";

export const D1_MAX_PARAMETERS = 100;

/** Splits `rows` into slices whose INSERT fits D1's parameter limit (with `reserved` parameters spare). */
export function chunkForInsert<T extends SQLiteTable>(
  db: Database,
  table: T,
  rows: T["$inferInsert"][],
  reserved = 0,
): T["$inferInsert"][][] {
  if (rows.length === 0) return [];
  const perRow = Math.max(1, db.insert(table).values(rows[0]!).toSQL().params.length);
  const size = Math.max(1, Math.floor((D1_MAX_PARAMETERS - reserved) / perRow));
  const out: T["$inferInsert"][][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * `column IN (values)` with the values bound as one JSON array read by
 * `json_each`: one parameter however long the list (the page's run ids, a
 * filter's values). An empty list matches nothing, as `IN ()` would.
 */
export function inJsonList(column: SQLWrapper, values: readonly (string | number)[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}
