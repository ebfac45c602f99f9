import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { filesAhead } from "../../src/build/files-ahead.ts";
import { GOOD_SAMPLES, makeProject, samples } from "../helpers/project.ts";

const folder = () => mkdtempSync(path.join(os.tmpdir(), "bayan-ahead-"));
/** Waits until the worker has made `file`. */
const made = (file: string) => vi.waitFor(() => expect(existsSync(file)).toBe(true), { timeout: 10_000 });

describe("files made ahead of Eleventy (build/files-ahead.ts)", () => {
  it("makes each file empty with its folders, and once Eleventy has written removes only those it did not write, with the folders made for them alone", async () => {
    const out = folder();
    // A folder that was there before, holding a file of its own.
    mkdirSync(path.join(out, "kept"));
    writeFileSync(path.join(out, "kept/other.txt"), "not Bayan's");
    const [written, unwritten, deep, inKept] = ["a/b/index.html", "a/c/index.html", "d/e/f/index.html", "kept/index.html"].map((file) => path.join(out, file));
    const ahead = filesAhead();
    ahead.make([written, unwritten, deep, inKept]);
    await made(inKept);
    expect(statSync(written).size).toBe(0);
    // Eleventy writes the page into the file made for it.
    writeFileSync(written, "<p>page</p>");

    expect(await ahead.finish(new Set([written]))).toBe(3);
    expect(readFileSync(written, "utf8")).toBe("<p>page</p>");
    expect(existsSync(unwritten)).toBe(false);
    expect(existsSync(path.join(out, "a/c"))).toBe(false);
    // Every folder made for the unwritten page alone goes; those holding a page or there before stay.
    expect(existsSync(path.join(out, "d"))).toBe(false);
    expect(readdirSync(out).sort()).toEqual(["a", "kept"]);
    expect(readdirSync(path.join(out, "kept"))).toEqual(["other.txt"]);
  });

  it("never removes a file made ahead that has contents, even when Eleventy did not report writing it", async () => {
    const out = folder();
    const page = path.join(out, "a/index.html");
    const ahead = filesAhead();
    ahead.make([page]);
    await made(page);
    writeFileSync(page, "<p>written</p>");
    expect(await ahead.finish(new Set())).toBe(0);
    expect(readFileSync(page, "utf8")).toBe("<p>written</p>");
  });

  it("never empties a file that is there already: a page Eleventy wrote before the worker reached it", async () => {
    const out = folder();
    const page = path.join(out, "releases/one/index.html");
    const after = path.join(out, "releases/two/index.html");
    mkdirSync(path.dirname(page), { recursive: true });
    writeFileSync(page, "<p>written first</p>");
    const ahead = filesAhead();
    ahead.make([page, after]);
    await made(after);
    expect(await ahead.finish(new Set([page, after]))).toBe(0);
    expect(readFileSync(page, "utf8")).toBe("<p>written first</p>");
  });

  it("skips a file it cannot make (a file where its folder goes) and makes the rest", async () => {
    const out = folder();
    writeFileSync(path.join(out, "taken"), "a file, not a folder");
    const blocked = path.join(out, "taken/index.html");
    const next = path.join(out, "free/index.html");
    const ahead = filesAhead();
    ahead.make([blocked, next]);
    await made(next);
    expect(await ahead.finish(new Set())).toBe(1);
    expect(readdirSync(out)).toEqual(["taken"]);
  });

  it("makes no more once told the plan is done, and still removes what Eleventy did not write", async () => {
    const out = folder();
    const [page, unwritten, late] = ["a/index.html", "b/index.html", "c/index.html"].map((file) => path.join(out, file));
    const ahead = filesAhead();
    ahead.make([page, unwritten]);
    ahead.done();
    ahead.make([late]);
    await made(unwritten);
    // Eleventy writes the page, with its folder, whether or not the worker made it first.
    mkdirSync(path.dirname(page), { recursive: true });
    writeFileSync(page, "<p>page</p>");
    expect(await ahead.finish(new Set([page]))).toBe(1);
    expect(readdirSync(out)).toEqual(["a"]);
    expect(readFileSync(page, "utf8")).toBe("<p>page</p>");
  });

  it("stops without removing anything, and makes nothing after", async () => {
    const out = folder();
    const files = Array.from({ length: 200 }, (_, n) => path.join(out, `p/${n}/index.html`));
    const ahead = filesAhead();
    ahead.make(files.slice(0, 1));
    await made(files[0]);
    await ahead.stop();
    ahead.make(files.slice(1));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(readdirSync(path.join(out, "p"))).toEqual(["0"]);
  });

  it("leaves no empty file and no staging folder behind a real build", async () => {
    const project = makeProject(samples(GOOD_SAMPLES));
    const result = await project.build();
    expect(result.ok).toBe(true);
    const dist = path.join(project.root, "dist");
    const files = readdirSync(dist, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((entry) => statSync(path.join(entry.parentPath, entry.name)).size === 0).map((entry) => entry.name)).toEqual([]);
    expect(readdirSync(project.root).filter((name) => name.startsWith("dist."))).toEqual([]);
  });
});
