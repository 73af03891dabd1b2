/** Where the end-to-end stack listens: away from the dev defaults, so both can run at once. */
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const E2E_SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
export const E2E_APP_URL = `http://localhost:${E2E_APP_PORT}`;
export const E2E_SANDBOX_URL = `http://127.0.0.1:${E2E_SANDBOX_PORT}`;
/** With more than one, the app runs as that many `next start` instances behind nginx on E2E_APP_PORT. */
export const E2E_INSTANCES = Number(process.env.E2E_INSTANCES ?? 1);

/** Where the stack leaves its database's URL, for a spec that must set up what no page can (an operator's role). */
export const E2E_DATABASE_URL_FILE = `${process.env.TMPDIR ?? "/tmp"}/ainfo-e2e-${E2E_APP_PORT}.database-url`;
