import { describeProtectedRoute } from "../helpers/security.ts";

describeProtectedRoute({ method: "GET", path: "/icp" });
describeProtectedRoute({ method: "PUT", path: "/icp", body: { seniorities: ["vp"] } });
