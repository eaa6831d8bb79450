/**
 * Request signing: every route but /health needs a fresh, correct, unused
 * signature. No SMTP traffic here: the verify requests carry only bad syntax.
 */
import { describe, expect, it } from "vitest";
import { SIDECAR_SIGNATURE_HEADER, signSidecarRequest } from "../src/signature.ts";
import { signed, TEST_SECRET, testApp, testConfig } from "./support/sidecar.ts";

const body = JSON.stringify({ emails: ["not-an-address"] });
const now = () => Math.floor(Date.now() / 1000);
/** A signature of a POST to /v1/verify (the route `post` sends to). */
const signVerify = (text: string, t: number, secret = TEST_SECRET) =>
  signSidecarRequest(secret, { method: "POST", target: "/v1/verify", body: text }, t);
const signGet = (target: string, t = now()) =>
  signSidecarRequest(TEST_SECRET, { method: "GET", target, body: "" }, t);

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
    const res = await post(app, await signVerify(body, now()));
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
      await post(app, await signVerify(body, now(), "x".repeat(40))),
      /does not match/,
    );
    const forOtherBody = await signVerify('{"emails":["a@b.test"]}', now());
    await expectUnauthorized(await post(app, forOtherBody), /does not match/);
  });

  it("refuses stale and future signatures", async () => {
    await expectUnauthorized(await post(app, await signVerify(body, now() - 301)), /300 s/);
    await expectUnauthorized(await post(app, await signVerify(body, now() + 301)), /300 s/);
  });

  it("refuses replayed requests", async () => {
    const signature = await signVerify(`${body} `, now());
    expect((await post(app, signature, `${body} `)).status).toBe(200);
    await expectUnauthorized(await post(app, signature, `${body} `), /replayed/);
  });

  it("accepts identical reads in the same second, and POSTs made unique by a request_id", async () => {
    const t = now();
    const get = async () =>
      app.request("/v1/ip-rotation/status", {
        headers: { [SIDECAR_SIGNATURE_HEADER]: await signGet("/v1/ip-rotation/status", t) },
      });
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(200);
    for (const id of ["a", "b"]) {
      const unique = JSON.stringify({ ...JSON.parse(body), request_id: id });
      expect((await post(app, await signVerify(unique, t), unique)).status).toBe(200);
    }
  });

  it("signs GET requests over the empty body", async () => {
    expect((await signed(app, "GET", "/metrics")).status).toBe(200);
    const res = await app.request("/metrics", {
      headers: {
        [SIDECAR_SIGNATURE_HEADER]: await signSidecarRequest(
          TEST_SECRET,
          { method: "GET", target: "/metrics", body: "x" },
          now(),
        ),
      },
    });
    expect(res.status).toBe(401);
  });

  it("refuses a signature made for another path, query or method, and accepts the right one", async () => {
    const forMetrics = await signGet("/metrics");
    const read = (path: string, signature: string) =>
      app.request(path, { headers: { [SIDECAR_SIGNATURE_HEADER]: signature } });
    expect((await read("/metrics", forMetrics)).status).toBe(200);
    await expectUnauthorized(await read("/v1/ip-rotation/status", forMetrics), /does not match/);
    await expectUnauthorized(await read("/metrics?format=text", forMetrics), /does not match/);
    expect((await read("/metrics?format=text", await signGet("/metrics?format=text"))).status).toBe(200);

    const status = await signGet("/v1/ip-rotation/status");
    expect((await read("/v1/ip-rotation/status", status)).status).toBe(200);
    const asPost = await app.request("/v1/ip-rotation/status", {
      method: "POST",
      headers: { [SIDECAR_SIGNATURE_HEADER]: status },
    });
    await expectUnauthorized(asPost, /does not match/);

    // A POST body signed for /v1/verify cannot start a rotation, nor the other way round.
    const rotation = JSON.stringify({ reason: "x", request_id: "r1" });
    const forVerify = await signVerify(rotation, now());
    const rotate = await app.request("/v1/ip-rotation/rotate", {
      method: "POST",
      headers: { [SIDECAR_SIGNATURE_HEADER]: forVerify },
      body: rotation,
    });
    await expectUnauthorized(rotate, /does not match/);
  });

  it("refuses the old v1 header", async () => {
    await expectUnauthorized(await post(app, `t=${now()},v1=${"0".repeat(64)}`), /malformed.*v2=/);
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
    const signature = await signVerify(body, now());
    await post(logged, signature);
    await post(logged, signature);
    expect(lines.length).toBeGreaterThan(0);
    const text = lines.join("\n");
    expect(text).not.toContain(TEST_SECRET);
    expect(text).not.toContain(signature.split("v1=")[1]);
  });
});
