import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Eleventy } from "@11ty/eleventy";
import { afterAll, describe, expect, it } from "vitest";
import { trackPassthroughCopies } from "../../src/build/passthrough.ts";
import { runTs } from "../helpers/cli.ts";
import { BUILD_NOW, makeProject, REPO, samples } from "../helpers/project.ts";

/**
 * A passthrough copy that fails while Eleventy is still rendering (a full disk) must fail the
 * build like any other error: Eleventy 3 listens to the copies only once the templates have
 * rendered, so the failure used to escape as an unhandled rejection that stopped Node with a
 * stack trace and left the staging folder behind.
 */
describe("a passthrough copy that fails while pages render", () => {
  it("rejects the write, is never an unhandled rejection, and can be waited for", async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "bayan-passthrough-"));
    const input = path.join(folder, "site");
    const output = path.join(folder, "out");
    mkdirSync(input);
    mkdirSync(output);
    writeFileSync(path.join(input, "font.woff2"), "font");
    writeFileSync(path.join(input, "index.njk"), "{% slow %}<p>page</p>");
    // A file where the copy's folder must go: its mkdir fails at once (ENOTDIR), as a full disk would.
    writeFileSync(path.join(output, "fonts"), "in the way");
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", record);
    try {
      const eleventy = new Eleventy(input, output, {
        configPath: "",
        quietMode: true,
        config(config: { addPassthroughCopy(copy: Record<string, string>): void; addAsyncShortcode(name: string, fn: () => Promise<string>): void }) {
          config.addPassthroughCopy({ [path.join(input, "font.woff2")]: "fonts/font.woff2" });
          // The page renders after the copy has failed.
          config.addAsyncShortcode("slow", () => new Promise((resolve) => setTimeout(() => resolve(""), 300)));
        },
      });
      eleventy.logger.overrideLogger({ log() {}, info() {}, warn() {}, error() {} });
      await eleventy.init();
      const copies = trackPassthroughCopies(eleventy);
      const error = await eleventy.write().then(
        () => undefined,
        (reason: Error) => reason,
      );
      await copies.settled();
      // Let Node report a rejection nobody handled, as it does after the microtasks of a turn.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
      expect(error).toBeInstanceOf(Error);
      expect(String((error as Error & { originalError?: Error }).originalError?.message ?? error?.message)).toMatch(/copying|ENOTDIR|EEXIST/);
    } finally {
      process.off("unhandledRejection", record);
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("refuses an Eleventy that is not initialised", () => {
    expect(() => trackPassthroughCopies(new Eleventy(os.tmpdir(), os.tmpdir(), { configPath: "" }))).toThrow(/init/);
  });
});

/** Mounts a tmpfs of `kilobytes` at `folder`, when this machine lets a test do so (root in a container that allows it). */
function mountSmallDisk(folder: string, kilobytes: number): boolean {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return false;
  mkdirSync(folder, { recursive: true });
  return spawnSync("mount", ["-t", "tmpfs", "-o", `size=${kilobytes}k`, "tmpfs", folder]).status === 0;
}

const canMount = (() => {
  const probe = mkdtempSync(path.join(os.tmpdir(), "bayan-mount-probe-"));
  const ok = mountSmallDisk(probe, 64);
  if (ok) spawnSync("umount", [probe]);
  rmSync(probe, { recursive: true, force: true });
  return ok;
})();

describe.skipIf(!canMount)("npm run build on a disk that fills up", () => {
  const mounted: string[] = [];
  afterAll(() => {
    for (const folder of mounted) spawnSync("umount", [folder]);
  });

  // Room for the project and a part of the site: the disk fills while fonts, pages or caches are written.
  it.each([300, 900])("with %i kB to spare: a clear error, no stack trace, nothing half-written", (spare) => {
    const project = makeProject(samples(["2026-11-24-desalination-plant.txt", "seed-release.txt"]));
    const disk = path.join(path.dirname(project.root), `disk-${spare}`);
    const used = Number(spawnSync("du", ["-sk", project.root], { encoding: "utf8" }).stdout.split("\t")[0]);
    expect(mountSmallDisk(disk, used + spare)).toBe(true);
    mounted.push(disk);
    spawnSync("cp", ["-a", `${project.root}/.`, disk]);
    const run = runTs(path.join(REPO, "src/cli/build.ts"), [`--now=${BUILD_NOW}`], { cwd: disk, encoding: "utf8" });
    const said = run.stdout + run.stderr;
    expect(said).not.toMatch(/^\s+at /m);
    // A full disk is no fault of a release's title.
    expect(said).not.toMatch(/share card could not be drawn/);
    if (run.status !== 0) {
      expect(run.status).toBe(1);
      expect(said).toMatch(/ENOSPC: no space left on device/);
      expect(said).toMatch(/Nothing was published/);
      expect(existsSync(path.join(disk, "dist"))).toBe(false);
    }
    expect(readdirSync(disk).filter((name) => name.startsWith("dist."))).toEqual([]);
  });
});
