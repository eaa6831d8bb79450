import type { Caller } from "../helpers/api.ts";
import { call, json } from "../helpers/api.ts";
import { describeProtectedRoute } from "../helpers/security.ts";
import { suppress } from "./helpers.ts";

const createSuppression = async (owner: Caller) =>
  (await json(await suppress(owner, { email: `p-${crypto.randomUUID().slice(0, 8)}@isolation.com` }))).id;
const snapshot = async (owner: Caller) =>
  (await json(await call("GET", "/suppressions", { headers: owner.devHeaders() }))).results;

describeProtectedRoute({ method: "POST", path: "/suppressions", body: { email: "a@acme.com" } });
describeProtectedRoute({
  method: "GET",
  path: "/suppressions",
  resource: createSuppression,
  listIds: async (res) => (await json(res)).results.map((s: { id: string }) => s.id),
});
describeProtectedRoute({ method: "GET", path: "/suppressions/check?email=a%40acme.com" });
describeProtectedRoute({
  method: "DELETE",
  path: "/suppressions/{id}",
  resource: createSuppression,
  snapshot,
});
describeProtectedRoute({ method: "DELETE", path: "/leads/someone%40acme.com" });
describeProtectedRoute({ method: "GET", path: "/settings/retention" });
describeProtectedRoute({ method: "PUT", path: "/settings/retention", body: { retention_days: 30 } });
