import { availableParallelism } from "node:os";
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
    // Measured (issue 20, item 8): a fresh module graph per test file spent more time importing
    // Eleventy, sharp and the plugins than many files spend testing; the files keep no module
    // state of their own that another would see (each project is its own folder).
    isolate: false,
    // Forks, not threads: tests change the process's folder and start child processes. At least
    // two, even on two cores: many files wait on child processes and Chromium, which have their own.
    pool: "forks",
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
