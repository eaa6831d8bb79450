/** Route definitions of the tenant's ideal customer profile (ICP) and its re-scoring runs. */
import { z } from "@hono/zod-openapi";
import { runStatuses } from "../../db/schema.ts";
import { IcpProfileSchema } from "../../domain/icp/score.ts";
import { defineRoute } from "../router.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const IcpProfileBodySchema = IcpProfileSchema.openapi("IcpProfile", {
  description:
    "Targets per dimension (empty: the dimension is not scored), weights (0-100, relative), and " +
    "disqualifiers that score a lead 0 before any points",
  example: {
    seniorities: ["c_suite", "vp", "director"],
    departments: ["sales", "marketing"],
    industries: ["Software & SaaS"],
    sizes: ["51-200", "201-500"],
    technologies: ["HubSpot", "Salesforce"],
    countries: ["DE", "AT", "CH"],
    weights: {
      seniority: 25,
      department: 15,
      industry: 15,
      size: 10,
      technology: 10,
      country: 5,
      deliverability: 20,
    },
    disqualifiers: {
      free_mail: true,
      disposable: true,
      domains: ["rival.com"],
      verify_statuses: ["invalid"],
    },
  },
});

const RescoreRunSchema = z.object({
  run_id: z.string(),
  status: z.enum(runStatuses),
  leads_total: z.number().int(),
  leads_rescored: z.number().int(),
  error: z.string().nullable(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
});

export const IcpStateSchema = z
  .object({
    scoring: z.enum(["profile", "baseline"]).openapi({
      description:
        "`baseline` until a profile is saved: leads carry the built-in score (README: ICP scoring)",
    }),
    // A union, not .nullable(): that would carry the component's name and make IcpProfile itself nullable.
    profile: z.union([IcpProfileBodySchema, z.null()]),
    version: z.number().int().openapi({ description: "Incremented by every PUT; 0 before the first" }),
    updated_by: z.string().nullable(),
    updated_at: z.string().nullable(),
    rescore_run: RescoreRunSchema.nullable().openapi({
      description: "The latest re-scoring run (watch it at /runs/{run_id} or its live events)",
    }),
  })
  .openapi("IcpState");

export const getIcp = defineRoute({
  method: "get",
  path: "/icp",
  tags: ["Leads"],
  summary: "Get the ideal customer profile",
  description: "The tenant's ICP profile and version, and its latest re-scoring run.",
  access: { auth: "user" },
  responses: { 200: json(IcpStateSchema, "The profile (null before the first PUT)") },
});

export const putIcp = defineRoute({
  method: "put",
  path: "/icp",
  tags: ["Leads"],
  summary: "Set the ideal customer profile",
  description:
    "Owners and admins only. Replaces the profile (omitted fields take their defaults), increments its " +
    "version and starts a re-scoring run (mode `rescore`) over every lead of the tenant; a re-scoring " +
    "run of an older version still going is cancelled. Leads written from now on are scored with the new " +
    "profile.",
  access: { auth: "user", role: "admin" },
  request: { body: { required: true, content: { "application/json": { schema: IcpProfileBodySchema } } } },
  responses: { 200: json(IcpStateSchema, "The stored profile and its re-scoring run") },
});
