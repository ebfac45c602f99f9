/** Typo tolerance: one letter wrong, missing, doubled or swapped, after Arabic normalization and proclitics. */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Searcher } from "../../src/search/model.ts";
import { createSearcher } from "../../src/search/query.ts";
import { bareForms, oneEditApart, typoKeys } from "../../src/search/typos.ts";
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
