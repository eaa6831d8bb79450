import type { Caller } from "../helpers/api.ts";
import { json } from "../helpers/api.ts";
import { describeProtectedRoute } from "../helpers/security.ts";
import { seedLeads } from "./helpers.ts";

const createLead = async (owner: Caller) => {
  const email = `lead-${crypto.randomUUID().slice(0, 8)}@isolation.test`;
  await seedLeads(owner, [{ email }]);
  return email;
};

describeProtectedRoute({
  method: "GET",
  path: "/leads/search",
  resource: createLead,
  listIds: async (res) => (await json(res)).results.map((r: { email: string }) => r.email),
});
