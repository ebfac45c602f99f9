import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Eleventy } from "@11ty/eleventy";
import { afterAll, describe, expect, it } from "vitest";
import { watchReleases } from "../../src/serve/watch.ts";

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

describe("watchReleases sees every way an editor saves (issue 19, item 14)", () => {
  /** A watch on a fresh releases folder; `handed` collects what reaches Eleventy. */
  async function watching() {
    const folder = mkdtempSync(path.join(root, "releases-"));
    mkdirSync(path.join(folder, "2026"));
    const handed: string[] = [];
    const eleventy = { watcher: { emit: (_event: string, file: string) => handed.push(file) > 0 }, watchManager: { isBuildRunning: () => false } };
    const watcher = watchReleases(eleventy as unknown as Eleventy, folder);
    await new Promise((resolve) => setTimeout(resolve, 100));
    /** Runs `save`, then waits until the change has been handed over; false if it never is. */
    const seen = async (save: () => void) => {
      handed.length = 0;
      save();
      await until(() => handed.some((file) => file.endsWith("2026/budget.txt")), 2000);
      return handed.some((file) => file.endsWith("2026/budget.txt"));
    };
    return { file: path.join(folder, "2026", "budget.txt"), folder, seen, close: () => watcher.close() };
  }

  it("a save by rename (editors, sed -i), again and again, then written, deleted and restored", async () => {
    const { file, folder, seen, close } = await watching();
    try {
      expect(await seen(() => writeFileSync(file, "الميزانية\n\nنص 0.\n"))).toBe(true);
      for (let save = 1; save <= 4; save++) {
        expect(
          await seen(() => {
            writeFileSync(path.join(folder, "2026", ".budget.txt.tmp"), `الميزانية\n\nنص ${save}.\n`);
            renameSync(path.join(folder, "2026", ".budget.txt.tmp"), file);
          }),
          `save by rename #${save}`,
        ).toBe(true);
      }
      expect(await seen(() => execFileSync("sed", ["-i", "s/نص/متن/", file]))).toBe(true);
      expect(await seen(() => writeFileSync(file, "الميزانية\n\nنص مكتوب في مكانه.\n"))).toBe(true);
      expect(await seen(() => rmSync(file))).toBe(true);
      expect(await seen(() => writeFileSync(file, "الميزانية\n\nنص مستعاد.\n"))).toBe(true);
      expect(await seen(() => writeFileSync(file, "الميزانية\n\nنص بعد الاستعادة.\n"))).toBe(true);
    } finally {
      close();
    }
  });

  it("a folder made after the watch started, and a file moved in from elsewhere", async () => {
    const { folder, seen, close } = await watching();
    try {
      rmSync(path.join(folder, "2026"), { recursive: true });
      expect(
        await seen(() => {
          mkdirSync(path.join(folder, "2026"));
          writeFileSync(path.join(folder, "2026", "budget.txt"), "الميزانية\n\nنص.\n");
        }),
      ).toBe(true);
      expect(await seen(() => writeFileSync(path.join(folder, "2026", "budget.txt"), "الميزانية\n\nنص ثان.\n"))).toBe(true);
      writeFileSync(path.join(root, "outside.txt"), "الميزانية\n\nنص من خارج المجلد.\n");
      expect(await seen(() => renameSync(path.join(root, "outside.txt"), path.join(folder, "2026", "budget.txt")))).toBe(true);
      expect(await seen(() => writeFileSync(path.join(folder, "2026", "budget.txt"), "الميزانية\n\nنص ثالث.\n"))).toBe(true);
    } finally {
      close();
    }
  });
});
