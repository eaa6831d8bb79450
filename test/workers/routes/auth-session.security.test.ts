import { describeProtectedRoute } from "../helpers/security.ts";

describeProtectedRoute({ method: "GET", path: "/auth/session" });
describeProtectedRoute({ method: "DELETE", path: "/auth/session" });
