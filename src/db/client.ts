/** The drizzle client over the D1 binding, built once per request by the init middleware. */
import { drizzle } from "drizzle-orm/d1";
import * as billingSchema from "./billing-schema.ts";
import * as schema from "./schema.ts";

export function createDatabase(d1: D1Database) {
  return drizzle(d1, { schema: { ...schema, ...billingSchema } });
}

export type Database = ReturnType<typeof createDatabase>;
