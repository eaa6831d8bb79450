/** Each door's dialect, field by field, for every status an engine error can have. */
import { describe, expect, it } from "vitest";
import { ApiError, errorStatus } from "../errors.ts";
import { dialect000, dialect001, dialect002, dialect003, dialect004, fastApiIssues } from "./dialects.ts";
import { doorForPath, doors } from "./doors.ts";

const validation = new ApiError("validation_failed", "Invalid json: email: Required", {
  fields: { email: "Required", "contacts.0.phone": "Too long" },
  location: "body",
  issueTypes: { email: "missing" },
});

const exhausted = new ApiError(
  "credits_exhausted",
  "This needs 3 credits and 1 of this period's 10 are left",
  {
    data: {
      credits_required: 3,
      credits_remaining: 1,
      credits_limit: 10,
      period_end: "2027-01-01T00:00:00.000Z",
    },
  },
);
const left = {
  credits_required: 3,
  credits_remaining: 1,
  credits_limit: 10,
  period_end: "2027-01-01T00:00:00.000Z",
};

describe("402 credits_exhausted", () => {
  it("says what is left in every door, where each door puts its details", () => {
    expect(dialect000.render(exhausted, "r").body).toEqual({
      error: "credits_exhausted",
      detail: exhausted.detail,
      request_id: "r",
      ...left,
    });
    expect(dialect001.render(exhausted, "r").body).toEqual({
      error: exhausted.detail,
      code: "CREDITS_EXHAUSTED",
      details: { request_id: "r", ...left },
    });
    expect(dialect002.render(exhausted, "r").body).toEqual({
      error: { code: "CREDITS_EXHAUSTED", message: exhausted.detail, details: { request_id: "r", ...left } },
    });
    expect(dialect003.render(exhausted, "r").body).toEqual({
      error: { code: "credits_exhausted", message: exhausted.detail, field: null, request_id: "r", ...left },
    });
    // FastAPI's detail is the sentence, which names the numbers.
    expect(dialect004.render(exhausted, "r").body).toEqual({ detail: exhausted.detail });
    for (const d of [dialect000, dialect001, dialect002, dialect003, dialect004])
      expect(d.render(exhausted, "r").status).toBe(402);
  });
});

describe("dialects", () => {
  it("000 keeps today's body", () => {
    expect(dialect000.render(validation, "r1")).toEqual({
      status: 400,
      body: {
        error: "validation_failed",
        detail: "Invalid json: email: Required",
        request_id: "r1",
        fields: validation.options.fields,
      },
    });
  });

  it("001: message in error, UPPER_SNAKE code, details with the request id", () => {
    expect(dialect001.render(validation, "r1")).toEqual({
      status: 400,
      body: {
        error: "Invalid json: email: Required",
        code: "VALIDATION_ERROR",
        details: { request_id: "r1", fields: validation.options.fields },
      },
    });
    expect(dialect001.render(new ApiError("not_found", "No job"), "r2").body).toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("002: seed 002's codes by status, details naming the field", () => {
    expect(dialect002.render(validation, "r1")).toEqual({
      status: 400,
      body: {
        error: {
          code: "VALIDATION_ERROR",
          message: "Invalid json: email: Required",
          details: { request_id: "r1", field: "email", fields: validation.options.fields },
        },
      },
    });
    const table: [ConstructorParameters<typeof ApiError>[0], string][] = [
      ["invalid_api_key", "UNAUTHORIZED"],
      ["session_expired", "UNAUTHORIZED"],
      ["insufficient_scope", "FORBIDDEN"],
      ["not_found", "NOT_FOUND"],
      ["rate_limited", "RATE_LIMITED"],
      ["misconfigured", "INTERNAL_ERROR"],
      ["service_unavailable", "SERVICE_UNAVAILABLE"],
      ["conflict", "CONFLICT"],
      ["payload_too_large", "PAYLOAD_TOO_LARGE"],
    ];
    for (const [code, expected] of table) {
      expect(
        (dialect002.render(new ApiError(code, "x"), "r").body as { error: { code: string } }).error.code,
      ).toBe(expected);
    }
  });

  it("003: snake_case codes, invalid_request for validation, the field and the request id", () => {
    expect(dialect003.render(validation, "r1")).toEqual({
      status: 400,
      body: {
        error: { code: "invalid_request", message: validation.detail, field: "email", request_id: "r1" },
      },
    });
    expect(dialect003.render(new ApiError("forbidden", "No"), "r2").body).toEqual({
      error: { code: "forbidden", message: "No", field: null, request_id: "r2" },
    });
  });

  it("004: FastAPI's detail, 422 with loc/msg/type for validation, its words for 404 and 405", () => {
    expect(dialect004.render(validation, "r1")).toEqual({
      status: 422,
      body: {
        detail: [
          { loc: ["body", "email"], msg: "Required", type: "missing" },
          { loc: ["body", "contacts", 0, "phone"], msg: "Too long", type: "value_error" },
        ],
      },
    });
    expect(dialect004.render(new ApiError("not_found", "No route"), "r").body).toEqual({
      detail: "Not Found",
    });
    expect(dialect004.render(new ApiError("method_not_allowed", "x"), "r")).toEqual({
      status: 405,
      body: { detail: "Method Not Allowed" },
    });
    expect(dialect004.render(new ApiError("forbidden", "Owners only"), "r")).toEqual({
      status: 403,
      body: { detail: "Owners only" },
    });
    // FastAPI's OAuth2PasswordBearer challenge on every 401.
    expect(dialect004.render(new ApiError("invalid_token", "Expired"), "r")).toEqual({
      status: 401,
      body: { detail: "Expired" },
      headers: { "WWW-Authenticate": "Bearer" },
    });
    expect(fastApiIssues(new ApiError("malformed_json", "The request body is not valid JSON"))).toEqual([
      { loc: ["body"], msg: "The request body is not valid JSON", type: "json_invalid" },
    ]);
    const query = new ApiError("validation_failed", "bad", {
      fields: { limit: "Too big" },
      location: "query",
    });
    expect(fastApiIssues(query)).toEqual([{ loc: ["query", "limit"], msg: "Too big", type: "value_error" }]);
  });

  it("every dialect's body matches its documented schema, for every code", () => {
    const codes = Object.keys(errorStatus) as (keyof typeof errorStatus)[];
    expect(codes.length).toBeGreaterThan(20);
    for (const dialect of [dialect000, dialect001, dialect002, dialect003, dialect004]) {
      for (const code of codes) {
        const { body } = dialect.render(new ApiError(code, "Something"), "r");
        expect(dialect.schema.safeParse(body).success, `${code}`).toBe(true);
      }
    }
  });
});

describe("doors", () => {
  it("own their prefixes and what lies below them, and nothing else", () => {
    expect(doorForPath("/api/jobs").name).toBe("001");
    expect(doorForPath("/api/jobs/123/download").name).toBe("001");
    expect(doorForPath("/api/jobsx").name).toBe("000");
    expect(doorForPath("/api/qualify").name).toBe("002");
    expect(doorForPath("/api/v1/ip-rotation/status").name).toBe("003");
    expect(doorForPath("/api/v1/auth/token").name).toBe("004");
    expect(doorForPath("/admin/users").name).toBe("000");
    expect(doorForPath("/runs").name).toBe("000");
  });

  it("never share a prefix", () => {
    const prefixes = doors.flatMap((d) => d.prefixes.map((p) => [d.name, p] as const));
    expect(prefixes.length).toBeGreaterThan(15);
    for (const [a, p] of prefixes) {
      for (const [b, q] of prefixes) {
        if (a === b) continue;
        expect(p === q || q.startsWith(`${p}/`), `${a} ${p} / ${b} ${q}`).toBe(false);
      }
    }
  });
});
