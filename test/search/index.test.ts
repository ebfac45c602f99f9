import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INDEX_TUNING, buildSearchIndex } from "../../src/search/build.ts";
import { decodePostings, decodeShard, type IndexMeta, type TermEntry } from "../../src/search/format.ts";
import type { SearchDoc, Searcher } from "../../src/search/model.ts";
import { createSearcher } from "../../src/search/query.ts";
import { SAMPLE_DOCS, writeIndex } from "./fixtures.ts";

let dist: string;
let folder: string;
let loaded: string[];
let searcher: Searcher;

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), "bayan-search-"));
  folder = await writeIndex(dist);
  loaded = [];
  searcher = createSearcher((path) => {
    loaded.push(path);
    return readFile(join(folder, path));
  });
});

afterAll(() => rm(dist, { recursive: true, force: true }));

const urls = async (query: string, options = {}): Promise<string[]> => (await searcher.search(query, options)).map((result) => result.url);

describe("search over the sample releases", () => {
  it.each([
    ["قطر", "/releases/2015/08/seed-release/"],
    ["وقطر", "/releases/2015/08/seed-release/"],
    ["السعودية", "/releases/2015/08/seed-release/"],
    ["سعودية", "/releases/2015/08/seed-release/"],
    ["وزيري الدفاع", "/releases/2015/08/seed-release/"],
    ["محطه تحليه", "/releases/2026/11/desalination-plant/"],
    ["الطاقة الشمسيّة", "/releases/2026/11/desalination-plant/"],
    ["التناضح العكسي", "/releases/2026/11/desalination-plant/"],
    ["الانفلونزا", "/releases/2026/09/flu-campaign/"],
    ["بوابة الخدمات", "/releases/2026/10/digital-services/"],
    ["Desalination plants", "/en/releases/2026/11/desalination-plant/"],
    ["تعز", "/releases/2015/08/seed-release/"],
  ])("%s finds %s first", async (query, url) => {
    expect((await urls(query))[0]).toBe(url);
  });

  it("filters by language", async () => {
    expect(await urls("desalination", { lang: "ar" })).toEqual([]);
    expect(await urls("desalination", { lang: "en" })).toEqual(["/en/releases/2026/11/desalination-plant/"]);
    expect(await urls("desalination", { lang: "fr" })).toEqual([]);
  });

  it("ranks a title match above a body match", async () => {
    // الخليج is in the desalination title and only in the seed body.
    expect(await urls("الخليج")).toEqual(["/releases/2026/11/desalination-plant/", "/releases/2015/08/seed-release/"]);
  });

  it("returns title, date, language and an excerpt with the matched words marked", async () => {
    const [result] = await searcher.search("التناضح العكسي");
    expect(result).toMatchObject({ title: SAMPLE_DOCS[1].title, date: SAMPLE_DOCS[1].date, lang: "ar" });
    expect(result.excerpt.filter((segment) => segment.hit).map((segment) => segment.text)).toEqual(["التناضح", "العكسي"]);
    expect(SAMPLE_DOCS[1].text.replace(/\s+/g, " ")).toContain(result.excerpt.map((segment) => segment.text).join(""));
  });

  it("keeps markup in index data as text", async () => {
    const [result] = await searcher.search("اقتباس");
    expect(result.title).toBe('بيان <script>alert(1)</script> & "اقتباس" <b>عريض</b>');
  });

  it("respects the limit and skips excerpts when asked", async () => {
    const results = await searcher.search("في الطاقة التعاون", { limit: 1, excerpt: false });
    expect(results).toHaveLength(1);
    expect(results[0].excerpt).toEqual([]);
  });

  it("returns nothing for an empty query or one of stop words only", async () => {
    expect(await urls("")).toEqual([]);
    expect(await urls("في من ")).toEqual([]);
  });

  it("loads only the files a query needs", async () => {
    loaded.length = 0;
    const fresh = createSearcher((path) => (loaded.push(path), readFile(join(folder, path))));
    await fresh.search("الجبيل", { limit: 1 });
    expect(loaded).toContain("meta.json");
    expect(loaded.filter((path) => path.startsWith("d/"))).toHaveLength(1);
    expect(loaded.filter((path) => path.startsWith("t/")).length).toBeLessThan((await readdir(join(folder, "t"))).length);
  });
});

describe("buildSearchIndex", () => {
  it("is deterministic whatever the order of the releases", () => {
    const once = buildSearchIndex(SAMPLE_DOCS);
    const again = buildSearchIndex([...SAMPLE_DOCS].reverse());
    expect([...again.keys()].sort()).toEqual([...once.keys()].sort());
    for (const [path, contents] of once) expect(Buffer.from(again.get(path)!)).toEqual(Buffer.from(contents));
  });

  it("lists the archive's languages, and each release's in l.bin when there are several", async () => {
    const files = buildSearchIndex(SAMPLE_DOCS);
    const meta = JSON.parse(files.get("meta.json") as string) as IndexMeta;
    expect(meta).toMatchObject({ format: 3, docs: 6, langs: ["ar", "en"] });
    const langOf = new Uint8Array(
      await new Response(new Blob([files.get("l.bin") as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).arrayBuffer(),
    );
    expect([...langOf].filter((code) => code === 1)).toHaveLength(1);
    expect(buildSearchIndex(SAMPLE_DOCS.filter((doc) => doc.lang === "ar")).has("l.bin")).toBe(false);
  });

  it("splits terms into shards and prunes the postings of very common terms", async () => {
    const docs: SearchDoc[] = Array.from({ length: 600 }, (_, i) => ({
      url: `/releases/2026/01/r${i}/`,
      title: `بيان رقم ${i}`,
      date: "2026-01-01T00:00:00+03:00",
      lang: "ar",
      tags: [],
      text: `الطاقة ${"المتجددة ".repeat(1 + (i % 7))}`,
    }));
    const files = buildSearchIndex(docs);
    expect([...files.keys()].filter((path) => path.startsWith("t/")).length).toBeGreaterThan(1);
    const probe = createSearcher(async (path) => files.get(path)!);
    expect((await probe.search("رقم 599"))[0].url).toBe("/releases/2026/01/r599/");
    const entries = new Map<string, TermEntry>();
    for (const [path, contents] of files) {
      if (!path.startsWith("t/")) continue;
      const raw = new Uint8Array(
        await new Response(new Blob([contents as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).arrayBuffer(),
      );
      for (const [term, entry] of decodeShard(raw)) entries.set(term, entry);
    }
    const common = entries.get("طاق")!;
    expect(common.df).toBe(600);
    expect(decodePostings(common).length).toBeLessThan(600);
    // Title postings are never pruned.
    expect(decodePostings(entries.get("رقم")!)).toHaveLength(600);
  });

  it("builds an empty index that answers nothing", async () => {
    const files = buildSearchIndex([]);
    const empty = createSearcher(async (path) => files.get(path)!);
    expect(await empty.search("قطر")).toEqual([]);
  });

  it("lists shards in groups, so meta.json stays small however many shards there are", async () => {
    const docs: SearchDoc[] = Array.from({ length: 400 }, (_, i) => ({
      url: `/releases/2026/01/g${i}/`,
      title: `بيان ${i} عن مشروع${i} ومبادرة${i * 7}`,
      date: "2026-01-01T00:00:00+03:00",
      lang: "ar",
      tags: [],
      text: `نص البيان ${i}: كلمة${i * 3} وكلمة${i * 5} وعبارة${i * 11} وجملة${i * 13}.`,
    }));
    // Small groups, so that a small archive has several.
    const saved = INDEX_TUNING.groupShards;
    INDEX_TUNING.groupShards = 3;
    const files = buildSearchIndex(docs);
    INDEX_TUNING.groupShards = saved;
    const meta = JSON.parse(files.get("meta.json") as string) as IndexMeta;
    const shards = [...files.keys()].filter((path) => path.startsWith("t/")).length;
    expect(meta.groups.length).toBeGreaterThan(1);
    expect(meta.groups.length).toBeLessThan(shards);
    const read: string[] = [];
    const probe = createSearcher(async (path) => (read.push(path), files.get(path)!));
    expect((await probe.search("396 "))[0].url).toBe("/releases/2026/01/g396/");
    expect(read.filter((path) => path.startsWith("s/"))).toHaveLength(1);
    expect(read.filter((path) => path.startsWith("t/"))).toHaveLength(1);
  });
});
