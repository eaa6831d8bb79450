import { describeProtectedRoute } from "../helpers/security.ts";

describeProtectedRoute({ method: "POST", path: "/verify", body: { email: "anna@strict.test" } });
