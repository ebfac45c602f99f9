/**
 * One release's analysed words, counted: all the index needs of a release's text to build its
 * postings, and nothing that depends on the other releases. So a build can keep it (see
 * `write.ts`) and analyse only the releases it has not seen.
 */
import { forEachWord, type WordReading } from "./analyze.ts";
import type { SearchDoc } from "./model.ts";
import { splitPassages, type Passage } from "./passages.ts";

/**
 * One reading of a spelling in one release: its stem candidates joined by a space (most literal
 * first; the index picks one, see `build.ts`), the spelling, how often the title and the body
 * (tags included) have it, the first body passage holding it and the title's indexed words before
 * its first title occurrence (-1 when the body, or the title, has none).
 */
export type ReadingCount = [stems: string, spelling: string, title: number, body: number, passage: number, titlePosition: number];

/** What {@link releaseTerms} returns: stored as JSON in the index cache. */
export interface ReleaseTerms {
  /** Indexed words (stop words left out) of the title and of the body with the tags. */
  titleLength: number;
  bodyLength: number;
  /** In order of first occurrence. */
  readings: ReadingCount[];
}

/** Counts the readings of one release's title, body and tags; `passages` as `splitPassages(doc.text)` gives them. */
export function releaseTerms(doc: SearchDoc, passages: Passage[] = splitPassages(doc.text)): ReleaseTerms {
  const at = new Map<WordReading, ReadingCount>();
  const readings: ReadingCount[] = [];
  let titleLength = 0;
  let bodyLength = 0;
  const add = (reading: WordReading, passage: number): void => {
    if (reading.stems.length === 0) return;
    let count = at.get(reading);
    if (!count) at.set(reading, (count = [reading.stems.join(" "), reading.form, 0, 0, -1, -1])), readings.push(count);
    if (passage < 0) {
      if (count[2]++ === 0) count[5] = titleLength;
      titleLength++;
    } else {
      if (count[3]++ === 0) count[4] = passage;
      bodyLength++;
    }
  };
  forEachWord(doc.title, (reading) => add(reading, -1));
  let passage = 0;
  forEachWord(doc.text, (reading, start) => {
    while (passage + 1 < passages.length && passages[passage + 1].start <= start) passage++;
    add(reading, passage);
  });
  forEachWord(doc.tags.join(" "), (reading) => add(reading, 0));
  return { titleLength, bodyLength, readings };
}

/** True when `value` (parsed from a cache file) has the shape of {@link ReleaseTerms}. */
export function isReleaseTerms(value: unknown): value is ReleaseTerms {
  const terms = value as ReleaseTerms;
  return typeof terms === "object" && terms !== null && Number.isInteger(terms.titleLength) && Number.isInteger(terms.bodyLength) && Array.isArray(terms.readings)
    && terms.readings.every((count) => Array.isArray(count) && count.length === 6 && typeof count[0] === "string" && typeof count[1] === "string");
}
