/**
 * Request signing: every route but /health needs a fresh, correct, unused
 * signature. No SMTP traffic here: the verify requests carry only bad syntax.
 */
import { describe, expect, it } from "vitest";
import { SIDECAR_SIGNATURE_HEADER, signSidecarRequest } from "../src/signature.ts";
import { signed, TEST_SECRET, testApp, testConfig } from "./support/sidecar.ts";

const body = JSON.stringify({ emails: ["not-an-address"] });
const now = () => Math.floor(Date.now() / 1000);

function post(app: ReturnType<typeof testApp>, signature: string | null, text = body) {
  return app.request("/v1/verify", {
    method: "POST",
    headers: signature === null ? {} : { [SIDECAR_SIGNATURE_HEADER]: signature },
    body: text,
  });
}

async function expectUnauthorized(res: Response, message: RegExp) {
  expect(res.status).toBe(401);
  const json = (await res.json()) as { error: { code: string; message: string } };
  expect(json.error.code).toBe("unauthorized");
  expect(json.error.message).toMatch(message);
}

describe("signed requests", () => {
  const app = testApp(testConfig(null));

  it("accepts a correctly signed request", async () => {
    const res = await post(app, await signSidecarRequest(TEST_SECRET, body, now()));
    expect(res.status).toBe(200);
  });

  it("refuses a missing signature", async () => {
    await expectUnauthorized(await post(app, null), /missing/);
  });

  it("refuses a malformed signature", async () => {
    for (const header of [
      "v1=abc",
      `t=${now()},v1=xyz`,
      `t=${now()}`,
      "garbage",
      `t=${now()},v1=${"a".repeat(63)}`,
    ]) {
      await expectUnauthorized(await post(app, header), /malformed/);
    }
  });

  it("refuses a signature made with another secret or over another body", async () => {
    await expectUnauthorized(
      await post(app, await signSidecarRequest("x".repeat(40), body, now())),
      /does not match/,
    );
    const forOtherBody = await signSidecarRequest(TEST_SECRET, '{"emails":["a@b.test"]}', now());
    await expectUnauthorized(await post(app, forOtherBody), /does not match/);
  });

  it("refuses stale and future signatures", async () => {
    await expectUnauthorized(
      await post(app, await signSidecarRequest(TEST_SECRET, body, now() - 301)),
      /300 s/,
    );
    await expectUnauthorized(
      await post(app, await signSidecarRequest(TEST_SECRET, body, now() + 301)),
      /300 s/,
    );
  });

  it("refuses replayed requests", async () => {
    const signature = await signSidecarRequest(TEST_SECRET, `${body} `, now());
    expect((await post(app, signature, `${body} `)).status).toBe(200);
    await expectUnauthorized(await post(app, signature, `${body} `), /replayed/);
  });

  it("accepts identical reads in the same second, and POSTs made unique by a request_id", async () => {
    const t = now();
    const get = async () =>
      app.request("/v1/ip-rotation/status", {
        headers: { [SIDECAR_SIGNATURE_HEADER]: await signSidecarRequest(TEST_SECRET, "", t) },
      });
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(200);
    for (const id of ["a", "b"]) {
      const unique = JSON.stringify({ ...JSON.parse(body), request_id: id });
      expect((await post(app, await signSidecarRequest(TEST_SECRET, unique, t), unique)).status).toBe(200);
    }
  });

  it("signs GET requests over the empty body", async () => {
    expect((await signed(app, "GET", "/metrics")).status).toBe(200);
    const res = await app.request("/metrics", {
      headers: { [SIDECAR_SIGNATURE_HEADER]: await signSidecarRequest(TEST_SECRET, "x", now()) },
    });
    expect(res.status).toBe(401);
  });

  it("protects metrics and ip-rotation, not health", async () => {
    for (const path of ["/metrics", "/v1/ip-rotation/status"])
      expect((await app.request(path)).status).toBe(401);
    const rotate = await app.request("/v1/ip-rotation/rotate", { method: "POST", body: '{"reason":"x"}' });
    expect(rotate.status).toBe(401);
    expect((await app.request("/health")).status).toBe(200);
  });

  it("never logs the secret or the signature", async () => {
    const lines: string[] = [];
    const logged = testApp(testConfig(null), {
      log: (level, msg, fields) => lines.push(JSON.stringify({ level, msg, fields })),
    });
    const signature = await signSidecarRequest(TEST_SECRET, body, now());
    await post(logged, signature);
    await post(logged, signature);
    expect(lines.length).toBeGreaterThan(0);
    const text = lines.join("\n");
    expect(text).not.toContain(TEST_SECRET);
    expect(text).not.toContain(signature.split("v1=")[1]);
  });
});
