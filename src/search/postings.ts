/**
 * Term entries (`format.ts`) from an archive's packed counted words, for a run of the vote's terms
 * at a time: a build goes over the readings once per run, so only one run's postings are held, and
 * an incremental build works out only the terms its changed releases hold.
 */
import { type Archive, PACKED, readingsOf, releaseCount } from "./archive.ts";
import { encodeEntry, type Posting } from "./format.ts";
import { compareStrings, type Vote } from "./vote.ts";

/** What the entries take from `INDEX_TUNING` (see `build.ts`). */
export interface PostingTuning {
  titleWeight: number;
  k1: number;
  titleB: number;
  bodyB: number;
  titleLength: number;
  bodyLength: number;
  maxPostings: number;
  maxVariants: number;
}

/** A term and its encoded entry. */
export interface EncodedEntry {
  term: string;
  bytes: Uint8Array;
}

interface TermPostings {
  df: number;
  /** Flat: doc, impact byte, spelling (a string of the archive), passage, title position. */
  data: number[];
  spellingCounts: Map<number, number>;
}

/** One term in one release, while the release's readings are added up. */
interface DocTerm {
  title: number;
  body: number;
  passage: number;
  titleSpelling: number;
  titlePosition: number;
  /** Flat: spelling, count; a term has one or two spellings in most releases. */
  spellings: number[];
}

/**
 * The entries, sorted by term, of the vote's terms ranked `from` up to `to`, or only those of them
 * `only` marks (by rank). A term with no posting left has no entry.
 */
export function termEntries(archive: Archive, vote: Vote, tuning: PostingTuning, from: number, to: number, only?: Uint8Array): EncodedEntry[] {
  const byTerm = new Map<number, TermPostings>();
  for (let doc = 0; doc < releaseCount(archive); doc++) {
    const stats = releaseStats(archive, vote, doc, (rank) => rank >= from && rank < to && (!only || only[rank] === 1));
    if (stats.size === 0) continue;
    addPostings(byTerm, stats, doc, archive, tuning);
  }
  return [...byTerm.keys()]
    .sort((a, b) => a - b)
    .map((rank) => ({ term: vote.terms[rank], bytes: termEntry(vote.terms[rank], byTerm.get(rank)!, archive.strings, tuning) }));
}

/** Release `doc`'s readings added up by term, for the terms `wanted` keeps. */
function releaseStats(archive: Archive, vote: Vote, doc: number, wanted: (rank: number) => boolean): Map<number, DocTerm> {
  const stats = new Map<number, DocTerm>();
  const readings = readingsOf(archive, doc);
  for (let at = 0; at < readings.length; at += PACKED) {
    const rank = vote.termOf[readings[at]];
    if (!wanted(rank)) continue;
    const [spelling, title, body, passage, titlePosition] = readings.subarray(at + 1, at + PACKED);
    let stat = stats.get(rank);
    if (!stat) stats.set(rank, (stat = { title: 0, body: 0, passage: -1, titleSpelling: -1, titlePosition: -1, spellings: [] }));
    stat.title += title;
    stat.body += body;
    if (passage >= 0 && (stat.passage < 0 || passage < stat.passage)) stat.passage = passage;
    if (titlePosition >= 0 && (stat.titlePosition < 0 || titlePosition < stat.titlePosition))
      [stat.titlePosition, stat.titleSpelling] = [titlePosition, spelling];
    let k = 0;
    while (k < stat.spellings.length && stat.spellings[k] !== spelling) k += 2;
    if (k < stat.spellings.length) stat.spellings[k + 1] += title + body;
    else stat.spellings.push(spelling, title + body);
  }
  return stats;
}

function addPostings(byTerm: Map<number, TermPostings>, stats: Map<number, DocTerm>, doc: number, archive: Archive, tuning: PostingTuning): void {
  const { titleWeight, k1, titleB, bodyB, titleLength, bodyLength } = tuning;
  const titleNorm = 1 - titleB + (titleB * archive.lengths[doc * 2]) / titleLength;
  const bodyNorm = 1 - bodyB + (bodyB * archive.lengths[doc * 2 + 1]) / bodyLength;
  for (const [rank, stat] of stats) {
    const weight = (titleWeight * stat.title) / titleNorm + stat.body / bodyNorm;
    const impact = Math.max(1, Math.round((127 * weight) / (k1 + weight)));
    let entry = byTerm.get(rank);
    if (!entry) byTerm.set(rank, (entry = { df: 0, data: [], spellingCounts: new Map() }));
    entry.df++;
    const spelling = stat.titleSpelling >= 0 ? stat.titleSpelling : mostFrequent(stat.spellings, archive.strings);
    entry.data.push(doc, (stat.title > 0 ? 0x80 : 0) | impact, spelling, Math.max(0, stat.passage), stat.titlePosition);
    for (let k = 0; k < stat.spellings.length; k += 2) {
      const [form, count] = [stat.spellings[k], stat.spellings[k + 1]];
      entry.spellingCounts.set(form, (entry.spellingCounts.get(form) ?? 0) + count);
    }
  }
}

function termEntry(term: string, postings: TermPostings, strings: string[], tuning: PostingTuning): Uint8Array {
  const variantIds = [...postings.spellingCounts]
    .sort((a, b) => b[1] - a[1] || compareStrings(strings[a[0]], strings[b[0]]))
    .slice(0, tuning.maxVariants)
    .map(([id]) => id);
  const variants = variantIds.map((id) => strings[id]);
  let list: Posting[] = [];
  for (let i = 0; i < postings.data.length; i += 5) {
    const [doc, impact, spelling, passage, titlePosition] = postings.data.slice(i, i + 5);
    const variant = variantIds.indexOf(spelling);
    list.push({ doc, impact: impact & 0x7f, inTitle: impact >= 0x80, variant: variant < 0 ? variants.length : variant, passage, titlePosition });
  }
  const bodyOnly = list.filter((posting) => !posting.inTitle);
  if (bodyOnly.length > tuning.maxPostings) {
    // Every title match stays; of the others, the strongest. The rest add little to any ranking.
    const kept = new Set(bodyOnly.sort((a, b) => b.impact - a.impact || b.doc - a.doc).slice(0, tuning.maxPostings));
    list = list.filter((posting) => posting.inTitle || kept.has(posting));
  }
  return encodeEntry(term, postings.df, variants, list);
}

/** The spelling with the highest count (flat pairs of string, count); the first in code unit order on a tie. */
function mostFrequent(counts: number[], strings: string[]): number {
  let best = -1;
  let bestCount = 0;
  for (let k = 0; k < counts.length; k += 2) {
    if (counts[k + 1] > bestCount || (counts[k + 1] === bestCount && strings[counts[k]] < strings[best])) [best, bestCount] = [counts[k], counts[k + 1]];
  }
  return best;
}

/**
 * Runs of ranks [from, to) that each hold about `perRun` readings, so one run's postings are
 * held at a time; from the readings per term.
 */
export function termRuns(archive: Archive, vote: Vote, perRun: number): Array<[from: number, to: number]> {
  const perTerm = new Float64Array(vote.terms.length);
  for (let at = 0; at < archive.readings.length; at += PACKED) perTerm[vote.termOf[archive.readings[at]]]++;
  const runs: Array<[number, number]> = [];
  let from = 0;
  let held = 0;
  perTerm.forEach((count, rank) => {
    held += count;
    if (held < perRun) return;
    runs.push([from, rank + 1]);
    [from, held] = [rank + 1, 0];
  });
  if (from < vote.terms.length || runs.length === 0) runs.push([from, vote.terms.length]);
  return runs;
}
