import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { PACKED, readingsOf } from "../../src/search/archive.ts";
import { INDEX_TUNING, orderedDocs } from "../../src/search/build.ts";
import { decodePostings, decodeShard } from "../../src/search/format.ts";
import type { SearchDoc } from "../../src/search/model.ts";
import { readAnalyses } from "../../src/search/terms-cache.ts";
import { searchFingerprint, writeSearchIndex } from "../../src/search/write.ts";
import { NEWEST_DOC, indexFiles, SAMPLE_DOCS } from "./fixtures.ts";

const temp = mkdtempSync(join(tmpdir(), "bayan-search-incremental-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

// Small shards, so that six releases fill many and a new release's words touch only some.
const savedShardBytes = INDEX_TUNING.shardBytes;
beforeEach(() => void (INDEX_TUNING.shardBytes = 300));
afterEach(() => void (INDEX_TUNING.shardBytes = savedShardBytes));

/** The counted words the cache holds, by key: each release's lengths and readings, written out. */
const analysed = (cacheDir: string): Map<string, string> => {
  const cached = readAnalyses(cacheDir, searchFingerprint());
  if (!cached) return new Map();
  const { archive, keys } = cached;
  return new Map(
    keys.map((key, r) => {
      const readings = [...readingsOf(archive, r)];
      const words = Array.from({ length: readings.length / PACKED }, (_, i) => {
        const [stems, spelling, ...counts] = readings.slice(i * PACKED, (i + 1) * PACKED);
        return [archive.strings[stems], archive.strings[spelling], ...counts].join(" ");
      });
      return [key, [archive.lengths[r * 2], archive.lengths[r * 2 + 1], ...words].join("\n")];
    }),
  );
};

const build = (name: string, docs: SearchDoc[], cacheDir?: string): Map<string, Buffer> => {
  writeSearchIndex(docs, join(temp, name), { cacheDir });
  return indexFiles(join(temp, name));
};

describe("an index built again after one release is added", () => {
  it("keeps every existing release's number, and gives the new one the next", () => {
    const before = build("numbers-before", SAMPLE_DOCS);
    const after = build("numbers-after", [NEWEST_DOC, ...SAMPLE_DOCS]);
    const records = (built: Map<string, Buffer>) => [...built.keys()].filter((file) => file.startsWith("d/"));
    for (const file of records(before)) expect(after.get(file)!.equals(before.get(file)!), file).toBe(true);
    expect(records(after).filter((file) => !before.has(file))).toEqual([`d/${SAMPLE_DOCS.length}.bin`]);
    expect(JSON.parse(inflateRawSync(after.get(`d/${SAMPLE_DOCS.length}.bin`)!).toString()).u).toBe(NEWEST_DOC.url);
  });

  it("changes only the shards that hold the new release's words, and analyses only that release", () => {
    const cacheDir = join(temp, "shards-cache");
    const before = build("shards-before", SAMPLE_DOCS, cacheDir);
    const analysedBefore = analysed(cacheDir);
    const after = build("shards-after", [...SAMPLE_DOCS, NEWEST_DOC], cacheDir);
    const shards = (built: Map<string, Buffer>) => [...built.keys()].filter((file) => file.startsWith("t/"));
    const newDoc = SAMPLE_DOCS.length;
    const holdsNewest = (file: string) =>
      [...decodeShard(inflateRawSync(after.get(file)!)).values()].some((entry) => decodePostings(entry).some((posting) => posting.doc === newDoc));
    const changed = shards(after).filter((file) => !before.get(file)?.equals(after.get(file)!));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.filter((file) => !holdsNewest(file))).toEqual([]);
    // Most shards are untouched: the same name, the same bytes.
    expect(shards(after).length - changed.length).toBeGreaterThan(shards(after).length / 2);
    // The releases analysed before kept their entries; the new one was added.
    const analysedAfter = analysed(cacheDir);
    for (const [key, terms] of analysedBefore) expect(analysedAfter.get(key), key).toEqual(terms);
    expect(analysedAfter.size).toBe(analysedBefore.size + 1);
    // The same bytes as a build from an empty cache.
    const fresh = build("shards-fresh", [...SAMPLE_DOCS, NEWEST_DOC]);
    expect([...after.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [file, bytes] of fresh) expect(after.get(file)!.equals(bytes), file).toBe(true);
  });

  it("writes the cached files when nothing changed, and the same bytes as a fresh build", () => {
    const cacheDir = join(temp, "same-cache");
    const first = build("same-first", SAMPLE_DOCS, cacheDir);
    const again = build("same-again", [...SAMPLE_DOCS].reverse(), cacheDir);
    expect([...again.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [file, bytes] of first) expect(again.get(file)!.equals(bytes), file).toBe(true);
    // Another tuning is another build: nothing of the cached one is written as it was.
    INDEX_TUNING.shardBytes = 200;
    const retuned = build("same-retuned", SAMPLE_DOCS, cacheDir);
    const fresh = build("same-retuned-fresh", SAMPLE_DOCS);
    expect([...retuned.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [file, bytes] of fresh) expect(retuned.get(file)!.equals(bytes), file).toBe(true);
  });

  it("links the terms' files the last build wrote instead of creating them again, unless changed in place", () => {
    const cacheDir = join(temp, "linked-cache");
    build("linked-first", SAMPLE_DOCS, cacheDir);
    const inodes = (name: string) =>
      new Map([...indexFiles(join(temp, name)).keys()].filter((file) => !/^[db]\//.test(file)).map((file) => [file, statSync(join(temp, name, file)).ino]));
    const first = inodes("linked-first");
    // Nothing changed: every file of the terms is the first build's, linked.
    build("linked-same", SAMPLE_DOCS, cacheDir);
    expect(inodes("linked-same")).toEqual(first);
    // A release added: the shards it does not touch are still linked; those it changed are new files.
    const after = build("linked-added", [...SAMPLE_DOCS, NEWEST_DOC], cacheDir);
    const added = inodes("linked-added");
    const kept = [...added].filter(([file, ino]) => first.get(file) === ino).map(([file]) => file);
    expect(kept.filter((file) => file.startsWith("t/")).length).toBeGreaterThan(0);
    const before = indexFiles(join(temp, "linked-first"));
    for (const file of kept) expect(after.get(file)!.equals(before.get(file)!), file).toBe(true);
    // A file changed in place through its link in an output is not linked again: written anew, right.
    const shard = kept.find((file) => file.startsWith("t/"))!;
    writeFileSync(join(temp, "linked-added", shard), "changed in place");
    const again = build("linked-again", [...SAMPLE_DOCS, NEWEST_DOC], cacheDir);
    expect(again.get(shard)!.equals(after.get(shard)!)).toBe(true);
    expect(statSync(join(temp, "linked-again", shard)).ino).not.toBe(first.get(shard));
    const fresh = build("linked-fresh", [...SAMPLE_DOCS, NEWEST_DOC]);
    for (const [file, bytes] of fresh) expect(again.get(file)!.equals(bytes), file).toBe(true);
  });

  it("rebuilds from damaged or cut-short cache packs instead of publishing them", () => {
    const cacheDir = join(temp, "damaged-cache");
    build("damaged-first", SAMPLE_DOCS, cacheDir);
    const fresh = build("damaged-fresh", SAMPLE_DOCS);
    for (const pack of readdirSync(cacheDir).filter((name) => name.endsWith(".pack"))) {
      const bytes = readFileSync(join(cacheDir, pack));
      // A byte changed in the middle, then the pack cut short.
      for (const damaged of [
        Buffer.concat([bytes.subarray(0, bytes.length / 2), Buffer.from([bytes[bytes.length / 2] ^ 0xff]), bytes.subarray(bytes.length / 2 + 1)]),
        bytes.subarray(0, bytes.length - 10),
      ]) {
        writeFileSync(join(cacheDir, pack), damaged);
        // With the files' pack sound and the releases the same, a build needs no counted words: take it away.
        if (pack === "terms-analyses.pack") rmSync(join(cacheDir, "terms-files.pack"));
        const again = build("damaged-again", SAMPLE_DOCS, cacheDir);
        expect([...again.keys()].sort(), pack).toEqual([...fresh.keys()].sort());
        for (const [file, bytes] of fresh) expect(again.get(file)!.equals(bytes), `${pack}: ${file}`).toBe(true);
        rmSync(join(temp, "damaged-again"), { recursive: true });
      }
      expect(readFileSync(join(cacheDir, pack)).equals(bytes), `${pack} rewritten`).toBe(true);
    }
  });

  it("writes the bytes of a build from an empty cache after each edit, deletion and vote-tipping release in turn", () => {
    const cacheDir = join(temp, "sequence-cache");
    const newest = orderedDocs(SAMPLE_DOCS).at(-1)!;
    const edited = { ...newest, text: `${newest.text}\n\nفقرة مضافة عن مطار أبها والطيران.` };
    const tipping: SearchDoc = { ...NEWEST_DOC, url: "/releases/2026/12/qatar/", title: "قطر", text: Array(40).fill("قطر").join(" ") };
    const [oldest, ...rest] = orderedDocs(SAMPLE_DOCS);
    const steps: Array<[name: string, docs: SearchDoc[]]> = [
      ["start", SAMPLE_DOCS],
      ["added", [...SAMPLE_DOCS, NEWEST_DOC]],
      ["edited", [...SAMPLE_DOCS.filter((doc) => doc !== newest), edited, NEWEST_DOC]],
      ["newest-deleted", [...SAMPLE_DOCS.filter((doc) => doc !== newest), edited]],
      ["vote-tipped", [...SAMPLE_DOCS.filter((doc) => doc !== newest), edited, tipping]],
      ["oldest-deleted", [...rest.filter((doc) => doc !== newest), edited, tipping]],
    ];
    expect(oldest).not.toBe(newest);
    for (const [name, docs] of steps) {
      const again = build(`sequence-${name}`, docs, cacheDir);
      const fresh = build(`sequence-${name}-fresh`, docs);
      expect([...again.keys()].sort(), name).toEqual([...fresh.keys()].sort());
      for (const [file, bytes] of fresh) expect(again.get(file)!.equals(bytes), `${name}: ${file}`).toBe(true);
    }
  });

  it("builds from the releases when a pack is damaged or cut short and a release was added", () => {
    for (const pack of ["terms-analyses.pack", "terms-files.pack"]) {
      const cacheDir = join(temp, `damaged-added-${pack}`);
      build(`damaged-added-first-${pack}`, SAMPLE_DOCS, cacheDir);
      const bytes = readFileSync(join(cacheDir, pack));
      writeFileSync(join(cacheDir, pack), bytes.subarray(0, bytes.length - 10));
      const again = build(`damaged-added-again-${pack}`, [...SAMPLE_DOCS, NEWEST_DOC], cacheDir);
      const fresh = build(`damaged-added-fresh-${pack}`, [...SAMPLE_DOCS, NEWEST_DOC]);
      expect([...again.keys()].sort(), pack).toEqual([...fresh.keys()].sort());
      for (const [file, bytes] of fresh) expect(again.get(file)!.equals(bytes), `${pack}: ${file}`).toBe(true);
    }
  });
});
