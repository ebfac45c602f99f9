import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { INDEX_TUNING } from "../../src/search/build.ts";
import { decodePostings, decodeShard } from "../../src/search/format.ts";
import type { SearchDoc } from "../../src/search/model.ts";
import { writeSearchIndex } from "../../src/search/write.ts";
import { SAMPLE_DOCS } from "./fixtures.ts";

const temp = mkdtempSync(join(tmpdir(), "bayan-search-incremental-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

// Small shards, so that six releases fill many and a new release's words touch only some.
const savedShardBytes = INDEX_TUNING.shardBytes;
beforeEach(() => void (INDEX_TUNING.shardBytes = 300));
afterEach(() => void (INDEX_TUNING.shardBytes = savedShardBytes));

/** Every file under `folder`: relative path → bytes. */
const files = (folder: string): Map<string, Buffer> =>
  new Map(readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => {
    const file = join(entry.parentPath, entry.name);
    return [file.slice(folder.length + 1), readFileSync(file)];
  }));

/** A new newest release, on a subject of its own. */
const NEWEST: SearchDoc = {
  url: "/releases/2026/12/airport-expansion/",
  title: "توسعة مطار أبها الدولي لاستيعاب ثلاثة ملايين مسافر",
  date: "2026-12-02T00:00:00+03:00",
  lang: "ar",
  tags: ["طيران"],
  text: "أعلنت الهيئة العامة للطيران المدني اليوم بدء أعمال توسعة صالات المغادرة في مطار أبها.\n\nوتشمل التوسعة بوابات إلكترونية ومواقف للحافلات.",
};

const build = (name: string, docs: SearchDoc[], cacheDir?: string): Map<string, Buffer> => {
  writeSearchIndex(docs, join(temp, name), { cacheDir });
  return files(join(temp, name));
};

describe("an index built again after one release is added", () => {
  it("keeps every existing release's number, and gives the new one the next", () => {
    const before = build("numbers-before", SAMPLE_DOCS);
    const after = build("numbers-after", [NEWEST, ...SAMPLE_DOCS]);
    const records = (built: Map<string, Buffer>) => [...built.keys()].filter((file) => file.startsWith("d/"));
    for (const file of records(before)) expect(after.get(file)!.equals(before.get(file)!), file).toBe(true);
    expect(records(after).filter((file) => !before.has(file))).toEqual([`d/${SAMPLE_DOCS.length}.bin`]);
    expect(JSON.parse(inflateRawSync(after.get(`d/${SAMPLE_DOCS.length}.bin`)!).toString()).u).toBe(NEWEST.url);
  });

  it("changes only the shards that hold the new release's words, and analyses only that release", () => {
    const cacheDir = join(temp, "shards-cache");
    const before = build("shards-before", SAMPLE_DOCS, cacheDir);
    const folder = join(cacheDir, "terms");
    const analysed = (): Map<string, number> =>
      new Map((existsSync(folder) ? readdirSync(folder) : []).filter((name) => name.startsWith("terms-")).map((name) => [name, statSync(join(folder, name)).ino]));
    const analysedBefore = analysed();
    const after = build("shards-after", [...SAMPLE_DOCS, NEWEST], cacheDir);
    const shards = (built: Map<string, Buffer>) => [...built.keys()].filter((file) => file.startsWith("t/"));
    const newDoc = SAMPLE_DOCS.length;
    const holdsNewest = (file: string) => [...decodeShard(inflateRawSync(after.get(file)!)).values()].some((entry) => decodePostings(entry).some((posting) => posting.doc === newDoc));
    const changed = shards(after).filter((file) => !before.get(file)?.equals(after.get(file)!));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.filter((file) => !holdsNewest(file))).toEqual([]);
    // Most shards are untouched: the same name, the same bytes.
    expect(shards(after).length - changed.length).toBeGreaterThan(shards(after).length / 2);
    // The releases analysed before kept their entries; only the new one was analysed.
    const analysedAfter = analysed();
    for (const [name, ino] of analysedBefore) expect(analysedAfter.get(name), name).toBe(ino);
    expect(analysedAfter.size).toBe(analysedBefore.size + 1);
    // The same bytes as a build from an empty cache.
    const fresh = build("shards-fresh", [...SAMPLE_DOCS, NEWEST]);
    expect([...after.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [file, bytes] of fresh) expect(after.get(file)!.equals(bytes), file).toBe(true);
  });

  it("rebuilds a damaged cached shard or analysis instead of publishing it", () => {
    const cacheDir = join(temp, "damaged-cache");
    const first = build("damaged-first", SAMPLE_DOCS, cacheDir);
    const terms = join(cacheDir, "terms");
    // The output's files are links to the cache's: damage a shard through the output, and one release's counted words in the cache.
    const shard = [...first.keys()].find((file) => file.startsWith("t/"))!;
    writeFileSync(join(temp, "damaged-first", shard), Buffer.from([0xff, 0xff, 0xff, 0xff]));
    const entry = readdirSync(terms).find((name) => name.startsWith("terms-"))!;
    writeFileSync(join(terms, entry), JSON.stringify({ titleLength: 0, bodyLength: 0, readings: [] }));
    const again = build("damaged-again", SAMPLE_DOCS, cacheDir);
    const fresh = build("damaged-fresh", SAMPLE_DOCS);
    expect([...again.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [file, bytes] of fresh) expect(again.get(file)!.equals(bytes), file).toBe(true);
  });
});
