/**
 * Runs queries against an index built by `build.ts`, loading only the files a
 * query needs. The same code runs in the page (files fetched relative to the
 * index URL) and in Node (files read from `dist/search/index/`).
 */
import { analyzeWords, prefixCandidates, stemCandidates, type AnalyzedWord } from "./analyze.ts";
import { excerpt } from "./excerpt.ts";
import {
  LANGS_PATH,
  META_PATH,
  bodyPath,
  decodePostings,
  decodeShard,
  docPath,
  groupPath,
  shardOf,
  shardPath,
  type IndexMeta,
  type Posting,
  type StoredDoc,
  type TermEntry,
} from "./format.ts";
import type { IndexLoader, SearchOptions, SearchResult, Searcher } from "./model.ts";
import { bareForms, decodeTypoBucket, oneEditApart, typoBucket, typoKeys, typoPath } from "./typos.ts";

/** Ranking weights, exported for the evaluation. */
export const QUERY_TUNING = {
  /** Added to a term's BM25F weight (0…1) when the title has it. */
  titleBonus: 0.5,
  /** Added when a release spells the word exactly as the query does. */
  exactBonus: 0.2,
  /** Weight of a completion of the last word, relative to the word itself. */
  prefixWeight: 0.4,
  /** Completions of the last word considered, most common first. */
  prefixTerms: 8,
  /** Added, times the words' mean IDF, when two query words follow each other in a title. */
  phraseBonus: 0.5,
  /** Words of a query that are looked up; a pasted paragraph should not fetch half the index. */
  maxWords: 12,
  /** Evaluation only: count a release only where it spells the word as the query does, as an index of surface forms would. */
  surfaceOnly: false,
  /** Results whose excerpt may come from further into the body (one more file each). */
  bodyFetches: 3,
  /** Weight of a spelling one edit away from a word the index does not know. */
  typoWeight: 0.5,
  /** Spellings one edit away considered per word, most common first. */
  typoTerms: 4,
  /** Letters a typed word needs for typo matching (a word of five with one missing): shorter ones are too often another word. */
  typoMinLetters: 4,
};

interface WordMatch {
  /** Per release: score of the word, the passage and title position it was found at. */
  docs: Map<number, { score: number; passage: number; titlePosition: number }>;
  terms: string[];
  idf: number;
  /**
   * False when the index kept only the strongest postings of one of the word's terms (a very
   * common word): a release missing from them may still hold the word.
   */
  complete: boolean;
}

/** An index file that does not hold what its name says (cut short, overwritten, not an index file). */
export class DamagedIndexError extends Error {
  /** The file, relative to the index folder, e.g. `t/3.bin`. */
  readonly file: string;
  constructor(file: string, reason: string) {
    super(`the search index file ${file} is damaged (${reason})`);
    this.name = "DamagedIndexError";
    this.file = file;
  }
}

/**
 * Creates a searcher over the index that `load` reads.
 * @example
 * const searcher = createSearcher((path) => fetch(new URL(path, indexUrl)).then(async (r) => new Uint8Array(await r.arrayBuffer())));
 * const results = await searcher.search("محطة تحلية", { lang: "ar" });
 */
export function createSearcher(load: IndexLoader): Searcher {
  const files = new Map<string, Promise<Uint8Array>>();
  const shards = new Map<string, Promise<Map<string, TermEntry>>>();
  const groups = new Map<string, Promise<string[]>>();
  let metaPromise: Promise<IndexMeta> | undefined;

  const read = (path: string): Promise<Uint8Array> => {
    let file = files.get(path);
    if (!file) {
      file = load(path).then((data) => (typeof data === "string" ? new TextEncoder().encode(data) : data));
      // A failed fetch is not cached, so the next query tries again.
      file.catch(() => files.delete(path));
      files.set(path, file);
    }
    return file;
  };
  /** A file's contents, inflated unless plain (`meta.json`); a file that cannot be read as such is damaged. */
  const readData = async <T>(path: string, decode: (bytes: Uint8Array) => T, plain = false): Promise<T> => {
    const bytes = await read(path);
    try {
      return decode(plain ? bytes : await inflate(bytes));
    } catch (error) {
      throw new DamagedIndexError(path, (error as Error).message);
    }
  };
  const readJson = <T>(path: string, plain = false): Promise<T> => readData(path, (bytes) => JSON.parse(new TextDecoder().decode(bytes)) as T, plain);
  const meta = (): Promise<IndexMeta> => {
    metaPromise ??= readJson<IndexMeta>(META_PATH, true);
    metaPromise.catch(() => (metaPromise = undefined));
    return metaPromise;
  };
  const shard = (key: string): Promise<Map<string, TermEntry>> => remember(shards, key, () => readData(shardPath(key), decodeShard));
  const group = (key: string): Promise<string[]> => remember(groups, key, () => readJson<string[]>(groupPath(key)));
  /** The shard where `term` is, or would be. */
  const shardFor = async (index: IndexMeta, term: string): Promise<Map<string, TermEntry>> => shard(shardOf(await group(shardOf(index.groups, term)), term));
  let langsPromise: Promise<Uint8Array> | undefined;
  /** Which releases are in `lang`: all when the archive has that language alone (`l.bin` gives each release's otherwise). */
  const inLang = async (index: IndexMeta, lang: string | undefined): Promise<(doc: number) => boolean> => {
    const code = lang === undefined ? -1 : index.langs.indexOf(lang);
    if (lang === undefined || (code === 0 && index.langs.length === 1)) return () => true;
    if (code < 0) return () => false;
    langsPromise ??= readData(LANGS_PATH, (bytes) => bytes);
    langsPromise.catch(() => (langsPromise = undefined));
    const langOf = await langsPromise;
    return (doc) => langOf[doc] === code;
  };
  const lookup = async (index: IndexMeta, term: string): Promise<TermEntry | undefined> => (await shardFor(index, term)).get(term);
  const typoBucketAt = (bucket: number): Promise<string[]> => readData(typoPath(bucket), decodeTypoBucket);

  /**
   * Terms of the spellings one edit away from a word the index does not know (see `typos.ts`),
   * most common first: `الشمصيه` finds `شمس` through `شمسيه`.
   */
  const typoTerms = async (index: IndexMeta, word: AnalyzedWord): Promise<TermEntry[]> => {
    if (!index.typos || word.form.length < QUERY_TUNING.typoMinLetters) return [];
    const typed = bareForms(word.form);
    const keys = [...new Set(typed.flatMap(typoKeys))];
    const buckets = await Promise.all([...new Set(keys.map((key) => typoBucket(key, index.typos!)))].map(typoBucketAt));
    const near = new Set(buckets.flat().filter((bare) => typed.some((form) => oneEditApart(form, bare))));
    // Each spelling's first reading the index knows (as the index chose it for that spelling).
    const firstKnown = async (bare: string): Promise<TermEntry | undefined> => {
      const entries = await Promise.all(stemCandidates(bare).map((stem) => lookup(index, stem)));
      return entries.find((entry) => entry !== undefined);
    };
    const found = new Map((await Promise.all([...near].map(firstKnown))).filter((entry) => entry !== undefined).map((entry) => [entry.term, entry]));
    return [...found.values()].sort((a, b) => b.df - a.df || (a.term < b.term ? -1 : 1)).slice(0, QUERY_TUNING.typoTerms);
  };

  /**
   * Every reading of a word the index knows, each weighed against the first
   * (`وزير` hardly counts as و + `زير`); then, for the last word, its completions.
   */
  const matchWord = async (index: IndexMeta, word: AnalyzedWord, completions: string[], included: (doc: number) => boolean): Promise<WordMatch> => {
    const readings = (await Promise.all(word.stems.map((stem) => lookup(index, stem)))).filter((entry) => entry !== undefined);
    const weighted: Array<[TermEntry, number, number]> = readings.map((entry) => [
      entry,
      entry === readings[0] ? 1 : entry.df / (entry.df + readings[0].df),
      idf(index.docs, entry.df),
    ]);
    const seen = new Set(readings.map((entry) => entry.term));
    const extra: TermEntry[] = [];
    for (const prefix of completions) {
      // Completions come from the shard where the prefix would sort: enough while typing, and one file at most.
      for (const entry of (await shardFor(index, prefix)).values()) {
        if (entry.term.startsWith(prefix) && !seen.has(entry.term)) extra.push(entry), seen.add(entry.term);
      }
    }
    extra.sort((a, b) => b.df - a.df || (a.term < b.term ? -1 : 1));
    for (const entry of extra.slice(0, QUERY_TUNING.prefixTerms)) {
      // A completion never outweighs the word as typed when the index knows that word.
      const weight = idf(index.docs, entry.df);
      weighted.push([entry, QUERY_TUNING.prefixWeight, readings.length ? Math.min(weight, weighted[0][2]) : weight]);
    }
    // A word the index does not know, nor begins, may be mistyped: the spellings one edit away count, for less.
    if (readings.length === 0 && extra.length === 0) {
      for (const entry of await typoTerms(index, word)) weighted.push([entry, QUERY_TUNING.typoWeight, idf(index.docs, entry.df)]);
    }
    const docs: WordMatch["docs"] = new Map();
    for (const [entry, weight, termIdf] of weighted) {
      const reading = readings.includes(entry);
      for (const posting of decodePostings(entry)) {
        if (!included(posting.doc)) continue;
        const exactForm = reading && entry.variants[posting.variant] === word.form;
        if (QUERY_TUNING.surfaceOnly && !exactForm) continue;
        const score = weight * termIdf * termWeight(posting, exactForm);
        const previous = docs.get(posting.doc);
        if (!previous || previous.score < score)
          docs.set(posting.doc, { score, passage: posting.passage, titlePosition: reading ? posting.titlePosition : -1 });
      }
    }
    return { docs, terms: weighted.map(([entry]) => entry.term), idf: weighted[0]?.[2] ?? 0, complete: weighted.every(([entry]) => entry.count === entry.df) };
  };

  const search = async (query: string, options: SearchOptions = {}): Promise<SearchResult[]> => {
    const limit = Math.max(0, options.limit ?? 10);
    const all = analyzeWords(query);
    const words = all.filter((word) => word.stems.length > 0).slice(-QUERY_TUNING.maxWords);
    // The last word may be unfinished while the reader types.
    const last = all[all.length - 1];
    const typing = last !== undefined && /[\p{L}\p{M}\p{N}]$/u.test(query);
    if ((words.length === 0 && !typing) || limit === 0) return [];
    const index = await meta();
    const included = await inLang(index, options.lang);
    // A stop word being typed may start a longer word: completed only when it is all there is.
    const queried = words.length === 0 ? [{ ...last, stems: [] }] : words;
    const matches = await Promise.all(
      queried.map((word) => matchWord(index, word, typing && word.start === last.start ? prefixCandidates(word.form) : [], included)),
    );
    const ranked = rank(matches).slice(0, limit);
    const hitTerms = new Set(matches.flatMap((match) => match.terms));
    return Promise.all(
      ranked.map(async ({ doc }, position) => {
        const stored = await readJson<StoredDoc>(docPath(doc));
        let text = stored.p;
        const passage = bestPassage(matches, doc);
        if (options.excerpt !== false && passage > 0 && position < QUERY_TUNING.bodyFetches) {
          text = (await readJson<string[]>(bodyPath(doc)))[passage - 1] ?? text;
        }
        return {
          url: stored.u,
          title: stored.t,
          date: stored.d,
          lang: stored.l,
          displayDate: stored.f ?? stored.d.slice(0, 10),
          // A word whose postings were pruned may be there all the same: only the others can say it is not.
          allWords: matches.every((match) => !match.complete || match.docs.has(doc)),
          excerpt: options.excerpt === false ? [] : excerpt(text, hitTerms),
        };
      }),
    );
  };

  return { search };
}

/**
 * Releases best first: those holding more of the query's words first (coverage), then by score
 * within one coverage (BM25F per word, title and exact-form bonuses, title phrases). A release
 * holding every word thus outranks one holding fewer, whatever field the fewer are in.
 */
function rank(matches: WordMatch[]): Array<{ doc: number; matched: number; score: number }> {
  const totals = new Map<number, { score: number; matched: number }>();
  for (const match of matches) {
    for (const [doc, { score }] of match.docs) {
      const total = totals.get(doc) ?? { score: 0, matched: 0 };
      totals.set(doc, { score: total.score + score, matched: total.matched + 1 });
    }
  }
  matches.slice(1).forEach((match, i) => {
    const previous = matches[i];
    for (const [doc, found] of match.docs) {
      const before = previous.docs.get(doc);
      if (before && before.titlePosition >= 0 && found.titlePosition === before.titlePosition + 1) {
        totals.get(doc)!.score += (QUERY_TUNING.phraseBonus * (match.idf + previous.idf)) / 2;
      }
    }
  });
  return [...totals].map(([doc, { score, matched }]) => ({ doc, matched, score })).sort((a, b) => b.matched - a.matched || b.score - a.score || b.doc - a.doc);
}

/** What `cache` holds for `key`, made once; a failure is forgotten, so the next query tries again. */
function remember<K, T>(cache: Map<K, Promise<T>>, key: K, make: () => Promise<T>): Promise<T> {
  let made = cache.get(key);
  if (!made) {
    made = make();
    made.catch(() => cache.delete(key));
    cache.set(key, made);
  }
  return made;
}

/** Inverse document frequency as in BM25, never negative. */
function idf(docs: number, df: number): number {
  return Math.log(1 + (docs - df + 0.5) / (df + 0.5));
}

function termWeight(posting: Posting, exactForm: boolean): number {
  return posting.impact / 127 + (posting.inTitle ? QUERY_TUNING.titleBonus : 0) + (exactForm ? QUERY_TUNING.exactBonus : 0);
}

/** The passage where the query's words weigh most in one release. */
function bestPassage(matches: WordMatch[], doc: number): number {
  const weights = new Map<number, number>();
  for (const match of matches) {
    const found = match.docs.get(doc);
    if (found) weights.set(found.passage, (weights.get(found.passage) ?? 0) + found.score);
  }
  let best = 0;
  for (const [passage, weight] of weights) if (weight > (weights.get(best) ?? 0) || (weight === weights.get(best) && passage < best)) best = passage;
  return best;
}

/** Index files are raw DEFLATE; `DecompressionStream` exists in browsers and in Node 18+. */
async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
