export const TEST_AUTH_SECRET = "test-auth-secret-for-vitest-only";
export const TEST_CRON_SECRET = "test-cron-secret";
