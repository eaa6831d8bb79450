import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { chunkForInsert, D1_MAX_PARAMETERS } from "./chunks.ts";
import { createDatabase } from "./client.ts";
import { runDomains } from "./schema.ts";

describe("chunkForInsert", () => {
  it("counts the parameters drizzle binds, schema defaults included, so every chunk fits D1", () => {
    const db = createDatabase(env.DB);
    const rows = Array.from({ length: 50 }, (_, i) => ({
      run_id: "r",
      tenant_id: "t",
      domain: `d${i}.test`,
      position: i,
    }));
    const chunks = chunkForInsert(db, runDomains, rows);
    expect(chunks.flat()).toHaveLength(50);
    for (const chunk of chunks) {
      expect(db.insert(runDomains).values(chunk).toSQL().params.length).toBeLessThanOrEqual(
        D1_MAX_PARAMETERS,
      );
    }
    // Six columns set, but the numeric defaults are bound too: far fewer than 100 / 4 rows per chunk.
    expect(chunks[0]!.length).toBeLessThan(25);
    expect(chunkForInsert(db, runDomains, [])).toEqual([]);
  });
});
