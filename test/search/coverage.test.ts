/** Coverage before weight: a release holding every word of a query comes first; the others follow, and say so. */
import { describe, expect, it } from "vitest";
import { buildSearchIndex } from "../../src/search/build.ts";
import type { SearchDoc } from "../../src/search/model.ts";
import { createSearcher } from "../../src/search/query.ts";

const FILLER = "وأوضح المتحدث أن الاجتماع بحث سبل التعاون المشترك في مجالات عدة وتبادل الخبرات بين الجانبين.";

function release(slug: string, title: string, text: string): SearchDoc {
  return { url: `/releases/2026/11/${slug}/`, title, date: "2026-11-24T00:00:00+03:00", lang: "ar", tags: [], text };
}

// The three words of the query: the target holds all three, once each, deep in a long body;
// six others hold two of them in their title, where a word weighs most.
const DOCS: SearchDoc[] = [
  release(
    "target",
    "اجتماع اللجنة الدورية",
    `${FILLER} ${FILLER}\n\nوناقش المجتمعون تقرير المرصد عن الكثبان في الربع الخالي. ${FILLER}\n\n${FILLER} ${FILLER}`,
  ),
  ...Array.from({ length: 6 }, (_, i) => release(`title-${i}`, `تقرير المرصد السنوي ${i + 1}`, `${FILLER} يصدر كل عام.`)),
  ...Array.from({ length: 4 }, (_, i) => release(`dunes-${i}`, `المرصد يرصد الكثبان ${i + 1}`, FILLER)),
  ...Array.from({ length: 10 }, (_, i) => release(`other-${i}`, `خبر عام ${i + 1}`, FILLER)),
];

const searcher = createSearcher(async (path) => buildSearchIndex(DOCS).get(path)!);

describe("coverage before weight", () => {
  it("ranks the only release holding all three words first, above titles holding two", async () => {
    const results = await searcher.search("تقرير المرصد الكثبان");
    expect(results[0].url).toBe("/releases/2026/11/target/");
    expect(results[0].allWords).toBe(true);
    expect(results.slice(1).every((result) => !result.allWords)).toBe(true);
  });

  it("keeps BM25F order within one coverage: a title match before a body match", async () => {
    const results = await searcher.search("المرصد", { limit: 20 });
    expect(results.every((result) => result.allWords)).toBe(true);
    expect(results.at(-1)!.url).toBe("/releases/2026/11/target/");
  });

  it("falls back to releases holding some of the words when a word is in none", async () => {
    const results = await searcher.search("تقرير المرصد زمهرير");
    expect(results.length).toBeGreaterThan(0);
    expect(results.map((result) => result.url)).toContain("/releases/2026/11/title-0/");
    expect(results.every((result) => !result.allWords)).toBe(true);
  });

  it("does not report a very common word whose postings the index pruned as missing from a release", async () => {
    // 400 releases hold الطاقة once in a long body, so the index keeps only the strongest postings of it.
    const common = Array.from({ length: 400 }, (_, i) => release(`energy-${i}`, `خبر عام ${i}`, `${FILLER} ${"الطاقة ".repeat(1 + (i % 5))}`));
    const target = release("dunes-energy", "اجتماع اللجنة", `${FILLER} ${FILLER} ${FILLER} الطاقة والكثبان. ${FILLER} ${FILLER}`);
    const files = buildSearchIndex([...common, target]);
    const results = await createSearcher(async (path) => files.get(path)!).search("الطاقة الكثبان");
    expect(results[0].url).toBe("/releases/2026/11/dunes-energy/");
    expect(results[0].allWords).toBe(true);
  });
});
