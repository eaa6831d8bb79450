/** drizzle-kit configuration: generates D1 migrations from src/db/schema.ts and billing-schema.ts into migrations/. */
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: ["./src/db/schema.ts", "./src/db/billing-schema.ts"],
  out: "./migrations",
});
