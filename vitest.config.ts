import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "sandbox",
          include: ["sandbox/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "app",
          include: ["lib/**/*.test.ts", "test/**/*.test.ts"],
          globalSetup: ["test/global-setup.ts"],
          // The files share one PortOne sandbox whose faults and webhook pauses are global.
          fileParallelism: false,
          setupFiles: ["test/setup-env.ts"],
        },
      },
    ],
  },
});
