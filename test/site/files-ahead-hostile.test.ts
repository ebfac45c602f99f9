import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { filesAhead } from "../../src/build/files-ahead.ts";
import { makeProject, samples, type TestProject } from "../helpers/project.ts";

/**
 * Hostile builds against the files made ahead of Eleventy (build/files-ahead.ts) and the page
 * cache's staging before the audit's verdict (util/link-cache.ts `stage`): real builds, each
 * small enough to take well under a second.
 */

const PORTAL = "2026-10-05-digital-services.md";
const portalText = () => readFileSync(path.join(import.meta.dirname, "../fixtures/samples", PORTAL), "utf8");

/** Every file of `dist/`, relative, with its size. */
function outputFiles(project: TestProject): Array<[file: string, size: number]> {
  const dist = path.join(project.root, "dist");
  return readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => [path.relative(dist, path.join(entry.parentPath, entry.name)), statSync(path.join(entry.parentPath, entry.name)).size]);
}

/** The site's own data moves the portal release's page elsewhere: the page cache plans it at its address, Eleventy writes it at another. */
function movePortalPage(project: TestProject): void {
  mkdirSync(path.join(project.root, "templates/_data"), { recursive: true });
  writeFileSync(
    path.join(project.root, "templates/_data/eleventyComputed.js"),
    `export default { permalink: (data) => (data.releasePage?.release?.slug === "digital-services" ? "/moved/index.html" : data.permalink) };\n`,
  );
}

describe("files made ahead, attacked with real builds", () => {
  it("removes the file made for a page Eleventy wrote elsewhere, with its folders, before the audit: no empty file is published or taken for a leak", async () => {
    // An embargoed release links to an empty file of assets/: the audit then reports any empty
    // file in the output as that file (same size, same hash), so one made ahead and left there would fail the build.
    const hidden = `${readFileSync(path.join(import.meta.dirname, "../fixtures/samples/embargoed-budget.txt"), "utf8")}\n[الملحق](/assets/docs/annex.txt)\n`;
    const project = makeProject({ ...samples(["seed-release.txt"]), [PORTAL]: portalText(), "embargoed-budget.md": hidden });
    mkdirSync(path.join(project.root, "assets/docs"), { recursive: true });
    writeFileSync(path.join(project.root, "assets/docs/annex.txt"), "");
    movePortalPage(project);

    const result = await project.build();
    expect(result.ok).toBe(true);
    const files = outputFiles(project);
    expect(files.filter(([, size]) => size === 0)).toEqual([]);
    expect(files.map(([file]) => file)).toContain("moved/index.html");
    // The folders made for the planned page alone went with it (the seed keeps releases/2026/11/).
    expect(existsSync(path.join(project.root, "dist/releases/2026/10"))).toBe(false);
    expect(readdirSync(path.join(project.root, "dist/releases/2026"))).toEqual(["11"]);
  });

  it("stores the other pages in the page cache when one was written elsewhere than planned: no warning, and the next build takes them", async () => {
    const project = makeProject({ ...samples(["seed-release.txt"]), [PORTAL]: portalText() });
    movePortalPage(project);
    const seed = path.join(project.root, "dist/releases/2026/11/seed-release/index.html");
    const first = await project.build();
    expect(first.diagnostics.filter((d) => d.file === ".cache/")).toEqual([]);
    const stored = statSync(seed).ino;
    const second = await project.build();
    expect(second.diagnostics.filter((d) => d.file === ".cache/")).toEqual([]);
    // Linked from the cache, not rendered again.
    expect(statSync(seed).ino).toBe(stored);
    expect(readFileSync(path.join(project.root, "dist/moved/index.html"), "utf8")).toContain("<h1>");
  });

  it("after a build whose audit failed, the next good build serves nothing the failed one staged and deletes it from the cache", async () => {
    const project = makeProject({ ...samples(["seed-release.txt", "embargoed-budget.txt"]), [PORTAL]: portalText() });
    const portal = path.join(project.root, "releases", PORTAL);
    const cache = path.join(project.root, ".cache/bayan-pages");
    const leaking = (folder: string) =>
      readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && readFileSync(path.join(entry.parentPath, entry.name), "utf8").includes("embargoed-budget"))
        .map((entry) => entry.name);
    expect((await project.build()).ok).toBe(true);
    writeFileSync(portal, `${portalText()}\nانظر [الميزانية](/releases/2099/01/embargoed-budget/).\n`);
    const published = readFileSync(path.join(project.root, "dist/releases/2026/10/digital-services/index.html"), "utf8");
    await expect(project.build()).rejects.toThrow(/nothing was published/);
    expect(readdirSync(project.root).filter((name) => name.startsWith("dist."))).toEqual([]);
    expect(readFileSync(path.join(project.root, "dist/releases/2026/10/digital-services/index.html"), "utf8")).toBe(published);
    // Staged before the verdict: the portal page, its lists and feeds, beside the manifest, not in it.
    const staged = leaking(cache);
    expect(staged.length).toBeGreaterThan(0);
    const noted = Object.keys(JSON.parse(readFileSync(path.join(cache, "manifest.json"), "utf8")).files);
    expect(staged.filter((key) => noted.includes(key))).toEqual([]);

    writeFileSync(portal, `${portalText()}\nنص آخر.\n`);
    expect((await project.build()).ok).toBe(true);
    expect(leaking(path.join(project.root, "dist"))).toEqual([]);
    expect(leaking(cache)).toEqual([]);
  });
});

describe("files made ahead once the build no longer needs them", () => {
  const pages = (count: number) => {
    const out = mkdtempSync(path.join(os.tmpdir(), "bayan-ahead-hostile-"));
    return Array.from({ length: count }, (_, n) => path.join(out, `releases/${n}/index.html`));
  };

  it("makes none once finish is asked, even of a batch sent before: Eleventy has written every page by then", async () => {
    // A worker that lags (the lowest priority on busy cores) would otherwise go through every file
    // of its batches while the build waits, each one Eleventy wrote already or nobody will.
    const files = pages(2000);
    const ahead = filesAhead();
    ahead.make(files);
    expect(await ahead.finish(new Set(files))).toBe(0);
    expect(files.filter((file) => existsSync(file))).toEqual([]);
  });

  it("makes none after a stop that came before the worker started (a build that failed early)", async () => {
    const [file] = pages(1);
    const ahead = filesAhead();
    await ahead.stop();
    ahead.make([file]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(existsSync(path.dirname(path.dirname(file)))).toBe(false);
  });
});
