/**
 * The one way to touch tenant-owned rows. Every query on a table with a
 * `tenant_id` column goes through a `TenantScope`, which adds the tenant
 * condition to reads, updates and deletes and stamps it on inserts, so a
 * handler cannot forget it. Cross-tenant work (platform admin, auth lookups
 * by secret hash) is done explicitly in db/ helpers that say why;
 * test/node/tenant-scope.test.ts fails on a tenant query anywhere else.
 *
 * Beyond the plain statements: `selectFields` for projections, aggregates
 * and joins, `count`, `sqlCondition` for raw `sql` templates,
 * `conflictTarget` for upserts, and `bind` with `rawTenantCondition` for
 * statements prepared on the D1 binding.
 */
import { and, count, eq, type SQL, sql } from "drizzle-orm";
import type {
  IndexColumn,
  SelectedFields,
  SQLiteColumn,
  SQLiteTable,
  SQLiteUpdateSetSource,
} from "drizzle-orm/sqlite-core";
import type { Database } from "./client.ts";

/** Any drizzle table that has a `tenant_id` column. */
export type TenantTable = SQLiteTable & { tenant_id: SQLiteColumn };

/** What an UPDATE may set: any column but the tenant and the id, to a value or an SQL expression. */
export type ScopedSet<T extends TenantTable> = Omit<SQLiteUpdateSetSource<T>, "tenant_id" | "id">;

/** A row to insert without its `tenant_id` (the scope stamps it); any value may be SQL (a subquery). */
export type ScopedInsert<T extends TenantTable> = {
  [K in keyof Omit<T["$inferInsert"], "tenant_id">]: Omit<T["$inferInsert"], "tenant_id">[K] | SQL;
};

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

  /**
   * `tenant_id = ?` on a raw `sql` template's table, `<alias>.tenant_id = ?`
   * with an alias (`FROM leads l`): for queries drizzle's builder cannot
   * write (FTS matches, CTEs, `INDEXED BY`).
   */
  sqlCondition(alias?: string): SQL {
    return sql`${sql.raw(alias ? `${alias}.` : "")}tenant_id = ${this.tenantId}`;
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

  /**
   * SELECT `fields` (columns, expressions, aggregates, a joined table) from
   * the table, scoped to the tenant; usable as a subquery and in a batch. A
   * joined tenant table takes its condition from the scope too:
   * `.innerJoin(leads, scope.where(leads, eq(leads.id, runLeads.lead_id)))`.
   */
  selectFields<T extends TenantTable, F extends SelectedFields>(
    table: T,
    fields: F,
    ...conditions: (SQL | undefined)[]
  ) {
    return this.db
      .select(fields)
      .from(table)
      .where(this.where(table, ...conditions));
  }

  /** How many of the tenant's rows match the conditions. */
  async count<T extends TenantTable>(table: T, ...conditions: (SQL | undefined)[]): Promise<number> {
    const [row] = await this.selectFields(table, { n: count() }, ...conditions);
    return row?.n ?? 0;
  }

  /** INSERT rows with `tenant_id` set to this tenant (a caller's value is overwritten). */
  insert<T extends TenantTable>(table: T, rows: ScopedInsert<T>[]) {
    const stamped = rows.map((row) => ({ ...row, tenant_id: this.tenantId }));
    return this.db.insert(table).values(stamped as T["$inferInsert"][]);
  }

  /** UPDATE rows of this tenant that match the conditions. */
  update<T extends TenantTable>(table: T, values: ScopedSet<T>, ...conditions: (SQL | undefined)[]) {
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

  /** An upsert's conflict target for a unique index that starts with the tenant: `tenant_id, ...columns`. */
  conflictTarget<T extends TenantTable>(table: T, ...columns: IndexColumn[]): IndexColumn[] {
    return [table.tenant_id, ...columns];
  }

  /** Binds a statement prepared on the D1 binding: the tenant as `?1` (see rawTenantCondition), then `values`. */
  bind(statement: D1PreparedStatement, ...values: unknown[]): D1PreparedStatement {
    return statement.bind(this.tenantId, ...values);
  }
}

/**
 * `<table>.tenant_id = ?1`, for SQL text prepared once on the D1 binding and
 * bound per use with `scope.bind` (which puts the tenant in `?1`). A leading
 * `+` (`+leads`) keeps SQLite from planning the statement from a tenant index.
 */
export function rawTenantCondition(table: string): string {
  return `${table}.tenant_id = ?1`;
}

/** The parts of drizzle's select builder that scoped reads use. */
export interface ScopedSelect<Row> extends PromiseLike<Row[]> {
  orderBy(...columns: (SQLiteColumn | SQL)[]): ScopedSelect<Row>;
  limit(n: number): ScopedSelect<Row>;
  offset(n: number): ScopedSelect<Row>;
  /** The first row, or undefined. */
  get(): Promise<Row | undefined>;
}

/** The tenant scope for a request's principal. */
export function tenantScope(db: Database, tenantId: string): TenantScope {
  return new TenantScope(db, tenantId);
}
