import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startPageWorker } from "../../src/audit/page-search.ts";
import { diagnosticsIn } from "../../src/build/build-error.ts";
import { pagesWrittenByWorker, unwrittenDiagnostics } from "../../src/build/page-writer.ts";
import { makeProject, samples, type TestProject } from "../helpers/project.ts";

/**
 * The pages of a `buildSite` build are written by Bayan on a worker thread, not by Eleventy
 * (plugins/audit.ts, audit/page-search.ts): real builds, each small enough to take well under a
 * second, and the writer itself with real files.
 */

const PORTAL = "2026-10-05-digital-services.md";
const portalText = () => readFileSync(path.join(import.meta.dirname, "../fixtures/samples", PORTAL), "utf8");
const staging = (project: TestProject) => readdirSync(project.root).filter((name) => name.startsWith("dist."));

/** Every file of `dist/`, relative, with its size. */
function outputFiles(project: TestProject): Array<[file: string, size: number]> {
  const dist = path.join(project.root, "dist");
  return readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => [path.relative(dist, path.join(entry.parentPath, entry.name)), statSync(path.join(entry.parentPath, entry.name)).size]);
}

describe("pages written on a worker, in real builds", () => {
  it("writes every page whole: the output is the pages Eleventy renders, none empty", async () => {
    const project = makeProject({ ...samples(["seed-release.txt", "embargoed-budget.txt"]), [PORTAL]: portalText() });
    expect((await project.build()).ok).toBe(true);
    const files = outputFiles(project);
    expect(files.filter(([, size]) => size === 0)).toEqual([]);
    const page = readFileSync(path.join(project.root, "dist/releases/2026/10/digital-services/index.html"), "utf8");
    expect(page).toMatch(/^<!doctype html>/);
    expect(page.trimEnd()).toMatch(/<\/html>$/);
    expect(files.map(([file]) => file)).toEqual(expect.arrayContaining(["index.html", "feed.xml", "sitemap.xml", "404.html"]));
  });

  it("a page that cannot be written fails the build naming its file, and publishes nothing", async () => {
    const project = makeProject(samples(["seed-release.txt"]));
    expect((await project.build()).ok).toBe(true);
    const before = readFileSync(path.join(project.root, "dist/index.html"));
    // A site's own page whose address puts a folder where Bayan's home page is a file.
    writeFileSync(path.join(project.root, "clash.njk"), "---\npermalink: /index.html/clash.html\n---\n<p>x</p>\n");
    const failure = await project.build().then(
      () => undefined,
      (error: Error & { diagnostics?: Array<{ file: string; message: string; hint?: string }> }) => error,
    );
    expect(failure?.message).toMatch(/nothing was published/);
    const [diagnostic] = failure!.diagnostics!;
    expect(diagnostic.message).toMatch(/^could not write the page \/index\.html(\/clash\.html)?: a (file|folder) is where .* \((ENOTDIR|EISDIR|EEXIST)\)$/);
    // Both pages are named, whichever was written first: the one not written and the one in its way.
    expect(diagnostic.message).toContain("/index.html/clash.html");
    expect(diagnostic.message).toMatch(/\/index\.html(?!\/clash)/);
    expect(diagnostic.hint).toMatch(/addresses clash/);
    expect(readFileSync(path.join(project.root, "dist/index.html"))).toEqual(before);
    expect(staging(project)).toEqual([]);
  });

  it("a site's own page that renders nothing (undefined) is not written, as Eleventy does, and the build publishes the rest", async () => {
    const project = makeProject(samples(["seed-release.txt"]));
    writeFileSync(
      path.join(project.root, "nothing.11ty.js"),
      "export default class { data() { return { permalink: '/nothing/index.html' }; } render() { return undefined; } }\n",
    );
    expect((await project.build()).ok).toBe(true);
    expect(existsSync(path.join(project.root, "dist/nothing"))).toBe(false);
    expect(project.read("index.html")).toMatch(/^<!doctype html>/);
  });

  it("a page whose address has a name too long for the disk fails the build saying so, and how to mend it", async () => {
    const project = makeProject(samples(["seed-release.txt"]));
    writeFileSync(path.join(project.root, "long.njk"), `---\npermalink: /${"أ".repeat(200)}/index.html\n---\n<p>x</p>\n`);
    const failure = await project.build().then(
      () => undefined,
      (error: Error & { diagnostics?: Array<{ file: string; message: string; hint?: string }> }) => error,
    );
    expect(failure?.diagnostics).toEqual([
      expect.objectContaining({
        message: `could not write the page /${"أ".repeat(200)}/index.html: a name in its address is too long for the disk (ENAMETOOLONG)`,
        hint: expect.stringMatching(/shorten its permalink/),
      }),
    ]);
    expect(staging(project)).toEqual([]);
  });

  it("many pages that cannot be written for one reason fail the build with one report: the first few named, the rest counted", async () => {
    const project = makeProject(samples(["seed-release.txt"]));
    // A site's own paginated page whose address is too long for the disk, page after page.
    writeFileSync(
      path.join(project.root, "long-list.njk"),
      `---\npagination:\n  data: items\n  size: 1\nitems: [1, 2, 3, 4, 5, 6]\npermalink: "/${"أ".repeat(200)}/{{ pagination.pageNumber }}/index.html"\n---\n<p>{{ pagination.items[0] }}</p>\n`,
    );
    const failure = await project.build().then(
      () => undefined,
      (error: Error & { diagnostics?: Array<{ file: string; message: string; hint?: string }> }) => error,
    );
    const long = "أ".repeat(200);
    expect(failure?.diagnostics).toEqual([
      expect.objectContaining({
        file: "build",
        message: expect.stringMatching(
          new RegExp(
            `^could not write 6 pages, (/${long}/\\d/index\\.html, ){2}/${long}/\\d/index\\.html and 3 more: a name in their addresses is too long for the disk \\(ENAMETOOLONG\\)$`,
          ),
        ),
        hint: expect.stringMatching(/shorten its permalink/),
      }),
    ]);
    expect(staging(project)).toEqual([]);
  });

  it("a page whose address leads out of the output folder fails the build naming its template, and nothing is written outside", async () => {
    const project = makeProject(samples(["seed-release.txt"]));
    writeFileSync(path.join(project.root, "escape.njk"), "---\npermalink: ../escaped.html\n---\n<p>x</p>\n");
    const failure = await project.build().then(
      () => undefined,
      (error: Error) => error,
    );
    // As `bayan build` reports it: the diagnostics of the error Eleventy wraps.
    expect(failure && diagnosticsIn(failure)).toEqual([
      expect.objectContaining({ file: "escape.njk", message: expect.stringMatching(/^its page's address \.\.\/escaped\.html is outside the output folder/) }),
    ]);
    expect(readdirSync(project.root).filter((name) => name.startsWith("escaped") || name.startsWith("dist"))).toEqual([]);
  });

  it("a build that fails while pages are being written stops its writer before its folder goes: nothing is left behind", async () => {
    const project = makeProject({ ...samples(["seed-release.txt", "embargoed-budget.txt"]), [PORTAL]: portalText() });
    // The site's release layout fails on one release, after others were handed to the writer.
    mkdirSync(path.join(project.root, "templates/layouts"), { recursive: true });
    const layout = readFileSync(path.join(import.meta.dirname, "../../templates/layouts/release.njk"), "utf8");
    writeFileSync(
      path.join(project.root, "templates/layouts/release.njk"),
      layout.replace("<article", '{% if release.slug == "seed-release" %}{{ release.title | noSuchFilter }}{% endif %}<article'),
    );
    await expect(project.build()).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(staging(project)).toEqual([]);
    expect(existsSync(path.join(project.root, "dist"))).toBe(false);
  });

  it("stores the other pages in the page cache when one was written elsewhere than its key's address: no warning, and the next build takes them", async () => {
    const project = makeProject({ ...samples(["seed-release.txt"]), [PORTAL]: portalText() });
    mkdirSync(path.join(project.root, "templates/_data"), { recursive: true });
    writeFileSync(
      path.join(project.root, "templates/_data/eleventyComputed.js"),
      `export default { permalink: (data) => (data.releasePage?.release?.slug === "digital-services" ? "/moved/index.html" : data.permalink) };\n`,
    );
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
    expect(staging(project)).toEqual([]);
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

describe("the page writer", () => {
  const pages = (count: number) => {
    const out = mkdtempSync(path.join(os.tmpdir(), "bayan-writer-"));
    return Array.from({ length: count }, (_, n) => path.join(out, `releases/${n}/index.html`));
  };

  it("writes a page on the calling thread when the worker is behind, and every page ends up whole", async () => {
    const files = pages(300);
    const worker = startPageWorker();
    const hand = pagesWrittenByWorker(worker, { output: path.dirname(path.dirname(path.dirname(files[0]))), root: os.tmpdir() });
    // Handed in one turn of the event loop: the worker has written none yet, so it falls behind.
    const leftEmpty = files.map((file, n) => hand(`<p>صفحة ${n}</p>`, "release.njk", file));
    expect(leftEmpty.every((text) => text === "")).toBe(true);
    const writtenHere = files.filter((file) => existsSync(file));
    expect(writtenHere.length).toBeGreaterThan(150);
    expect(writtenHere).not.toContain(files[0]);
    expect(await worker.written()).toEqual([]);
    await worker.stop();
    expect(files.map((file) => readFileSync(file, "utf8"))).toEqual(files.map((_, n) => `<p>صفحة ${n}</p>`));
  });

  it("reports each page it could not write, with the reason, and writes the others", async () => {
    const [good, blocked] = pages(2);
    mkdirSync(path.dirname(path.dirname(blocked)), { recursive: true });
    // A file where the page's folder goes.
    writeFileSync(path.dirname(blocked), "not a folder");
    const worker = startPageWorker();
    for (const file of [blocked, good]) worker.hand(file, new TextEncoder().encode("<p>x</p>").buffer as ArrayBuffer, true);
    const unwritten = await worker.written();
    await worker.stop();
    expect(unwritten.map(({ file, code }) => [file, code])).toEqual([[blocked, expect.stringMatching(/^(ENOTDIR|EEXIST)$/)]]);
    expect(readFileSync(good, "utf8")).toBe("<p>x</p>");
  });

  it("reports pages it could not write one by one, or, past three with one reason, the first three and how many more", () => {
    const [folder] = pages(1).map((file) => path.dirname(path.dirname(path.dirname(file))));
    const page = (address: string, code: string, message = `${code}: failed, open '${address}'`) => ({ file: path.join(folder, address), code, message });
    // One file in the way of a whole section: a site's page written at /releases before the releases.
    writeFileSync(path.join(folder, "releases"), "<p>a page</p>");
    const full = ["a", "b", "c", "d", "e"].map((name) => page(`${name}/index.html`, "ENOSPC"));
    const blocked = ["2026/01/a", "2026/01/b", "2026/02/c", "2026/02/d"].map((slug) => page(`releases/${slug}/index.html`, "ENOTDIR"));
    const diagnostics = unwrittenDiagnostics([full[0], ...blocked, ...full.slice(1), page("x/index.html", "EACCES"), page("y/index.html", "EIO")], folder);
    expect(diagnostics.map(({ message }) => message)).toEqual([
      "could not write 5 pages, /a/index.html, /b/index.html, /c/index.html and 2 more: the disk is full (ENOSPC)",
      "could not write 4 pages, /releases/2026/01/a/index.html, /releases/2026/01/b/index.html, /releases/2026/02/c/index.html and 1 more: a file is where a folder of their addresses goes, in their way the page /releases (ENOTDIR)",
      "could not write the page /x/index.html: permission denied (EACCES)",
      "could not write the page /y/index.html: EIO: failed (EIO)",
    ]);
    expect(diagnostics.map(({ hint }) => hint)).toEqual([
      expect.stringMatching(/free some space/),
      expect.stringMatching(/addresses clash/),
      expect.stringMatching(/can be written/),
      expect.stringMatching(/can be written/),
    ]);
    // Three with one reason are still named one by one.
    expect(unwrittenDiagnostics(full.slice(0, 3), folder).map(({ message }) => message)).toEqual(
      ["a", "b", "c"].map((name) => `could not write the page /${name}/index.html: the disk is full (ENOSPC)`),
    );
  });

  it("once stopped, its pages are not written on the calling thread either (pages rendered after a build failed)", async () => {
    const files = pages(300);
    const worker = startPageWorker();
    const hand = pagesWrittenByWorker(worker, { output: path.dirname(path.dirname(path.dirname(files[0]))), root: os.tmpdir() });
    await worker.stop();
    // Eleventy renders on after one template fails: those pages would recreate the folder that went.
    for (const [n, file] of files.entries()) hand(`<p>صفحة ${n}</p>`, "release.njk", file);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(files.filter((file) => existsSync(file))).toEqual([]);
    expect(existsSync(path.dirname(path.dirname(files[0])))).toBe(false);
  });

  it("writes nothing after it is stopped (a failed build, whose folder goes)", async () => {
    const files = pages(2000);
    const worker = startPageWorker();
    for (const file of files) worker.hand(file, new TextEncoder().encode("<p>x</p>").buffer as ArrayBuffer, true);
    await worker.stop();
    const count = files.filter((file) => existsSync(file)).length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(files.filter((file) => existsSync(file)).length).toBe(count);
    expect(count).toBeLessThan(files.length);
  });
});
