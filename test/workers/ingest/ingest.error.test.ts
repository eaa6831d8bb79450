/** POST /ingest refusals: too large, unreadable files, wrong types; bad rows and suppressed ones. */
import { describe, expect, it } from "vitest";
import { Caller, expectError, json } from "../helpers/api.ts";
import { ingest, leadsOf, suppress } from "./helpers.ts";

const good = (n: number) => `person${n}@acme-widgets.com,Person ${n}`;

function streamOf(parts: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull(controller) {
      const next = parts.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(new TextEncoder().encode(next));
    },
  });
}

describe("POST /ingest errors", () => {
  it("answers 413 for a body over BODY_LIMIT_BYTES and writes nothing (with Content-Length)", async () => {
    const owner = await Caller.newTenant().provision();
    const body = ["email,name", ...Array.from({ length: 200 }, (_, i) => good(i))].join("\n");
    const res = await ingest(owner, body, "text/csv", {
      headers: { "Content-Length": String(new TextEncoder().encode(body).length) },
      vars: { BODY_LIMIT_BYTES: "2048" },
    });
    await expectError(res, 413, "payload_too_large");
    expect((await leadsOf(owner.tenantId)).size).toBe(0);
  });

  it("answers 413 for a streamed body that passes the limit halfway, and writes nothing", async () => {
    const owner = await Caller.newTenant().provision();
    const parts = ["email,name\n", ...Array.from({ length: 200 }, (_, i) => `${good(i)}\n`)];
    const res = await ingest(owner, streamOf(parts), "text/csv", { vars: { BODY_LIMIT_BYTES: "2048" } });
    await expectError(res, 413, "payload_too_large");
    expect((await leadsOf(owner.tenantId)).size).toBe(0);
  });

  it("refuses unbalanced quotes with the line, writing nothing", async () => {
    const owner = await Caller.newTenant().provision();
    const body = `email,name\n${good(1)}\n${good(2)}\nbroken@acme-widgets.com,"Never closed\n${good(3)}\n`;
    const error = await expectError(await ingest(owner, body), 400, "bad_request");
    expect(error.detail).toMatch(/line 4: a quoted field is never closed/);
    expect((await leadsOf(owner.tenantId)).size).toBe(0);
  });

  it("refuses binary (NUL bytes) and invalid UTF-8 with the line", async () => {
    const owner = await Caller.newTenant().provision();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    const binary = await expectError(await ingest(owner, png), 400, "bad_request");
    expect(binary.detail).toMatch(/line 3: .*NUL/);
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode("email,name\nj@acme-widgets.com,Jos"),
      0xe9,
      0x0a,
    ]);
    const invalid = await expectError(await ingest(owner, latin1), 400, "bad_request");
    expect(invalid.detail).toMatch(/line 2: .*UTF-8/);
    expect((await leadsOf(owner.tenantId)).size).toBe(0);
  });

  it("refuses a file without an email column or without anything", async () => {
    const owner = await Caller.newTenant().provision();
    const noEmail = await expectError(await ingest(owner, "name,phone\nAda,123\n"), 400, "bad_request");
    expect(noEmail.detail).toMatch(/line 1: the header row has no email column/);
    await expectError(await ingest(owner, ""), 400, "bad_request");
  });

  it("answers 415 for other content types and charsets", async () => {
    const owner = await Caller.newTenant().provision();
    await expectError(
      await ingest(owner, "email\na@b.com", "application/json"),
      415,
      "unsupported_media_type",
    );
    await expectError(await ingest(owner, "email\na@b.com", "text/plain"), 415, "unsupported_media_type");
    await expectError(
      await ingest(owner, "email\na@b.com", "text/csv; charset=iso-8859-1"),
      415,
      "unsupported_media_type",
    );
  });

  it("rejects bad rows with their line and field, and still writes the good ones", async () => {
    const owner = await Caller.newTenant().provision();
    const body = [
      "email,name,website,seniority",
      `${good(1)},,`,
      "not-an-address,Nobody,,",
      "",
      "x@acme-widgets.com,X,not a domain,",
      "y@acme-widgets.com,Y,,galactic overlord",
      `${good(1)},,`,
      "z@acme-widgets.com,Z,,,surplus",
      `${good(2)},,`,
    ].join("\n");
    const res = await json(await ingest(owner, body));
    expect(res).toMatchObject({ accepted: 2, updated: 0, rejected: 5, error_count: 5 });
    expect(res.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [3, "email"],
      [5, "company_domain"],
      [6, "seniority"],
      [7, "email"],
      [8, "row"],
    ]);
    expect(res.errors[3].detail).toMatch(/same address as row 2/);
    expect([...(await leadsOf(owner.tenantId)).keys()]).toEqual([
      "person1@acme-widgets.com",
      "person2@acme-widgets.com",
    ]);
  });

  it("lists at most 100 row errors and counts them all", async () => {
    const owner = await Caller.newTenant().provision();
    const lines = ["email", ...Array.from({ length: 150 }, (_, i) => `bad-${i}`), "ok@acme-widgets.com"];
    const res = await json(await ingest(owner, lines.join("\n")));
    expect(res).toMatchObject({ accepted: 1, rejected: 150, error_count: 150 });
    expect(res.errors).toHaveLength(100);
    expect(res.errors[0]).toEqual({ row: 2, field: "email", detail: expect.stringMatching(/not an email/) });
  });

  it("rejects NDJSON lines that are not objects, and reads the others", async () => {
    const owner = await Caller.newTenant().provision();
    const body = '{"email":"a@acme-widgets.com"}\n[1,2]\n{"email": \n{"email":{"nested":true}}\n';
    const res = await json(await ingest(owner, body, "application/x-ndjson"));
    expect(res).toMatchObject({ accepted: 1, rejected: 3 });
    expect(res.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [2, "row"],
      [3, "row"],
      [4, "email"],
    ]);
  });

  it("never stores suppressed addresses or domains, counting them rejected", async () => {
    const owner = await Caller.newTenant().provision();
    await suppress(owner.tenantId, "email", "Gone@Acme-Widgets.com");
    await suppress(owner.tenantId, "domain", "optout.io");
    const other = await Caller.newTenant().provision();
    await suppress(other.tenantId, "email", "kept@acme-widgets.com");
    const body = "email\ngone@acme-widgets.com\nsales@eu.optout.io\nkept@acme-widgets.com\n";
    const res = await json(await ingest(owner, body));
    expect(res).toMatchObject({ accepted: 1, rejected: 2 });
    expect(res.errors).toEqual([
      { row: 2, field: "email", detail: expect.stringMatching(/^suppressed/) },
      { row: 3, field: "email", detail: expect.stringMatching(/^suppressed/) },
    ]);
    expect([...(await leadsOf(owner.tenantId)).keys()]).toEqual(["kept@acme-widgets.com"]);
  });
});
