/** The shared security checks on every Runs route, tenant isolation included. */
import type { Caller } from "../helpers/api.ts";
import { call, json } from "../helpers/api.ts";
import { describeProtectedRoute } from "../helpers/security.ts";
import { insertQuietRun } from "./helpers.ts";

const createRun = async (owner: Caller) => insertQuietRun(owner, ["acme-one.test", "acme-two.test"]);
const snapshot = async (owner: Caller, id: string) => {
  const run = await json(await call("GET", `/runs/${id}`, { headers: owner.devHeaders() }));
  return { status: run.status, domains: run.domains, label: run.label };
};

describeProtectedRoute({
  method: "POST",
  path: "/runs",
  body: { domains: ["acme.test"], options: { mode: "generate" } },
});
describeProtectedRoute({
  method: "GET",
  path: "/runs",
  resource: createRun,
  listIds: async (res) => (await json(res)).results.map((r: { id: string }) => r.id),
});
describeProtectedRoute({ method: "GET", path: "/runs/{id}", resource: createRun, snapshot });
describeProtectedRoute({ method: "GET", path: "/runs/{id}/results", resource: createRun, snapshot });
describeProtectedRoute({ method: "GET", path: "/runs/{id}/export", resource: createRun, snapshot });
describeProtectedRoute({ method: "GET", path: "/runs/{id}/logs", resource: createRun, snapshot });
describeProtectedRoute({ method: "POST", path: "/runs/{id}/cancel", resource: createRun, snapshot });
describeProtectedRoute({ method: "POST", path: "/runs/{id}/events/ticket", resource: createRun, snapshot });
