/**
 * Term entries (`format.ts`) from an archive's packed counted words, one term at a time, so only
 * one term's postings are held; an incremental build works out only the terms its changed
 * releases hold.
 */
import { type Archive, PACKED, releaseCount } from "./archive.ts";
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
 * The entries, in the order of the vote's terms (sorted), of every term or of those `only` marks
 * (by rank). The readings are sorted by term once (a counting sort, in release order within a
 * term), so each term's postings are added up, encoded and handed on before the next term's:
 * only one term's postings are held at a time.
 */
export function* termEntries(archive: Archive, vote: Vote, tuning: PostingTuning, only?: Uint8Array): Generator<EncodedEntry> {
  const { readings } = archive;
  const wanted = (rank: number) => !only || only[rank] === 1;
  const bounds = new Int32Array(vote.terms.length + 1);
  for (let at = 0; at < readings.length; at += PACKED) {
    const rank = vote.termOf[readings[at]];
    if (wanted(rank)) bounds[rank + 1]++;
  }
  for (let rank = 0; rank < vote.terms.length; rank++) bounds[rank + 1] += bounds[rank];
  // Per place in term order: the reading's offset in `readings`, and its release.
  const order = new Int32Array(bounds[vote.terms.length]);
  const docOf = new Int32Array(order.length);
  const next = bounds.slice(0, vote.terms.length);
  for (let doc = 0; doc < releaseCount(archive); doc++) {
    for (let at = archive.starts[doc] * PACKED; at < archive.starts[doc + 1] * PACKED; at += PACKED) {
      const rank = vote.termOf[readings[at]];
      if (!wanted(rank)) continue;
      order[next[rank]] = at;
      docOf[next[rank]++] = doc;
    }
  }
  for (let rank = 0; rank < vote.terms.length; rank++) {
    if (bounds[rank] === bounds[rank + 1]) continue;
    const postings: TermPostings = { df: 0, data: [], spellingCounts: new Map() };
    for (let place = bounds[rank]; place < bounds[rank + 1]; ) {
      const doc = docOf[place];
      const stat: DocTerm = { title: 0, body: 0, passage: -1, titleSpelling: -1, titlePosition: -1, spellings: [] };
      for (; place < bounds[rank + 1] && docOf[place] === doc; place++) addReading(stat, readings.subarray(order[place] + 1, order[place] + PACKED));
      addPosting(postings, stat, doc, archive, tuning);
    }
    yield { term: vote.terms[rank], bytes: termEntry(vote.terms[rank], postings, archive.strings, tuning) };
  }
}

/** Adds one reading (its spelling and four counts) to its term's figures in its release. */
function addReading(stat: DocTerm, [spelling, title, body, passage, titlePosition]: Int32Array): void {
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

/** Adds a term's posting in release `doc`, from its figures there. */
function addPosting(postings: TermPostings, stat: DocTerm, doc: number, archive: Archive, tuning: PostingTuning): void {
  const { titleWeight, k1, titleB, bodyB, titleLength, bodyLength } = tuning;
  const titleNorm = 1 - titleB + (titleB * archive.lengths[doc * 2]) / titleLength;
  const bodyNorm = 1 - bodyB + (bodyB * archive.lengths[doc * 2 + 1]) / bodyLength;
  const weight = (titleWeight * stat.title) / titleNorm + stat.body / bodyNorm;
  const impact = Math.max(1, Math.round((127 * weight) / (k1 + weight)));
  postings.df++;
  const spelling = stat.titleSpelling >= 0 ? stat.titleSpelling : mostFrequent(stat.spellings, archive.strings);
  postings.data.push(doc, (stat.title > 0 ? 0x80 : 0) | impact, spelling, Math.max(0, stat.passage), stat.titlePosition);
  for (let k = 0; k < stat.spellings.length; k += 2) {
    const [form, count] = [stat.spellings[k], stat.spellings[k + 1]];
    postings.spellingCounts.set(form, (postings.spellingCounts.get(form) ?? 0) + count);
  }
}

function termEntry(term: string, postings: TermPostings, strings: string[], tuning: PostingTuning): Uint8Array {
  const variantIds = [...postings.spellingCounts]
    .sort((a, b) => b[1] - a[1] || compareStrings(strings[a[0]], strings[b[0]]))
    .slice(0, tuning.maxVariants)
    .map(([id]) => id);
  const variants = variantIds.map((id) => strings[id]);
  let list: Posting[] = [];
  const { data } = postings;
  // Read in place, not sliced: a slice made an array per posting, for nothing.
  for (let i = 0; i < data.length; i += 5) {
    const impact = data[i + 1];
    const variant = variantIds.indexOf(data[i + 2]);
    list.push({
      doc: data[i],
      impact: impact & 0x7f,
      inTitle: impact >= 0x80,
      variant: variant < 0 ? variants.length : variant,
      passage: data[i + 3],
      titlePosition: data[i + 4],
    });
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
