import { describeProtectedRoute } from "../helpers/security.ts";

describeProtectedRoute({ method: "GET", path: "/health/detailed" });
