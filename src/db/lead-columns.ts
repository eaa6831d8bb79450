/**
 * Lead columns by name, for queries whose column list is a typed list
 * (domain/leads/lead.ts): drizzle's columns for a select, the SQL list for a
 * raw statement, and a raw row read back as drizzle would (JSON parsed).
 */
import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { Lead, LeadColumn } from "../domain/leads/lead.ts";
import { leads } from "./schema.ts";

const columns = getTableColumns(leads);
type LeadColumns = typeof columns;

/** drizzle's columns of `leads` named in `names`, for `db.select(...)`. */
export function leadColumns<C extends LeadColumn>(names: readonly C[]): Pick<LeadColumns, C> {
  const picked: Partial<Record<C, LeadColumns[C]>> = {};
  for (const name of names) picked[name] = columns[name];
  return picked as Pick<LeadColumns, C>;
}

/** `alias.column, ...` for a raw statement reading `leads` as `alias`. */
export function leadColumnsSql(alias: string, names: readonly LeadColumn[]): SQL {
  return sql.raw(names.map((name) => `${alias}.${columns[name].name}`).join(", "));
}

/** A raw row (db.all) of the columns in `names`, mapped as a drizzle select maps it (JSON text parsed). */
export function leadFromDriver<C extends LeadColumn>(
  row: Record<C, unknown>,
  names: readonly C[],
): Pick<Lead, C> {
  const lead: Partial<Record<C, unknown>> = {};
  for (const name of names) {
    const value = row[name];
    lead[name] = value === null ? null : columns[name].mapFromDriverValue(value as never);
  }
  return lead as Pick<Lead, C>;
}
