import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Eleventy } from "@11ty/eleventy";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BUILD_NOW, makeProject, SAMPLES, samples, type TestProject } from "../helpers/project.ts";

/** A published release that links to the embargoed sample's address: a leak only in a project that holds that release. */
const PORTAL = `${readFileSync(path.join(SAMPLES, "2026-10-05-digital-services.md"), "utf8")}\nانظر [الميزانية](/releases/2099/01/embargoed-budget/).\n`;

/** The diagnostics a build failed with; none when it succeeded. */
const failure = (build: Promise<unknown>) =>
  build.then(
    () => [],
    (error: { diagnostics?: unknown[] }) => error.diagnostics ?? [error],
  );

/** Pins the build clock in the project's own `eleventy.config.ts`, which otherwise builds at the time it runs. */
function pinClock(project: TestProject): void {
  const file = path.join(project.root, "eleventy.config.ts");
  const config = readFileSync(file, "utf8");
  const pinned = config.replace("root: import.meta.dirname }", `root: import.meta.dirname, now: "${BUILD_NOW}" }`);
  expect(pinned).not.toBe(config);
  writeFileSync(file, pinned);
}

/** A plain Eleventy run of the project's own `eleventy.config.ts` (as `npx @11ty/eleventy`): the plugin gets no context from `buildSite`. */
function plainEleventy(project: TestProject): Promise<unknown> {
  const eleventy = new Eleventy(project.root, path.join(project.root, "_site"), { configPath: path.join(project.root, "eleventy.config.ts"), quietMode: true });
  eleventy.logger.overrideLogger({ log() {}, info() {}, warn() {}, error() {} });
  return eleventy.write();
}

describe("a build's context", () => {
  afterEach(() => vi.restoreAllMocks());

  it("builds a project by its path, without changing the process's working folder", async () => {
    const project = makeProject(samples(["2026-11-24-desalination-plant.txt"]));
    const chdir = vi.spyOn(process, "chdir");
    const result = await project.build();
    expect(result.ok).toBe(true);
    expect(project.page("/releases/2026/11/desalination-plant/").querySelector("h1")?.textContent).toContain("تدشين");
    expect(chdir).not.toHaveBeenCalled();
  });

  it("keeps two builds running at once in one process apart: audited files, page caches and background work are each build's own", async () => {
    const quiet = { ...samples(["seed-release.txt"]), "2026-10-05-digital-services.md": PORTAL };
    const hiding = makeProject({ ...quiet, ...samples(["embargoed-budget.txt"]) });
    const clean = makeProject(quiet);
    pinClock(hiding);
    // Alone first: the leak as one build finds it, and page caches for the builds below to link from.
    const alone = await failure(hiding.build());
    expect(alone).toEqual([
      expect.objectContaining({
        file: "releases/2026-10-05-digital-services.md",
        message: expect.stringMatching(/names releases\/embargoed-budget\.txt, which is under embargo/),
      }),
    ]);
    expect(await failure(clean.build())).toEqual([]);

    // At once, twice over (the second time from warm page caches), with a plain Eleventy run of the hiding project beside them.
    for (let round = 0; round < 2; round++) {
      const [hidden, published, plain] = await Promise.all([failure(hiding.build()), failure(clean.build()), failure(plainEleventy(hiding))]);
      expect(hidden, `round ${round}`).toEqual(alone);
      expect(published, `round ${round}`).toEqual([]);
      // The plugin alone (no `buildSite`) audits too, with its own context: the same leak in the same files.
      expect(plain, `round ${round}`).toEqual(alone);
    }
    expect(clean.page("/releases/2026/10/digital-services/").querySelector('a[href="/releases/2099/01/embargoed-budget/"]')).not.toBeNull();
  });
});
