import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Archive, ArchiveBuilder } from "../../src/search/archive.ts";
import { INDEX_TUNING, orderedDocs } from "../../src/search/build.ts";
import { decodePostings, decodeShard } from "../../src/search/format.ts";
import type { SearchDoc } from "../../src/search/model.ts";
import { releaseTerms } from "../../src/search/release-terms.ts";
import { emitTermFiles } from "../../src/search/terms-index.ts";
import { NEWEST_DOC, SAMPLE_DOCS } from "./fixtures.ts";

// Small shards, so that a few releases fill many.
const savedShardBytes = INDEX_TUNING.shardBytes;
beforeEach(() => void (INDEX_TUNING.shardBytes = 300));
afterEach(() => void (INDEX_TUNING.shardBytes = savedShardBytes));

interface Built {
  archive: Archive;
  files: Map<string, Uint8Array>;
  worked: number;
  terms: number;
  typos: { buckets: number; bytes: number };
}

/** The terms' files of `docs`, from nothing, or from `previous` (whose strings the new archive begins with, as the cache's do). */
function build(docs: SearchDoc[], previous?: Built): Built {
  const ordered = orderedDocs(docs);
  const builder = new ArchiveBuilder(previous?.archive.strings);
  for (const doc of ordered) builder.addTerms(releaseTerms(doc));
  const archive = builder.finish();
  const files = new Map<string, Uint8Array>();
  const shards = previous && [...previous.files].filter(([file]) => file.startsWith("t/")).map(([, bytes]) => bytes);
  const typos = previous && { ...previous.typos, bucket: (i: number) => Buffer.from(previous.files.get(`y/${i}.bin`)!).toString() };
  const built = emitTermFiles(
    archive,
    ordered.map((doc) => doc.lang),
    (file, contents) => files.set(file, Buffer.from(contents)),
    previous && { archive: previous.archive, shards: shards!, typos },
  );
  return { archive, files, ...built };
}

/** Builds `after` from the build of `before`, checks it gives the bytes a build from nothing gives, and returns it. */
function rebuilt(before: SearchDoc[], after: SearchDoc[]): Built {
  const again = build(after, build(before));
  const fresh = build(after);
  expect([...again.files.keys()]).toEqual([...fresh.files.keys()]);
  for (const [file, bytes] of fresh.files) expect(Buffer.from(again.files.get(file)!).equals(bytes), file).toBe(true);
  return again;
}

/** Every term entry of a build's shards. */
const entriesOf = (built: Built) => new Map([...built.files].filter(([file]) => file.startsWith("t/")).flatMap(([, bytes]) => [...decodeShard(bytes)]));

describe("the terms' files worked out again from the last build", () => {
  it("works out only the new release's terms when one is added", () => {
    const { worked, terms } = rebuilt(SAMPLE_DOCS, [...SAMPLE_DOCS, NEWEST_DOC]);
    expect(worked).toBeGreaterThan(0);
    expect(worked).toBeLessThan(terms / 4);
  });

  it("works out only an edited release's terms, before and after, when its number stays", () => {
    const newest = orderedDocs(SAMPLE_DOCS).at(-1)!;
    const edited = { ...newest, title: `${newest.title} المحدث`, text: newest.text.replace(/\n\n[^\n]+$/, "\n\nفقرة جديدة عن الاستثمار الزراعي.") };
    const { worked, terms } = rebuilt(
      SAMPLE_DOCS,
      SAMPLE_DOCS.map((doc) => (doc === newest ? edited : doc)),
    );
    expect(worked).toBeLessThan(terms / 2);
  });

  it("works out only the deleted newest release's terms, and everything when a deletion renumbers most releases", () => {
    const [oldest, ...rest] = orderedDocs([...SAMPLE_DOCS, NEWEST_DOC]);
    const newestDeleted = rebuilt([...SAMPLE_DOCS, NEWEST_DOC], SAMPLE_DOCS);
    expect(newestDeleted.worked).toBeLessThan(newestDeleted.terms / 4);
    const oldestDeleted = rebuilt([oldest, ...rest], rest);
    expect(oldestDeleted.worked).toBe(oldestDeleted.terms);
  });

  it("moves a spelling's postings to the reading a new release tips the vote to, in both readings' shards", () => {
    const release = (n: number, text: string): SearchDoc => ({
      url: `/releases/2026/0${n}/r/`,
      title: `بيان ${n}`,
      date: `2026-0${n}-01T00:00:00+03:00`,
      lang: "ar",
      tags: [],
      text,
    });
    const before = [release(1, "وقطر وقطر شريك في التجارة"), release(2, "قطر والتجارة والصناعة")];
    // قطر now occurs five times, more than twice as often as وقطر: وقطر is read as و + قطر.
    const tipping = release(3, "قطر قطر قطر قطر تستضيف المعرض");
    const after = rebuilt(before, [...before, tipping]);
    const docsOf = (built: Built, term: string) => {
      const entry = entriesOf(built).get(term);
      return entry && decodePostings(entry).map((posting) => posting.doc);
    };
    // Before, وقطر had its own entry, holding the first release; after, the first release is under قطر.
    expect(docsOf(build(before), "وقطر")).toEqual([0]);
    expect(docsOf(build(before), "قطر")).toEqual([1]);
    expect(docsOf(after, "وقطر")).toBeUndefined();
    expect(docsOf(after, "قطر")).toEqual([0, 1, 2]);
  });
});
