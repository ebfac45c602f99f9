/**
 * Which reading of each spelling the index files it under. A spelling keeps its most literal
 * reading unless the archive clearly supports another: وقطر becomes قطر where قطر is common, وزير
 * stays (زير is rare), فرد stays beside رد. That vote is the one thing a term's postings take from
 * the whole archive.
 */
import { type Archive, PACKED } from "./archive.ts";

/** How many times more often a less literal reading must occur in the corpus to be chosen (`INDEX_TUNING.readingMargin`). */
export interface VoteTuning {
  readingMargin: number;
}

/** The archive's terms, sorted, and each stems string's term. */
export interface Vote {
  terms: string[];
  /** Per string of the archive: the rank in `terms` of the term its readings are filed under; -1 for a string that is no reading's stems. */
  termOf: Int32Array;
}

/** Votes over the archive's readings: how often each stem is the most literal reading of a word. */
export function vote(archive: Archive, tuning: VoteTuning): Vote {
  const chosen = choices(archive, tuning);
  // The default order of `sort` is that of UTF-16 code units, as `compareStrings`, without a call per comparison.
  const terms = [...new Set(chosen.values())].sort();
  const rank = new Map(terms.map((term, i) => [term, i]));
  const termOf = new Int32Array(archive.strings.length).fill(-1);
  for (const [id, term] of chosen) termOf[id] = rank.get(term)!;
  return { terms, termOf };
}

/** The term each stems string of the archive is filed under, by the string's number. */
export function choices({ strings, readings }: Archive, { readingMargin }: VoteTuning): Map<number, string> {
  // Occurrences per stems string first, so each distinct string is split once.
  const occurrences = new Float64Array(strings.length).fill(-1);
  for (let at = 0; at < readings.length; at += PACKED) {
    const stems = readings[at];
    occurrences[stems] = Math.max(0, occurrences[stems]) + readings[at + 2] + readings[at + 3];
  }
  const evidence = new Map<string, number>();
  occurrences.forEach((count, id) => {
    if (count < 0) return;
    const text = strings[id];
    const space = text.indexOf(" ");
    const literal = space < 0 ? text : text.slice(0, space);
    evidence.set(literal, (evidence.get(literal) ?? 0) + count);
  });
  const support = (stem: string): number => evidence.get(stem) ?? 0;
  const chosen = new Map<number, string>();
  occurrences.forEach((count, id) => {
    if (count < 0) return;
    const text = strings[id];
    chosen.set(id, text.indexOf(" ") < 0 ? text : text.split(" ").reduce((best, stem) => (support(stem) > readingMargin * support(best) ? stem : best)));
  });
  return chosen;
}

/** The term a stems string is filed under, if the vote saw it. */
export function termOfString(vote: Vote, id: number): string | undefined {
  const rank = id < vote.termOf.length ? vote.termOf[id] : -1;
  return rank < 0 ? undefined : vote.terms[rank];
}

/** UTF-16 code unit order, as the index sorts terms. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
