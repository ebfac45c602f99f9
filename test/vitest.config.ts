import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: ".",
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/helpers/temp.ts", "test/helpers/shared-sites-setup.ts"],
    setupFiles: ["test/helpers/fast-check.ts"],
    execArgv: ["--import", "tsx"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
