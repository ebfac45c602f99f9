import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeSearchIndexInWorker } from "../../src/search/thread.ts";
import { writeSearchIndex } from "../../src/search/write.ts";
import { createLeakFinder, leakFinder, leakFinderKey, readOutputText, type Match } from "../../src/audit/audit.ts";
import { SAMPLE_DOCS } from "./fixtures.ts";

const temp = mkdtempSync(join(tmpdir(), "bayan-search-write-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const files = (folder: string): Map<string, Buffer> =>
  new Map(
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const file = join(e.parentPath, e.name);
        return [file.slice(folder.length), readFileSync(file)];
      }),
  );

describe("writeSearchIndexInWorker", () => {
  it("writes the same files on a worker thread as on the main thread", async () => {
    writeSearchIndex(SAMPLE_DOCS, join(temp, "main"));
    await writeSearchIndexInWorker(SAMPLE_DOCS, join(temp, "worker"));
    const main = files(join(temp, "main"));
    expect(main.size).toBeGreaterThan(SAMPLE_DOCS.length);
    const written = files(join(temp, "worker"));
    expect([...written.keys()].sort()).toEqual([...main.keys()].sort());
    for (const [file, bytes] of main) expect(written.get(file)!.equals(bytes), file).toBe(true);
  });

  it("writes both halves while the main thread never reaches its event loop, as while Eleventy renders", async () => {
    writeSearchIndex(SAMPLE_DOCS, join(temp, "held-main"));
    const expected = [...files(join(temp, "held-main")).keys()].sort();
    // The worker's code is bundled once per process: ready before this index's thread starts.
    await writeSearchIndexInWorker(SAMPLE_DOCS.slice(0, 1), join(temp, "held-warm"));
    const index = writeSearchIndexInWorker(SAMPLE_DOCS, join(temp, "held"));
    await new Promise((resolve) => setImmediate(resolve));
    // From here no turn of the event loop until every file is on disk, or 20 s have passed. (A
    // second thread for the terms, started when the first one's exit was handled, never came.)
    const written = () => (existsSync(join(temp, "held")) ? [...files(join(temp, "held")).keys()].sort() : []);
    const giveUp = performance.now() + 20_000;
    const pause = new Int32Array(new SharedArrayBuffer(4));
    while (written().length < expected.length && performance.now() < giveUp) Atomics.wait(pause, 0, 0, 20);
    expect(written()).toEqual(expected);
    await index;
  });

  it("searches every file it writes as the embargo audit would read it from disk, on either thread", async () => {
    // A published release that gives a draft's address away and quotes its title (a quote is public).
    const draft = {
      file: "releases/plan.txt",
      title: "خطة التحول الرقمي للمرحلة المقبلة",
      url: "/releases/2099/01/plan/",
      id: "tag:example.org,2099-01-01:ar/plan",
    };
    const docs = [...SAMPLE_DOCS, { ...SAMPLE_DOCS[0], url: "/releases/2026/11/quoting/", text: `نقلا عن «${draft.title}»، انظر ${draft.url} للتفاصيل.` }];
    const audit = {
      hidden: [draft],
      published: docs.map((doc, i) => ({ title: doc.title, url: doc.url, id: `tag:example.org,2026-01-01:ar/${i}`, text: doc.text })),
    };
    const find = createLeakFinder(audit.hidden, audit.published);
    const onMain = writeSearchIndex(docs, join(temp, "audit-main"), { findLeaks: leakFinder(audit) });
    const onWorker = await writeSearchIndexInWorker(docs, join(temp, "audit-worker"), { audit });
    for (const [folder, found] of [
      ["audit-main", onMain],
      ["audit-worker", onWorker],
    ] as const) {
      const written = [...files(join(temp, folder)).keys()].map((file) => join(temp, folder, file));
      expect([...found.keys()].sort()).toEqual(written.sort());
      for (const file of written) expect(found.get(file), file).toEqual(find(readOutputText(file).text));
      expect([...found.values()].flat().map((match) => match.trace)).toContain("address");
      expect([...found.values()].flat().map((match) => match.trace)).not.toContain("title");
    }
    // npm start does not audit: nothing searched or sent back.
    expect((await writeSearchIndexInWorker(docs, join(temp, "no-audit"))).size).toBe(0);
    expect(files(join(temp, "no-audit")).size).toBe(onMain.size);
  });

  it("links each release's unchanged files from its cache, on either thread, the same bytes as without", async () => {
    const cacheDir = join(temp, "cache");
    const inodes = (folder: string) =>
      new Map([...files(folder).keys()].filter((file) => /[db]\//.test(file)).map((file) => [file, statSync(join(folder, file)).ino]));
    await writeSearchIndexInWorker(SAMPLE_DOCS, join(temp, "cached-first"), { cacheDir });
    // A newer release takes the next number; every other release keeps its own, and its files.
    const newest = { ...SAMPLE_DOCS[1], url: "/releases/2026/11/newest/", date: "2026-11-29T00:00:00+03:00", title: "افتتاح مركز جديد لخدمة المراجعين" };
    const docs = [...SAMPLE_DOCS, newest];
    writeSearchIndex(docs, join(temp, "uncached"));
    writeSearchIndex(docs, join(temp, "cached-main"), { cacheDir });
    await writeSearchIndexInWorker(docs, join(temp, "cached-workers"), { cacheDir });
    const uncached = files(join(temp, "uncached"));
    for (const folder of ["cached-main", "cached-workers"]) {
      const written = files(join(temp, folder));
      expect([...written.keys()].sort()).toEqual([...uncached.keys()].sort());
      for (const [file, bytes] of uncached) expect(written.get(file)!.equals(bytes), file).toBe(true);
    }
    const first = new Set(inodes(join(temp, "cached-first")).values());
    // Only the new release's record (number 6) was written; every other file was linked, its body
    // too: the same text as another release's body, so the same file.
    const writtenAgain = (folder: string) => [...inodes(join(temp, folder))].filter(([, ino]) => !first.has(ino)).map(([file]) => file);
    expect(writtenAgain("cached-main")).toEqual(["/d/6.bin"]);
    expect(writtenAgain("cached-workers")).toEqual(["/d/6.bin"]);
  });

  describe("a release's files from the cache", () => {
    // A draft, and a published release that gives its address away (a leak, found in its record).
    const draft = {
      file: "releases/plan.txt",
      title: "خطة التحول الرقمي للمرحلة المقبلة",
      url: "/releases/2099/01/plan/",
      id: "tag:example.org,2099-01-01:ar/plan",
    };
    const other = {
      ...draft,
      file: "releases/other.txt",
      title: "ميزانية العام المقبل للهيئة",
      url: "/releases/2099/02/budget/",
      id: "tag:example.org,2099-02-01:ar/budget",
    };
    const leaking = {
      ...SAMPLE_DOCS[0],
      url: "/releases/2026/11/leaking/",
      date: "2026-11-30T00:00:00+03:00",
      title: "بيان يسبق موعده",
      text: `التفاصيل في ${draft.url} وفي ${other.url} قريبا.`,
    };
    const docs = [...SAMPLE_DOCS, leaking];
    const auditOf = (hidden: (typeof draft)[]) => ({
      hidden,
      published: docs.map((doc, i) => ({ title: doc.title, url: doc.url, id: `tag:example.org,2026-01-01:ar/${i}`, text: doc.text })),
    });
    /** A build of `docs` with `cacheDir` searching under `audit`: what it found, and every text it searched. */
    const build = (name: string, cacheDir: string, audit: ReturnType<typeof auditOf>, built = docs) => {
      const find = leakFinder(audit)!;
      const searched: string[] = [];
      const findLeaks = (text: string) => (searched.push(text), find(text));
      const found = writeSearchIndex(built, join(temp, name), { findLeaks, leaksKey: leakFinderKey(audit), cacheDir });
      return { found, searched, folder: join(temp, name) };
    };
    const documentFiles = (folder: string) => [...files(folder).keys()].filter((file) => /^\/[db]\//.test(file));
    const addressLeaks = (found: Map<string, Match[]>, folder: string) =>
      [...found].filter(([, matches]) => matches.some((match) => match.trace === "address")).map(([file]) => file.slice(folder.length));

    it("links an unchanged release's files, and searches again only those a search under the same targets found traces in", () => {
      const cacheDir = join(temp, "docs-cache");
      const audit = auditOf([draft]);
      const first = build("docs-first", cacheDir, audit);
      // The leaking release is the newest: number 6.
      expect(addressLeaks(first.found, first.folder)).toEqual(["/d/6.bin"]);
      const again = build("docs-again", cacheDir, audit);
      expect(files(again.folder)).toEqual(files(first.folder));
      // Every document file is linked from the cache (the same inode as the first build's)...
      for (const file of documentFiles(again.folder)) expect(statSync(join(again.folder, file)).ino, file).toBe(statSync(join(first.folder, file)).ino);
      // ...and only the one with a trace was searched again, and its trace reported again.
      const searchedDocuments = documentFiles(again.folder).filter((file) => again.searched.includes(readOutputText(join(again.folder, file)).text));
      expect(searchedDocuments).toEqual(["/d/6.bin"]);
      expect(addressLeaks(again.found, again.folder)).toEqual(["/d/6.bin"]);
      // Every file is still in what it found: the audit reads none of them again.
      expect([...again.found.keys()].sort()).toEqual([...files(again.folder).keys()].map((file) => join(again.folder, file)).sort());
    });

    it("searches every cached file again for other targets, and makes a changed release's files again", () => {
      const cacheDir = join(temp, "docs-cache-targets");
      build("targets-first", cacheDir, auditOf([draft]));
      // Another release is held back: the cached files were never searched for it.
      const changed = docs.map((doc) => (doc === SAMPLE_DOCS[3] ? { ...doc, text: `${doc.text}\n\nفقرة أضيفت بعد النشر.` } : doc));
      const next = build("targets-next", cacheDir, auditOf([draft, other]), changed);
      for (const file of documentFiles(next.folder)) expect(next.searched, file).toContain(readOutputText(join(next.folder, file)).text);
      expect(addressLeaks(next.found, next.folder)).toEqual(["/d/6.bin"]);
      expect(next.found.get(join(next.folder, "d", "6.bin"))!.map((match) => match.hidden)).toEqual([0, 1]);
      // The changed release (number 2, the flu campaign) is made again; the files are those of a build without a cache.
      writeSearchIndex(changed, join(temp, "targets-uncached"));
      expect(files(next.folder)).toEqual(files(join(temp, "targets-uncached")));
    });

    it("makes every release's files again from a cache whose note is not what it wrote (edited by hand, another tool)", () => {
      const cacheDir = join(temp, "docs-cache-note");
      build("note-first", cacheDir, auditOf([draft]));
      const manifestFile = join(cacheDir, "documents", "manifest.json");
      const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as { note: string };
      const note = JSON.parse(manifest.note) as { releases: Record<string, unknown> };
      const shapes = [5, "d/0.bin", null, [], [1, 2, 3], { keys: [] }];
      Object.keys(note.releases).forEach((release, i) => (note.releases[release] = shapes[i % shapes.length]));
      writeFileSync(manifestFile, JSON.stringify({ ...manifest, note: JSON.stringify(note) }));
      const again = build("note-again", cacheDir, auditOf([draft]));
      writeSearchIndex(docs, join(temp, "note-uncached"));
      expect(files(again.folder)).toEqual(files(join(temp, "note-uncached")));
      expect(addressLeaks(again.found, again.folder)).toEqual(["/d/6.bin"]);
    });

    it("makes again a release's file changed in the output it was linked into (a tool rewriting dist/ in place)", () => {
      const cacheDir = join(temp, "docs-cache-damaged");
      const first = build("damaged-first", cacheDir, auditOf([draft]));
      writeFileSync(join(first.folder, "d", "2.bin"), "not an index file");
      const again = build("damaged-again", cacheDir, auditOf([draft]));
      writeSearchIndex(docs, join(temp, "damaged-uncached"));
      expect(files(again.folder)).toEqual(files(join(temp, "damaged-uncached")));
    });
  });

  it("stops the worker when its signal is aborted, before or while it runs", async () => {
    const early = new AbortController();
    const notStarted = writeSearchIndexInWorker(SAMPLE_DOCS, join(temp, "stopped-early"), { signal: early.signal });
    early.abort();
    await expect(notStarted).rejects.toThrow(/aborted/);
    // Thousands of releases take the worker seconds: stopped on the way, it writes no index.
    const many = Array.from({ length: 6000 }, (_, i) => ({ ...SAMPLE_DOCS[i % SAMPLE_DOCS.length], url: `/releases/2026/01/r${i}/` }));
    const late = new AbortController();
    const running = writeSearchIndexInWorker(many, join(temp, "stopped"), { signal: late.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    late.abort();
    await expect(running).rejects.toThrow(/stopped with code|aborted/);
    expect(existsSync(join(temp, "stopped", "meta.json"))).toBe(false);
  });

  it("rejects when the index cannot be written", async () => {
    // A file where the index folder should be: mkdir fails inside the worker.
    writeSearchIndex(SAMPLE_DOCS.slice(0, 1), join(temp, "blocked"));
    await expect(writeSearchIndexInWorker(SAMPLE_DOCS, join(temp, "blocked", "meta.json"))).rejects.toThrow(/EEXIST|ENOTDIR/);
  });
});
