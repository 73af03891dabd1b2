export const TEST_AUTH_SECRET = "test-auth-secret-for-vitest-only";
