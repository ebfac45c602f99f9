/**
 * One release's analysed words, counted: all the index needs of a release's text to build its
 * postings, and nothing that depends on the other releases. So a build can keep it (see
 * `terms-cache.ts`) and analyse only the releases it has not seen.
 */
import { forEachWord, type WordReading } from "./analyze.ts";
import type { SearchDoc } from "./model.ts";
import { splitPassages, type Passage } from "./passages.ts";

/**
 * What {@link releaseTerms} returns. A reading of a spelling in the release, in order of first
 * occurrence, is its stem candidates joined by a space (most literal first; the index picks one,
 * see `build.ts`), its spelling, and four counts: how often the title and the body (tags
 * included) have it, the first body passage holding it and the title's indexed words before its
 * first title occurrence (-1 when the body, or the title, has none). Flat, so that an archive's
 * releases are a few arrays each rather than an array per reading.
 */
export interface ReleaseTerms {
  /** Indexed words (stop words left out) of the title and of the body with the tags. */
  titleLength: number;
  bodyLength: number;
  /** Per reading: its stems joined, and its spelling. */
  stems: string[];
  spellings: string[];
  /** Per reading, four numbers: title count, body count, passage, title position. */
  counts: Int32Array;
}

/** Numbers per reading in {@link ReleaseTerms}' `counts`. */
export const COUNTS = 4;

/** Each reading's stems joined, made once: the archive's releases share these strings. */
const joinedStems = new WeakMap<WordReading, string>();

/** Counts the readings of one release's title, body and tags; `passages` as `splitPassages(doc.text)` gives them. */
export function releaseTerms(doc: SearchDoc, passages: Passage[] = splitPassages(doc.text)): ReleaseTerms {
  const at = new Map<WordReading, number>();
  const stems: string[] = [];
  const spellings: string[] = [];
  const counts: number[] = [];
  let titleLength = 0;
  let bodyLength = 0;
  const add = (reading: WordReading, passage: number): void => {
    if (reading.stems.length === 0) return;
    let base = at.get(reading);
    if (base === undefined) {
      let joined = joinedStems.get(reading);
      if (joined === undefined) joinedStems.set(reading, (joined = reading.stems.join(" ")));
      at.set(reading, (base = counts.length));
      stems.push(joined);
      spellings.push(reading.form);
      counts.push(0, 0, -1, -1);
    }
    if (passage < 0) {
      if (counts[base]++ === 0) counts[base + 3] = titleLength;
      titleLength++;
    } else {
      if (counts[base + 1]++ === 0) counts[base + 2] = passage;
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
  return { titleLength, bodyLength, stems, spellings, counts: Int32Array.from(counts) };
}
