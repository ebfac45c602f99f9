import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DateTime } from "luxon";
import { afterAll, describe, expect, it, vi } from "vitest";
import { loadSite } from "../../src/config.ts";
import { loadReleases } from "../../src/release/load.ts";
import { openParseCache } from "../../src/release/parse-cache.ts";
import { parseRelease, type ParseOptions } from "../../src/release/parse.ts";
import { REPO } from "../helpers/project.ts";

const temp = mkdtempSync(join(tmpdir(), "bayan-parse-cache-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const options = (file: string): ParseOptions => ({ file, format: "txt", defaultLang: "ar" });
const text = (title: string) => Buffer.from(`${title}\n\nنص البيان في فقرة واحدة، مع رابط https://example.org/ ورقم +966 11 000 0000.\n`);

/** Parses through the cache, counting real parses. */
function parseAll(cacheDir: string, files: Record<string, Buffer>): { parses: string[]; results: Record<string, unknown> } {
  const cache = openParseCache(cacheDir);
  const parses: string[] = [];
  const results: Record<string, unknown> = {};
  for (const [file, bytes] of Object.entries(files)) {
    results[file] = cache.parse(bytes, options(file), () => (parses.push(file), parseRelease(bytes, options(file))));
  }
  cache.save();
  return { parses, results };
}

describe("the parse cache in .cache/", () => {
  it("gives the next build the same parse without parsing again", () => {
    const dir = join(temp, "same");
    const files = { "releases/a.txt": text("بيان أول"), "releases/b.txt": text("بيان ثان") };
    const first = parseAll(dir, files);
    expect(first.parses).toEqual(["releases/a.txt", "releases/b.txt"]);
    const second = parseAll(dir, files);
    expect(second.parses).toEqual([]);
    expect(second.results).toEqual(first.results);
    expect(second.results).toEqual({
      "releases/a.txt": parseRelease(files["releases/a.txt"], options("releases/a.txt")),
      "releases/b.txt": parseRelease(files["releases/b.txt"], options("releases/b.txt")),
    });
  });

  it("parses a file again when its bytes or options change", () => {
    const dir = join(temp, "changed");
    parseAll(dir, { "releases/a.txt": text("بيان أول") });
    expect(parseAll(dir, { "releases/a.txt": text("بيان معدل") }).parses).toEqual(["releases/a.txt"]);
    const cache = openParseCache(dir);
    let parsed = 0;
    cache.parse(
      text("بيان معدل"),
      { ...options("releases/a.txt"), defaultLang: "en" },
      () => (parsed++, parseRelease(text("بيان معدل"), options("releases/a.txt"))),
    );
    expect(parsed).toBe(1);
  });

  it("drops removed files, and keeps files the caller took from memory", () => {
    const dir = join(temp, "removed");
    parseAll(dir, { "releases/a.txt": text("أ"), "releases/b.txt": text("ب") });
    const cache = openParseCache(dir);
    cache.keep("releases/a.txt");
    cache.save();
    expect(parseAll(dir, { "releases/a.txt": text("أ"), "releases/b.txt": text("ب") }).parses).toEqual(["releases/b.txt"]);
  });

  it("trusts an untouched file without reading it, and nothing else", () => {
    const dir = join(temp, "untouched");
    const bytes = text("بيان أول");
    const old = Date.now() - 60_000;
    const stat = { size: bytes.length, mtimeMs: old, ctimeMs: old, ino: 42 };
    const first = openParseCache(dir);
    const parsed = first.parse(bytes, options("releases/a.txt"), () => parseRelease(bytes, options("releases/a.txt")), stat);
    first.save();
    const cache = openParseCache(dir);
    expect(cache.unchanged(stat, options("releases/a.txt"))).toEqual(parsed);
    expect(cache.unchanged(stat, options("releases/b.txt"))).toBeUndefined();
    expect(cache.unchanged(stat, { ...options("releases/a.txt"), defaultLang: "en" })).toBeUndefined();
    for (const touched of [{ size: stat.size + 1 }, { mtimeMs: old + 1 }, { ctimeMs: old + 1 }, { ino: 43 }]) {
      expect(cache.unchanged({ ...stat, ...touched }, options("releases/a.txt"))).toBeUndefined();
    }
    // Kept by save() like a parsed file.
    cache.save();
    expect(openParseCache(dir).unchanged(stat, options("releases/a.txt"))).toEqual(parsed);
  });

  it("does not trust a file changed moments before it was hashed, until it is hashed again later", () => {
    const dir = join(temp, "racy");
    const bytes = text("بيان أول");
    const parse = () => parseRelease(bytes, options("releases/a.txt"));
    const stat = { size: bytes.length, mtimeMs: Date.now() - 1000, ctimeMs: Date.now() - 1000, ino: 7 };
    const first = openParseCache(dir);
    first.parse(bytes, options("releases/a.txt"), parse, stat);
    first.save();
    // A coarse clock may not have ticked between the hashing and another write of the same size.
    expect(openParseCache(dir).unchanged(stat, options("releases/a.txt"))).toBeUndefined();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 10_000 });
    try {
      const second = openParseCache(dir);
      expect(second.unchanged(stat, options("releases/a.txt"))).toBeUndefined();
      second.parse(bytes, options("releases/a.txt"), parse, stat);
      second.save();
      expect(openParseCache(dir).unchanged(stat, options("releases/a.txt"))).toEqual(parse());
    } finally {
      vi.useRealTimers();
    }
  });

  it("starts empty from a damaged cache file", () => {
    const dir = join(temp, "damaged");
    parseAll(dir, { "releases/a.txt": text("أ") });
    for (const name of readdirSync(join(dir, "bayan-parse"))) writeFileSync(join(dir, "bayan-parse", name), "not a cache");
    expect(parseAll(dir, { "releases/a.txt": text("أ") }).parses).toEqual(["releases/a.txt"]);
  });

  it("rewrites only the cache file that holds a changed release", () => {
    const dir = join(temp, "spread");
    const files = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`releases/2026/r${i}.txt`, text(`بيان رقم ${i}`)]));
    parseAll(dir, files);
    const written = () => new Map(readdirSync(join(dir, "bayan-parse")).map((name) => [name, statSync(join(dir, "bayan-parse", name)).ino]));
    const before = written();
    expect(before.size).toBeGreaterThan(10);
    expect(parseAll(dir, { ...files, "releases/2026/r7.txt": text("بيان معدل") }).parses).toEqual(["releases/2026/r7.txt"]);
    const after = written();
    expect([...after].filter(([name, ino]) => before.get(name) !== ino)).toHaveLength(1);
    // And the next build parses nothing.
    expect(parseAll(dir, { ...files, "releases/2026/r7.txt": text("بيان معدل") }).parses).toEqual([]);
  });
});

describe("loadReleases in a watch rebuild (changedFiles)", () => {
  const site = loadSite(join(REPO, "templates/site.json"));
  const now = DateTime.fromISO("2026-11-29T12:00:00+03:00", { setZone: true });
  const root = join(temp, "watch");
  const write = (file: string, title: string) => {
    mkdirSync(join(root, "releases"), { recursive: true });
    writeFileSync(join(root, "releases", file), text(title));
  };
  const titles = (changedFiles?: string[]) =>
    loadReleases({ root, releasesDir: "releases", site, now, changedFiles: changedFiles && new Set(changedFiles) })
      .releases.map((r) => r.title)
      .sort();

  it("reads the files the watcher named, finds added and removed files, and gives the same releases as a full load", () => {
    write("2026-11-01-a.txt", "بيان أول");
    write("2026-11-02-b.txt", "بيان ثان");
    expect(titles()).toEqual(["بيان أول", "بيان ثان"]);
    write("2026-11-02-b.txt", "بيان ثان معدل");
    write("2026-11-03-c.txt", "بيان ثالث");
    rmSync(join(root, "releases/2026-11-01-a.txt"));
    const changed = ["releases/2026-11-02-b.txt", "releases/2026-11-03-c.txt", "releases/2026-11-01-a.txt"];
    expect(titles(changed)).toEqual(["بيان ثالث", "بيان ثان معدل"]);
    expect(titles(changed)).toEqual(titles());
  });

  it("reads a file the watcher named even when its size and time have not changed (a coarse file system clock)", () => {
    const file = join(root, "releases/2026-11-04-d.txt");
    const second = new Date("2026-11-29T09:00:00Z");
    write("2026-11-04-d.txt", "بيان رابع");
    utimesSync(file, second, second);
    expect(titles()).toContain("بيان رابع");
    write("2026-11-04-d.txt", "بيان خامس"); // the same number of bytes
    utimesSync(file, second, second);
    expect(titles(["releases/2026-11-04-d.txt"])).toContain("بيان خامس");
  });
});

describe("loadReleases in a git work tree", () => {
  it("dates a release by its first commit, and sees a new commit in the same process", () => {
    const site = loadSite(join(REPO, "templates/site.json"));
    const now = DateTime.fromISO("2026-11-29T12:00:00+03:00", { setZone: true });
    const root = join(temp, "git");
    mkdirSync(join(root, "releases"), { recursive: true });
    const git = (date: string, ...args: string[]) =>
      execFileSync("git", ["-c", "user.name=Bayan", "-c", "user.email=bayan@example.org", ...args], {
        cwd: root,
        env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      });
    const dates = () =>
      Object.fromEntries(loadReleases({ root, releasesDir: "releases", site, now }).releases.map((r) => [r.file, `${r.dateSource} ${r.date}`]));
    git("2015-08-11T10:00:00+03:00", "init", "-q");
    writeFileSync(join(root, "releases/first.txt"), text("بيان أول"));
    git("2015-08-11T10:00:00+03:00", "add", "releases/first.txt");
    git("2015-08-11T10:00:00+03:00", "commit", "-q", "-m", "first");
    expect(dates()["releases/first.txt"]).toBe("git 2015-08-11T10:00:00+03:00");
    writeFileSync(join(root, "releases/second.txt"), text("بيان ثان"));
    expect(dates()["releases/second.txt"]).toMatch(/^file time /);
    git("2016-01-02T09:00:00+03:00", "add", "releases/second.txt");
    git("2016-01-02T09:00:00+03:00", "commit", "-q", "-m", "second");
    expect(dates()).toEqual({ "releases/first.txt": "git 2015-08-11T10:00:00+03:00", "releases/second.txt": "git 2016-01-02T09:00:00+03:00" });
  });
});
