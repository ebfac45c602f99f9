/** Typo tolerance: one letter wrong, missing, doubled or swapped, after Arabic normalization and proclitics. */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Searcher } from "../../src/search/model.ts";
import { createSearcher } from "../../src/search/query.ts";
import { bareForms, oneEditApart, typoBuckets, typoBucketsAdded, typoKeys } from "../../src/search/typos.ts";
import { writeIndex } from "./fixtures.ts";

let dist: string;
let searcher: Searcher;
const loaded: string[] = [];

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), "bayan-search-typos-"));
  const folder = await writeIndex(dist);
  searcher = createSearcher((path) => readFile(join(folder, path)));
});

afterAll(() => rm(dist, { recursive: true, force: true }));

const urls = async (query: string): Promise<string[]> => (await searcher.search(query)).map((result) => result.url);

describe("oneEditApart", () => {
  it.each([
    ["شمسيه", "شمصيه", true],
    ["شمسيه", "شمسييه", true],
    ["شمسيه", "شمسه", true],
    ["عكسي", "عسكي", true],
    ["شمسيه", "شمسيه", false],
    ["شمسيه", "شمصيح", false],
    ["شمسيه", "مسيهش", false],
  ])("%s and %s: %s", (a, b, expected) => {
    expect(oneEditApart(a, b)).toBe(expected);
    expect(oneEditApart(b, a)).toBe(expected);
  });

  it("files a word without its article and proclitics, under itself and each deletion", () => {
    expect(bareForms("والشمسيه")).toContain("شمسيه");
    expect(typoKeys("شمسيه")).toEqual(["شمسيه", "مسيه", "شسيه", "شميه", "شمسه", "شمسي"]);
  });
});

describe("search with a typo", () => {
  it.each([
    ["a letter wrong", "التناضخ", "/releases/2026/11/desalination-plant/"],
    ["a letter missing", "الانفلنزا", "/releases/2026/09/flu-campaign/"],
    ["a letter doubled", "السعوودية", "/releases/2015/08/seed-release/"],
    ["two letters swapped, behind a proclitic", "والتناضح العسكي", "/releases/2026/11/desalination-plant/"],
    ["an English word", "desalinatoin", "/en/releases/2026/11/desalination-plant/"],
  ])("%s: %s finds its release", async (_, query, url) => {
    expect((await urls(query))[0]).toBe(url);
  });

  it("leaves words of three letters alone", async () => {
    expect(await urls("قطز ")).toEqual([]);
  });

  it("fetches typo files only for a word the index neither knows nor begins", async () => {
    const fresh = createSearcher((path) => (loaded.push(path), readFile(join(dist, "search", "index", path))));
    loaded.length = 0;
    await fresh.search("التناضح العكسي");
    // A word still being typed that begins a known one.
    await fresh.search("التناض");
    expect(loaded.filter((path) => path.startsWith("y/"))).toEqual([]);
    await fresh.search("التناضخ");
    expect(loaded.filter((path) => path.startsWith("y/")).length).toBeGreaterThan(0);
  });
});

describe("typo buckets after spellings are added", () => {
  /** `count` made-up spellings of five letters, a few of them with the article. */
  const words = (count: number, stem: string) =>
    Array.from(
      { length: count },
      (_, i) => `${i % 7 === 0 ? "ال" : ""}${stem}${String.fromCharCode(0x0628 + (i % 20))}${String.fromCharCode(0x0628 + Math.floor(i / 20))}`,
    );
  const before = ["والشمسيه", "الطاقه", "المتجدده", ...words(2000, "كلمه")];
  const added = ["الشمسيه", "بوابات", "الكترونيه", "للحافلات", "الطاقه"];
  const previousOf = (spellings: string[]) => {
    const { buckets, bytes, files } = typoBuckets(spellings);
    return { buckets, bytes, bucket: (i: number) => files.get(`y/${i}.bin`)! };
  };

  it("change only the buckets of the new bare spellings' keys, into what a build from every spelling gives", () => {
    const previous = previousOf(before);
    const grown = typoBucketsAdded(previous, added)!;
    const fresh = typoBuckets([...before, ...added]);
    expect(grown.buckets).toBe(fresh.buckets);
    expect(grown.bytes).toBe(fresh.bytes);
    expect(grown.files).toEqual(fresh.files);
    const changed = [...fresh.files].filter(([file, text]) => previousOf(before).bucket(Number(file.slice(2, -4))) !== text);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThan(fresh.buckets);
  });

  it("are not worked out from the last ones when their number changes", () => {
    const many = words(3000, "سطور");
    const previous = previousOf(before);
    expect(typoBuckets([...before, ...many]).buckets).not.toBe(previous.buckets);
    expect(typoBucketsAdded(previous, many)).toBeUndefined();
  });
});
