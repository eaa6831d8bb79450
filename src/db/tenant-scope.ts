/**
 * The one way to touch tenant-owned rows. Every query on a table with a
 * `tenant_id` column goes through a `TenantScope`, which adds the tenant
 * condition to reads, updates and deletes and stamps it on inserts, so a
 * handler cannot forget it. Cross-tenant work (platform admin, auth lookups
 * by secret hash) is done explicitly in db/ helpers that say why.
 */
import { and, eq, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable, SQLiteUpdateSetSource } from "drizzle-orm/sqlite-core";
import type { Database } from "./client.ts";

/** Any drizzle table that has a `tenant_id` column. */
export type TenantTable = SQLiteTable & { tenant_id: SQLiteColumn };

/** Queries bound to one tenant. */
export class TenantScope {
  constructor(
    readonly db: Database,
    readonly tenantId: string,
  ) {}

  /** `tenant_id = ? AND ...conditions`, for custom queries built on `this.db`. */
  where<T extends TenantTable>(table: T, ...conditions: (SQL | undefined)[]): SQL {
    return and(eq(table.tenant_id, this.tenantId), ...conditions)!;
  }

  /** SELECT * from the table, scoped to the tenant. */
  select<T extends TenantTable>(table: T, ...conditions: (SQL | undefined)[]) {
    const query = this.db
      .select()
      .from(table)
      .where(this.where(table, ...conditions))
      .$dynamic();
    return query as unknown as ScopedSelect<T["$inferSelect"]>;
  }

  /** INSERT rows with `tenant_id` set to this tenant (a caller's value is overwritten). */
  insert<T extends TenantTable>(table: T, rows: Omit<T["$inferInsert"], "tenant_id">[]) {
    const stamped = rows.map((row) => ({ ...row, tenant_id: this.tenantId }));
    return this.db.insert(table).values(stamped as T["$inferInsert"][]);
  }

  /** UPDATE rows of this tenant that match the conditions. */
  update<T extends TenantTable>(
    table: T,
    values: Partial<Omit<T["$inferInsert"], "tenant_id" | "id">>,
    ...conditions: (SQL | undefined)[]
  ) {
    return (
      this.db
        .update(table)
        // The omitted keys make the type narrower than drizzle can prove for a generic table.
        .set(values as SQLiteUpdateSetSource<T>)
        .where(this.where(table, ...conditions))
    );
  }

  /** DELETE rows of this tenant that match the conditions. */
  delete<T extends TenantTable>(table: T, ...conditions: (SQL | undefined)[]) {
    return this.db.delete(table).where(this.where(table, ...conditions));
  }
}

/** The parts of drizzle's select builder that scoped reads use. */
export interface ScopedSelect<Row> extends PromiseLike<Row[]> {
  orderBy(...columns: (SQLiteColumn | SQL)[]): ScopedSelect<Row>;
  limit(n: number): ScopedSelect<Row>;
  offset(n: number): ScopedSelect<Row>;
}

/** The tenant scope for a request's principal. */
export function tenantScope(db: Database, tenantId: string): TenantScope {
  return new TenantScope(db, tenantId);
}
