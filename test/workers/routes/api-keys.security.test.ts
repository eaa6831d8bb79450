import type { Caller } from "../helpers/api.ts";
import { call, json } from "../helpers/api.ts";
import { describeProtectedRoute } from "../helpers/security.ts";

const createKey = async (owner: Caller) => (await owner.createApiKey(["read"])).id;
const snapshot = async (owner: Caller, id: string) =>
  json(await call("GET", `/api-keys/${id}`, { headers: owner.devHeaders() }));

describeProtectedRoute({ method: "POST", path: "/api-keys", body: { name: "x" } });
describeProtectedRoute({
  method: "GET",
  path: "/api-keys",
  resource: createKey,
  listIds: async (res) => (await json(res)).results.map((k: { id: string }) => k.id),
});
describeProtectedRoute({ method: "GET", path: "/api-keys/{id}", resource: createKey, snapshot });
describeProtectedRoute({ method: "DELETE", path: "/api-keys/{id}", resource: createKey, snapshot });
