/**
 * Builds the search index (format in `format.ts`) from published releases.
 * Deterministic: the same releases, in any order, give byte-identical files.
 */
import { deflateRawSync } from "node:zlib";
import { LANGS_PATH, META_PATH, bodyPath, docPath, encodeEntry, type IndexMeta, type Posting, type StoredDoc } from "./format.ts";
import type { SearchDoc } from "./model.ts";
import { splitPassages, type Passage } from "./passages.ts";
import { COUNTS, releaseTerms, type ReleaseTerms } from "./release-terms.ts";
import { packTerms } from "./shards.ts";
import { typoBuckets } from "./typos.ts";

/** Tuning of the index, exported for the evaluation. */
export const INDEX_TUNING = {
  /** BM25F: a title occurrence counts as this many body occurrences. */
  titleWeight: 3,
  k1: 1.2,
  titleB: 0.5,
  bodyB: 0.75,
  /**
   * BM25F's reference lengths (indexed words of a title, and of a body with its tags): fixed, not
   * the archive's averages, so a release's weights depend on that release alone and a new release
   * changes only the shards of its own terms.
   */
  titleLength: 10,
  bodyLength: 150,
  /** Body-only postings kept for a very common term: the highest impacts win (static pruning); title postings all stay. */
  maxPostings: 250,
  /** Uncompressed bytes a shard holds on average (see `shards.ts`). */
  shardBytes: 1600,
  /** Shards a group file `s/N.bin` lists on average. */
  groupShards: 64,
  /** How many times more often a less literal reading must occur in the corpus to be chosen. */
  readingMargin: 2,
  /** Spellings listed per term for the exact-form bonus. */
  maxVariants: 8,
  /** Characters of the first passage stored with the title. */
  leadChars: 260,
};

/**
 * Builds every index file: relative path → contents, to be written under the
 * index folder (`dist/search/index/`).
 */
export function buildSearchIndex(docs: SearchDoc[]): Map<string, string | Uint8Array> {
  return new Map([...buildIndexFiles(docs)].map(([file, { content }]) => [file, content]));
}

/** An index file: what is written, and what a deflated file holds once inflated (the file itself otherwise). */
export interface IndexFile {
  content: string | Uint8Array;
  inflated: string | Buffer;
}

/**
 * Which files to build: all, or one of two halves that two threads can build at once — each
 * document's own files (what a result shows), or the terms' shards and the meta file.
 */
export type IndexPart = "all" | "documents" | "terms";

/** {@link buildSearchIndex}, with each file's inflated contents beside it (for the embargo audit). */
export function buildIndexFiles(docs: SearchDoc[], part: IndexPart = "all"): Map<string, IndexFile> {
  return new Map(
    [...indexTexts(docs, part)].map(([file, text]) => [
      file,
      file === META_PATH ? { content: text as string, inflated: text as string } : deflateIndexFile(text),
    ]),
  );
}

/**
 * The index files of `part`, not yet deflated: path → contents (`meta.json` is the one file
 * published as it is). `termsOf` gives a release's counted words (a cache's, see `write.ts`).
 */
export function indexTexts(
  docs: SearchDoc[],
  part: IndexPart,
  termsOf: (doc: SearchDoc, passages?: Passage[]) => ReleaseTerms = releaseTerms,
): Map<string, string | number[]> {
  const ordered = [...docs].sort(compareDocs);
  // The terms' half splits a release into passages only when it counts its words (see `releaseTerms`).
  const passagesOf = part === "terms" ? undefined : ordered.map((doc) => splitPassages(doc.text));
  const texts: Map<string, string | number[]> = passagesOf ? documentTexts(ordered, passagesOf) : new Map();
  if (part === "documents") return texts;
  const langs = [...new Set(ordered.map((doc) => doc.lang))].sort(compareStrings);
  if (langs.length > 1)
    texts.set(
      LANGS_PATH,
      ordered.map((doc) => langs.indexOf(doc.lang)),
    );
  const { entries, spellings } = termEntries(ordered.map((doc, id) => termsOf(doc, passagesOf?.[id])));
  const { files, groups } = packTerms(entries, INDEX_TUNING);
  for (const [file, contents] of files) texts.set(file, contents);
  const typos = typoBuckets(spellings);
  for (const [file, contents] of typos.files) texts.set(file, contents);
  const meta: IndexMeta = { format: 3, docs: ordered.length, langs, groups, typos: typos.buckets };
  texts.set(META_PATH, JSON.stringify(meta));
  return texts;
}

/**
 * Each term's entry, sorted by term, from every release's counted words; and every spelling seen.
 * A spelling keeps its most literal reading unless the archive clearly supports another: وقطر
 * becomes قطر where قطر is common, وزير stays (زير is rare), فرد stays beside رد. That vote is
 * the one thing a term's postings take from the whole archive.
 */
function termEntries(releases: ReleaseTerms[]): { entries: Array<{ term: string; bytes: number[] }>; spellings: Set<string> } {
  // How often each stem is the most literal reading of a word.
  const evidence = new Map<string, number>();
  const spellings = new Set<string>();
  for (const release of releases) {
    for (let r = 0; r < release.stems.length; r++) {
      const stems = release.stems[r];
      const space = stems.indexOf(" ");
      const literal = space < 0 ? stems : stems.slice(0, space);
      evidence.set(literal, (evidence.get(literal) ?? 0) + release.counts[r * COUNTS] + release.counts[r * COUNTS + 1]);
      spellings.add(release.spellings[r]);
    }
  }
  const support = (stem: string): number => evidence.get(stem) ?? 0;
  const chosen = new Map<string, string>();
  const choose = (stems: string): string => {
    let term = chosen.get(stems);
    if (term === undefined)
      chosen.set(stems, (term = stems.split(" ").reduce((best, stem) => (support(stem) > INDEX_TUNING.readingMargin * support(best) ? stem : best))));
    return term;
  };
  const { postings, spellings: ids } = collectPostings(releases, choose);
  const entries = [...postings.keys()].sort(compareStrings).map((term) => ({ term, bytes: termEntry(term, postings.get(term)!, ids) }));
  return { entries, spellings };
}

/**
 * Each document's own files (what a result shows), not yet deflated: path → JSON text. Their
 * contents do not depend on the numbering, only their paths do, so a build can take the deflated
 * file of an unchanged document from a cache (see `write.ts`).
 */
export function documentFiles(docs: SearchDoc[]): Map<string, string> {
  const ordered = [...docs].sort(compareDocs);
  return documentTexts(
    ordered,
    ordered.map((doc) => splitPassages(doc.text)),
  );
}

function documentTexts(ordered: SearchDoc[], passagesOf: Passage[][]): Map<string, string> {
  const texts = new Map<string, string>();
  ordered.forEach((doc, id) => {
    const passages = passagesOf[id];
    texts.set(docPath(id), JSON.stringify(storedDoc(doc, passages[0]?.text ?? "")));
    if (passages.length > 1) texts.set(bodyPath(id), JSON.stringify(passages.slice(1).map((p) => p.text)));
  });
  return texts;
}

interface TermPostings {
  df: number;
  /** Flat: doc, impact byte, spelling id, passage, title position. */
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
  /** Flat: spelling id, count; a term has one or two spellings in most releases. */
  spellings: number[];
}

function collectPostings(releases: ReleaseTerms[], choose: (stems: string) => string): { postings: Map<string, TermPostings>; spellings: string[] } {
  const { titleWeight, k1, titleB, bodyB, titleLength, bodyLength } = INDEX_TUNING;
  const spellingIds = new Map<string, number>();
  const spellings: string[] = [];
  // Terms by number, so a release's readings are added up by number rather than by string.
  const termIds = new Map<string, number>();
  const termOf = new Map<string, number>();
  const idOf = (stems: string): number => {
    let id = termOf.get(stems);
    if (id === undefined) {
      const term = choose(stems);
      id = termIds.get(term) ?? termIds.set(term, termIds.size).size - 1;
      termOf.set(stems, id);
    }
    return id;
  };
  const byTerm: TermPostings[] = [];
  releases.forEach((release, doc) => {
    const stats = new Map<number, DocTerm>();
    const { counts } = release;
    for (let r = 0; r < release.stems.length; r++) {
      const title = counts[r * COUNTS];
      const body = counts[r * COUNTS + 1];
      const passage = counts[r * COUNTS + 2];
      const titlePosition = counts[r * COUNTS + 3];
      const term = idOf(release.stems[r]);
      const spellingText = release.spellings[r];
      let spelling = spellingIds.get(spellingText);
      if (spelling === undefined) spellingIds.set(spellingText, (spelling = spellings.push(spellingText) - 1));
      let stat = stats.get(term);
      if (!stat) stats.set(term, (stat = { title: 0, body: 0, passage: -1, titleSpelling: -1, titlePosition: -1, spellings: [] }));
      stat.title += title;
      stat.body += body;
      if (passage >= 0 && (stat.passage < 0 || passage < stat.passage)) stat.passage = passage;
      if (titlePosition >= 0 && (stat.titlePosition < 0 || titlePosition < stat.titlePosition))
        [stat.titlePosition, stat.titleSpelling] = [titlePosition, spelling];
      let at = 0;
      while (at < stat.spellings.length && stat.spellings[at] !== spelling) at += 2;
      if (at < stat.spellings.length) stat.spellings[at + 1] += title + body;
      else stat.spellings.push(spelling, title + body);
    }
    const titleNorm = 1 - titleB + (titleB * release.titleLength) / titleLength;
    const bodyNorm = 1 - bodyB + (bodyB * release.bodyLength) / bodyLength;
    for (const [term, stat] of stats) {
      const weight = (titleWeight * stat.title) / titleNorm + stat.body / bodyNorm;
      const impact = Math.max(1, Math.round((127 * weight) / (k1 + weight)));
      const entry = (byTerm[term] ??= { df: 0, data: [], spellingCounts: new Map() });
      entry.df++;
      const spelling = stat.titleSpelling >= 0 ? stat.titleSpelling : mostFrequent(stat.spellings, spellings);
      entry.data.push(doc, (stat.title > 0 ? 0x80 : 0) | impact, spelling, Math.max(0, stat.passage), stat.titlePosition);
      for (let k = 0; k < stat.spellings.length; k += 2) {
        const [form, count] = [stat.spellings[k], stat.spellings[k + 1]];
        entry.spellingCounts.set(form, (entry.spellingCounts.get(form) ?? 0) + count);
      }
    }
  });
  return { postings: new Map([...termIds].map(([term, id]) => [term, byTerm[id]])), spellings };
}

function termEntry(term: string, postings: TermPostings, spellings: string[]): number[] {
  const variantIds = [...postings.spellingCounts]
    .sort((a, b) => b[1] - a[1] || compareStrings(spellings[a[0]], spellings[b[0]]))
    .slice(0, INDEX_TUNING.maxVariants)
    .map(([id]) => id);
  const variants = variantIds.map((id) => spellings[id]);
  let list: Posting[] = [];
  for (let i = 0; i < postings.data.length; i += 5) {
    const variant = variantIds.indexOf(postings.data[i + 2]);
    const impact = postings.data[i + 1];
    const [doc, , , passage, titlePosition] = postings.data.slice(i, i + 5);
    list.push({ doc, impact: impact & 0x7f, inTitle: impact >= 0x80, variant: variant < 0 ? variants.length : variant, passage, titlePosition });
  }
  const bodyOnly = list.filter((posting) => !posting.inTitle);
  if (bodyOnly.length > INDEX_TUNING.maxPostings) {
    // Every title match stays; of the others, the strongest. The rest add little to any ranking.
    const kept = new Set(bodyOnly.sort((a, b) => b.impact - a.impact || b.doc - a.doc).slice(0, INDEX_TUNING.maxPostings));
    list = list.filter((posting) => posting.inTitle || kept.has(posting));
  }
  return encodeEntry(term, postings.df, variants, list);
}

function storedDoc(doc: SearchDoc, lead: string): StoredDoc {
  const limit = INDEX_TUNING.leadChars;
  const cut = lead.length <= limit ? lead : `${lead.slice(0, Math.max(lead.lastIndexOf(" ", limit), limit / 2))} …`;
  return { u: doc.url, t: doc.title, d: doc.date, l: doc.lang, p: cut, ...(doc.displayDate ? { f: doc.displayDate } : {}) };
}

/** The spelling with the highest count (flat pairs of id, count); the first in code unit order on a tie. */
function mostFrequent(counts: number[], spellings: string[]): number {
  let best = -1;
  let bestCount = 0;
  for (let k = 0; k < counts.length; k += 2) {
    if (counts[k + 1] > bestCount || (counts[k + 1] === bestCount && spellings[counts[k]] < spellings[best])) [best, bestCount] = [counts[k], counts[k + 1]];
  }
  return best;
}

/** An index file's contents, raw-deflated as every `.bin` file is. */
export function deflateIndexFile(data: string | number[]): IndexFile {
  const inflated = Buffer.from(data);
  // Index files are small: a 4 KB window loses nothing and makes each call cheap.
  return { content: new Uint8Array(deflateRawSync(inflated, { level: 9, windowBits: 12, memLevel: 7 })), inflated };
}

/** The releases in the order that numbers them (see {@link compareDocs}). */
export function orderedDocs(docs: SearchDoc[]): SearchDoc[] {
  return [...docs].sort(compareDocs);
}

/**
 * Oldest first, then by URL: a new newest release takes the next number and no other release's
 * number changes (a release deleted or back-dated renumbers those after it).
 */
function compareDocs(a: SearchDoc, b: SearchDoc): number {
  return (Date.parse(a.date) || 0) - (Date.parse(b.date) || 0) || compareStrings(a.url, b.url);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
