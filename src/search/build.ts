/**
 * Builds the search index (format in `format.ts`) from published releases.
 * Deterministic: the same releases, in any order, give byte-identical files.
 */
import { deflateRawSync } from "node:zlib";
import { forEachWord, type WordReading } from "./analyze.ts";
import { META_PATH, bodyPath, docPath, encodeEntry, groupPath, shardPath, type IndexMeta, type Posting, type StoredDoc } from "./format.ts";
import type { SearchDoc } from "./model.ts";
import { splitPassages, type Passage } from "./passages.ts";
import { typoBuckets } from "./typos.ts";

/** Tuning of the index, exported for the evaluation. */
export const INDEX_TUNING = {
  /** BM25F: a title occurrence counts as this many body occurrences. */
  titleWeight: 3,
  k1: 1.2,
  titleB: 0.5,
  bodyB: 0.75,
  /** Body-only postings kept for a very common term: the highest impacts win (static pruning); title postings all stay. */
  maxPostings: 250,
  /** Uncompressed bytes a shard is filled to before the next one starts. */
  shardBytes: 2000,
  /** Shards listed per group file `s/N.bin` (see `format.ts`). */
  groupSize: 64,
  /** How many times more often a less literal reading must occur in the corpus to be chosen. */
  readingMargin: 2,
  /** Spellings listed per term for the exact-form bonus. */
  maxVariants: 8,
  /** Characters of the first passage stored with the title. */
  leadChars: 260,
};

interface DocTokens {
  /** Per word: candidate list id, spelling id, passage (-1 for the title). */
  words: Int32Array;
  titleLength: number;
  bodyLength: number;
}

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
  const files = new Map<string, IndexFile>();
  const ordered = [...docs].sort(compareDocs);
  const passagesOf = ordered.map((doc) => splitPassages(doc.text));
  if (part !== "terms") {
    for (const [file, text] of documentTexts(ordered, passagesOf)) files.set(file, deflateIndexFile(text));
  }
  if (part === "documents") return files;
  const langs: Record<string, [number, number]> = {};
  const candidateIds = new Map<string, number>();
  const candidates: (readonly string[])[] = [];
  const spellingIds = new Map<string, number>();
  const spellings: string[] = [];
  const intern = <T>(ids: Map<string, number>, list: T[], key: string, value: T): number => {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = list.push(value) - 1));
    return id;
  };
  // Occurrences per candidate list: the corpus's vote between readings (below).
  const occurrences: number[] = [];
  // A reading's ids, worked out at its first occurrence (so ids are numbered in order of first occurrence).
  const idsOf = new Map<WordReading, { candidate: number; spelling: number } | null>();

  const tokens: DocTokens[] = ordered.map((doc, id) => {
    (langs[doc.lang] ??= [id, id])[1] = id + 1;
    const passages = passagesOf[id];
    const words: number[] = [];
    const add = (reading: WordReading, passage: number): void => {
      let ids = idsOf.get(reading);
      if (ids === undefined) {
        ids = reading.stems.length === 0 ? null : { candidate: intern(candidateIds, candidates, reading.stems.join(" "), reading.stems), spelling: intern(spellingIds, spellings, reading.form, reading.form) };
        idsOf.set(reading, ids);
      }
      if (!ids) return;
      occurrences[ids.candidate] = (occurrences[ids.candidate] ?? 0) + 1;
      words.push(ids.candidate, ids.spelling, passage);
    };
    forEachWord(doc.title, (reading) => add(reading, -1));
    const titleLength = words.length / 3;
    let passage = 0;
    forEachWord(doc.text, (reading, start) => {
      while (passage + 1 < passages.length && passages[passage + 1].start <= start) passage++;
      add(reading, passage);
    });
    forEachWord(doc.tags.join(" "), (reading) => add(reading, 0));
    return { words: Int32Array.from(words), titleLength, bodyLength: words.length / 3 - titleLength };
  });

  // How often each stem is the most literal reading of a word.
  const evidence = new Map<string, number>();
  candidates.forEach((stems, id) => evidence.set(stems[0], (evidence.get(stems[0]) ?? 0) + occurrences[id]));
  // A spelling keeps its most literal reading unless the corpus clearly supports another:
  // وقطر becomes قطر where قطر is common, وزير stays (زير is rare), فرد stays beside رد.
  const support = (stem: string): number => evidence.get(stem) ?? 0;
  const chosen = candidates.map((stems) => stems.reduce((best, stem) => (support(stem) > INDEX_TUNING.readingMargin * support(best) ? stem : best)));
  const postings = collectPostings(tokens, chosen);
  const entries = [...postings.keys()].sort(compareStrings).map((term) => ({ term, bytes: termEntry(term, postings.get(term)!, spellings) }));
  const shards = packShards(entries, files);
  const groups: string[] = [];
  for (let first = 0; first < shards.length; first += INDEX_TUNING.groupSize) {
    const keys = shards.slice(first, first + INDEX_TUNING.groupSize);
    files.set(groupPath(groups.push(keys[0]) - 1), deflateIndexFile(JSON.stringify(keys)));
  }
  const typos = typoBuckets(spellings);
  for (const [file, bytes] of typos.files) files.set(file, deflateIndexFile(bytes));
  const meta: IndexMeta = { format: 2, docs: ordered.length, langs, groups, groupSize: INDEX_TUNING.groupSize, typos: typos.buckets };
  const json = JSON.stringify(meta);
  files.set(META_PATH, { content: json, inflated: json });
  return files;
}

/**
 * Each document's own files (what a result shows), not yet deflated: path → JSON text. Their
 * contents do not depend on the numbering, only their paths do, so a build can take the deflated
 * file of an unchanged document from a cache (see `write.ts`).
 */
export function documentFiles(docs: SearchDoc[]): Map<string, string> {
  const ordered = [...docs].sort(compareDocs);
  return documentTexts(ordered, ordered.map((doc) => splitPassages(doc.text)));
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

/** One term in one release, while the release's words are counted. */
interface DocTerm {
  title: number;
  body: number;
  passage: number;
  titleSpelling: number;
  titlePosition: number;
  /** Flat: spelling id, count; a term has one or two spellings in most releases. */
  spellings: number[];
}

function collectPostings(tokens: DocTokens[], chosen: string[]): Map<string, TermPostings> {
  const { titleWeight, k1, titleB, bodyB } = INDEX_TUNING;
  const average = (pick: (doc: DocTokens) => number): number => Math.max(1, tokens.reduce((sum, doc) => sum + pick(doc), 0) / Math.max(1, tokens.length));
  const titleAverage = average((doc) => doc.titleLength);
  const bodyAverage = average((doc) => doc.bodyLength);
  // Terms by number, so a release's words are counted by number rather than by string.
  const termIds = new Map<string, number>();
  const termOf = chosen.map((term) => termIds.get(term) ?? termIds.set(term, termIds.size).size - 1);
  const byTerm: TermPostings[] = [];
  tokens.forEach((doc, id) => {
    const stats = new Map<number, DocTerm>();
    for (let i = 0; i < doc.words.length; i += 3) {
      const term = termOf[doc.words[i]];
      const spelling = doc.words[i + 1];
      const passage = doc.words[i + 2];
      let stat = stats.get(term);
      if (!stat) stats.set(term, (stat = { title: 0, body: 0, passage: -1, titleSpelling: -1, titlePosition: -1, spellings: [] }));
      if (passage < 0) {
        stat.title++;
        if (stat.titleSpelling < 0) [stat.titleSpelling, stat.titlePosition] = [spelling, i / 3];
      } else {
        stat.body++;
        if (stat.passage < 0) stat.passage = passage;
      }
      let at = 0;
      while (at < stat.spellings.length && stat.spellings[at] !== spelling) at += 2;
      if (at < stat.spellings.length) stat.spellings[at + 1]++;
      else stat.spellings.push(spelling, 1);
    }
    const titleNorm = 1 - titleB + (titleB * doc.titleLength) / titleAverage;
    const bodyNorm = 1 - bodyB + (bodyB * doc.bodyLength) / bodyAverage;
    for (const [term, stat] of stats) {
      const weight = (titleWeight * stat.title) / titleNorm + stat.body / bodyNorm;
      const impact = Math.max(1, Math.round((127 * weight) / (k1 + weight)));
      const entry = (byTerm[term] ??= { df: 0, data: [], spellingCounts: new Map() });
      entry.df++;
      const spelling = stat.titleSpelling >= 0 ? stat.titleSpelling : mostFrequent(stat.spellings);
      entry.data.push(id, (stat.title > 0 ? 0x80 : 0) | impact, spelling, Math.max(0, stat.passage), stat.titlePosition);
      for (let k = 0; k < stat.spellings.length; k += 2) {
        const [form, count] = [stat.spellings[k], stat.spellings[k + 1]];
        entry.spellingCounts.set(form, (entry.spellingCounts.get(form) ?? 0) + count);
      }
    }
  });
  return new Map([...termIds].filter(([, term]) => byTerm[term]).map(([text, term]) => [text, byTerm[term]]));
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
    const kept = new Set(bodyOnly.sort((a, b) => b.impact - a.impact || a.doc - b.doc).slice(0, INDEX_TUNING.maxPostings));
    list = list.filter((posting) => posting.inTitle || kept.has(posting));
  }
  return encodeEntry(term, postings.df, variants, list);
}

/** Groups sorted entries into shards of about `shardBytes`; returns the shard keys. */
function packShards(entries: Array<{ term: string; bytes: number[] }>, files: Map<string, IndexFile>): string[] {
  const keys: string[] = [""];
  let current: number[] = [];
  entries.forEach(({ term, bytes }, i) => {
    if (current.length > 0 && current.length + bytes.length > INDEX_TUNING.shardBytes) {
      files.set(shardPath(keys.length - 1), deflateIndexFile(current));
      keys.push(separator(entries[i - 1].term, term));
      current = [];
    }
    for (const byte of bytes) current.push(byte);
  });
  files.set(shardPath(keys.length - 1), deflateIndexFile(current));
  return keys;
}

/** The shortest prefix of `next` that sorts after `previous`. */
function separator(previous: string, next: string): string {
  for (let length = 1; length < next.length; length++) {
    const prefix = next.slice(0, length);
    if (prefix > previous) return prefix;
  }
  return next;
}

function storedDoc(doc: SearchDoc, lead: string): StoredDoc {
  const limit = INDEX_TUNING.leadChars;
  const cut = lead.length <= limit ? lead : `${lead.slice(0, Math.max(lead.lastIndexOf(" ", limit), limit / 2))} …`;
  return { u: doc.url, t: doc.title, d: doc.date, l: doc.lang, p: cut, ...(doc.displayDate ? { f: doc.displayDate } : {}) };
}

/** The spelling with the highest count (flat pairs of id, count); the smaller id on a tie. */
function mostFrequent(counts: number[]): number {
  let best = -1;
  let bestCount = 0;
  for (let k = 0; k < counts.length; k += 2) if (counts[k + 1] > bestCount || (counts[k + 1] === bestCount && counts[k] < best)) [best, bestCount] = [counts[k], counts[k + 1]];
  return best;
}

/** An index file's contents, raw-deflated as every `.bin` file is. */
export function deflateIndexFile(data: string | number[]): IndexFile {
  const inflated = Buffer.from(data);
  // Index files are small: a 4 KB window loses nothing and makes each call cheap.
  return { content: new Uint8Array(deflateRawSync(inflated, { level: 9, windowBits: 12, memLevel: 7 })), inflated };
}

/** Language, then newest first, then URL: numbering that makes each language one range. */
function compareDocs(a: SearchDoc, b: SearchDoc): number {
  return compareStrings(a.lang, b.lang) || (Date.parse(b.date) || 0) - (Date.parse(a.date) || 0) || compareStrings(a.url, b.url);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
