/** Secrets used only by tests (shared by vitest.config.ts and the tests themselves). */
export const TEST_HS256_SECRET = "test-secret-0123456789abcdef0123456789abcdef";
/** The secret the Worker signs sidecar calls with in tests (the test sidecar checks it). */
export const TEST_SIDECAR_SECRET = "test-sidecar-secret-0123456789abcdef0123456789";
/** The access-token signing keys of the tests' Worker (AUTH_TOKEN_KEYS): one key, `test-1`. */
export const TEST_TOKEN_KEY = { kid: "test-1", secret: "test-token-key-0123456789abcdef0123456789abcdef" };
export const TEST_TOKEN_KEYS = `${TEST_TOKEN_KEY.kid}:${TEST_TOKEN_KEY.secret}`;
