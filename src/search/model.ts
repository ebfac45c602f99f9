/** What search indexes and what it returns. */

/** One published release as the indexer receives it. */
export interface SearchDoc {
  /** Site-relative URL without the path prefix, e.g. `/releases/2026/11/desalination-plant/`. */
  url: string;
  title: string;
  /** ISO 8601 with offset, e.g. `2026-11-24T00:00:00+03:00`. */
  date: string;
  lang: string;
  tags: string[];
  /** Plain body text, paragraphs separated by a blank line. */
  text: string;
  /**
   * The date as the site's lists show it (in the release's language), formatted at build time
   * with `formatShortDate`, e.g. `24 نوفمبر 2026` or `24 November 2026`.
   */
  displayDate?: string;
}

/** A piece of an excerpt; `hit` pieces are words that matched the query. */
export interface ExcerptSegment {
  text: string;
  hit: boolean;
}

/** One result, best first. */
export interface SearchResult {
  url: string;
  title: string;
  date: string;
  lang: string;
  /** The date as the site's lists show it (see {@link SearchDoc.displayDate}); the ISO date's `YYYY-MM-DD` when the index has none. */
  displayDate: string;
  /**
   * True when the release holds every word of the query. Releases that do come first; when the
   * first result is false, no release holds them all and the results hold only some.
   */
  allWords: boolean;
  excerpt: ExcerptSegment[];
}

/** Options of one search. */
export interface SearchOptions {
  /** Only releases in this language; all languages when absent. */
  lang?: string;
  /** Most results to return; 10 by default. */
  limit?: number;
  /** Build excerpts (may fetch a release's body); `false` fetches only titles. Default `true`. */
  excerpt?: boolean;
}

/** Runs queries against one index. */
export interface Searcher {
  search(query: string, options?: SearchOptions): Promise<SearchResult[]>;
}

/** Reads one index file by its path relative to the index folder (`fetch` in a page, `readFile` in Node). */
export type IndexLoader = (path: string) => Promise<string | Uint8Array>;
