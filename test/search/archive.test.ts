import { describe, expect, it } from "vitest";
import { type Archive, ArchiveBuilder, PACKED, readingsOf, releaseCount } from "../../src/search/archive.ts";
import { orderedDocs } from "../../src/search/build.ts";
import type { SearchDoc } from "../../src/search/model.ts";
import { COUNTS, releaseTerms } from "../../src/search/release-terms.ts";
import { SAMPLE_DOCS } from "./fixtures.ts";

// Many releases, the first with more distinct words than the builder first has room for (twice over): its array grows both ways.
const LONG_DOC: SearchDoc = {
  url: "/en/releases/2026/11/register/",
  title: "Register of licensed desalination operators",
  date: "2020-01-15T00:00:00+03:00",
  lang: "en",
  tags: ["register"],
  text: Array.from({ length: 3000 }, (_, i) => `operator${i}`).join(" "),
};
const DOCS = orderedDocs([...Array.from({ length: 8 }, (_, copy) => SAMPLE_DOCS.map((doc) => ({ ...doc, url: `${doc.url}${copy}/` }))).flat(), LONG_DOC]);

/** Release `r`'s readings as text: stems, spelling and the four counts of each. */
function readingsText(archive: Archive, r: number): string[] {
  const readings = readingsOf(archive, r);
  const rows: string[] = [];
  for (let at = 0; at < readings.length; at += PACKED)
    rows.push([archive.strings[readings[at]], archive.strings[readings[at + 1]], ...readings.subarray(at + 2, at + PACKED)].join("|"));
  return rows;
}

describe("an archive made release by release", () => {
  it("holds each release's counted words as counted, however many it holds", () => {
    const builder = new ArchiveBuilder();
    for (const doc of DOCS) builder.addTerms(releaseTerms(doc));
    const archive = builder.finish();
    expect(releaseCount(archive)).toBe(DOCS.length);
    expect(archive.readings.length).toBeGreaterThan(PACKED * 4096);
    DOCS.forEach((doc, r) => {
      const { stems, spellings, counts, titleLength, bodyLength } = releaseTerms(doc);
      const expected = stems.map((stem, i) => [stem, spellings[i], ...counts.subarray(i * COUNTS, (i + 1) * COUNTS)].join("|"));
      expect(readingsText(archive, r)).toEqual(expected);
      expect([archive.lengths[r * 2], archive.lengths[r * 2 + 1]]).toEqual([titleLength, bodyLength]);
    });
  });

  it("is the same made again from its packed readings, as a build reuses the cached ones", () => {
    const builder = new ArchiveBuilder();
    for (const doc of DOCS) builder.addTerms(releaseTerms(doc));
    const archive = builder.finish();
    const again = new ArchiveBuilder(archive.strings);
    DOCS.forEach((_, r) => again.addPacked(readingsOf(archive, r), archive.lengths[r * 2], archive.lengths[r * 2 + 1]));
    const copy = again.finish();
    expect(copy.strings).toEqual(archive.strings);
    expect([...copy.readings]).toEqual([...archive.readings]);
    expect([...copy.starts]).toEqual([...archive.starts]);
    expect([...copy.lengths]).toEqual([...archive.lengths]);
  });
});
