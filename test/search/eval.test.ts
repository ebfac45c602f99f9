/** The real-text evaluation (`tools/search-eval/`) on a small JSONL fixture in SaudiNewsNet's shape. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildSearchIndex } from "../../src/search/build.ts";
import { seededRandom } from "../../tools/search-eval/corpus.ts";
import { evaluate } from "../../tools/search-eval/evaluate.ts";
import { readJsonlCorpus } from "../../tools/search-eval/jsonl.ts";
import { QUERY_KINDS, knownItemQueries } from "../../tools/search-eval/queries.ts";
import { oneEditApart } from "../../src/search/typos.ts";

const FIXTURE = join(import.meta.dirname, "..", "fixtures", "search-eval", "corpus.jsonl");

describe("readJsonlCorpus", () => {
  it("reads title and body from content, text or body, and skips articles without either", () => {
    const { docs, skipped } = readJsonlCorpus(FIXTURE);
    expect(docs).toHaveLength(12);
    expect(skipped).toBe(1);
    expect(docs[0]).toMatchObject({ title: "وزارة الصحة تطلق حملة التطعيم ضد الإنفلونزا الموسمية", lang: "ar", date: "2015-08-01T09:00:00+03:00" });
    expect(docs[10].text).toContain("مركز الملك سلمان");
    expect(docs[11].text).toContain("بلدية محافظة الخبر");
  });

  it("names the file and line of a line that is not JSON", () => {
    const dir = mkdtempSync(join(tmpdir(), "bayan-eval-"));
    const file = join(dir, "bad.jsonl");
    writeFileSync(file, '{"title": "a", "content": "b"}\n{not json\n');
    expect(() => readJsonlCorpus(file)).toThrow(`${file}:2: error: not a JSON object`);
    rmSync(dir, { recursive: true });
  });
});

describe("known-item queries of four kinds", () => {
  const { docs } = readJsonlCorpus(FIXTURE);
  const queries = knownItemQueries(docs, 10, seededRandom(1));

  it("are the same for the same seed", () => {
    expect(knownItemQueries(docs, 10, seededRandom(1))).toEqual(queries);
  });

  it("make rare-word queries that only their release holds together", () => {
    const content = queries.filter((query) => query.kind === "content");
    expect(content.length).toBeGreaterThan(0);
    for (const query of content) {
      const holders = docs.filter((doc) => query.query.split(" ").every((word) => doc.text.split(/[\s.،]+/).includes(word)));
      expect(holders.map((doc) => doc.url)).toEqual([query.url]);
    }
  });

  it("make typo queries one edit away from a title word of five letters or more", () => {
    const typos = queries.filter((query) => query.kind === "typo");
    expect(typos.length).toBeGreaterThan(0);
    for (const query of typos) {
      const title = docs.find((doc) => doc.url === query.url)!.title.split(" ");
      const changed = query.query.split(" ").filter((word) => !title.includes(word));
      expect(changed).toHaveLength(1);
      expect(title.some((word) => word.length >= 5 && oneEditApart(word, changed[0]))).toBe(true);
    }
  });

  it("are scored per kind through the searcher the browser runs", async () => {
    const { scores } = await evaluate(buildSearchIndex(docs), queries);
    for (const kind of QUERY_KINDS) {
      expect(scores[kind].queries).toBe(10);
      expect(scores[kind].success10).toBeGreaterThan(0.5);
    }
  });
});
