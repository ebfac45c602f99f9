import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Eleventy } from "@11ty/eleventy";
import { afterAll, describe, expect, it } from "vitest";
import { watchReleases } from "../../src/site/watch.ts";

/**
 * `npm start` hands release changes to Eleventy only between builds (Eleventy 3.1 clears its layout
 * cache on every change, even mid-build, and the build then fails). Eleventy here is its watch
 * surface only: the real watch loop is in test/bench/incremental.test.ts.
 */
const root = mkdtempSync(path.join(tmpdir(), "bayan-watch-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const until = async (done: () => boolean, ms = 3000) => {
  for (let waited = 0; !done() && waited < ms; waited += 25) await new Promise((resolve) => setTimeout(resolve, 25));
};

describe("watchReleases", () => {
  it("holds a change back while a build runs and hands it over when the build ends", async () => {
    const folder = path.join(root, "releases");
    mkdirSync(path.join(folder, "2026"), { recursive: true });
    let building = true;
    const handed: string[] = [];
    const eleventy = { watcher: { emit: (_event: string, file: string) => handed.push(file) > 0 }, watchManager: { isBuildRunning: () => building } };
    const previousCwd = process.cwd();
    process.chdir(root);
    const watching = watchReleases(eleventy as unknown as Eleventy, "releases");
    try {
      await new Promise((resolve) => setTimeout(resolve, 100)); // the watch is set up
      writeFileSync(path.join(folder, "2026", "budget.txt"), "الميزانية\n\nنص.\n");
      writeFileSync(path.join(folder, ".budget.txt.swp"), "editor swap file");
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(handed).toEqual([]);
      building = false;
      await until(() => handed.length > 0);
      expect([...new Set(handed)]).toEqual(["releases/2026/budget.txt"]);
    } finally {
      watching.close();
      process.chdir(previousCwd);
    }
  });
});
