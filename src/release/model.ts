/**
 * The release model: what the parser produces from one file, and what the
 * rest of Bayan (pages, feeds, search, checks) reads.
 */

/** `error` stops the publish; `warning` is printed; `note` (e.g. "no summary") only with `--verbose`. */
export type Severity = "error" | "warning" | "note";

/** One problem found in a file, reported as `file:line: severity: message` plus a hint. */
export interface Diagnostic {
  /** Path of the file as the user knows it, e.g. `releases/2026/budget.txt`. */
  file: string;
  /** 1-based line in the file, when the problem has one. */
  line?: number;
  severity: Severity;
  message: string;
  /** What to do about it, in plain words. */
  hint?: string;
}

/** A calendar date without time or zone. Months are 1-based. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/**
 * A dateline: the opening words of wire copy that say where and when.
 * `الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م (واس) –` or `RIYADH, Nov. 26, 2026 (SPA) —`.
 */
export interface Dateline {
  /** The dateline as written, without the trailing dash. */
  text: string;
  location?: string;
  /** News agency, in brackets or not, e.g. `واس` or `SPA`. */
  agency?: string;
  /** The Gregorian date it gives, or the Gregorian equivalent of its Hijri date. */
  date?: CalendarDate;
  /** The Hijri (Umm al-Qura) date it gives, if any. */
  hijri?: CalendarDate;
}

/**
 * A byline near the top of the copy: `عبدالرحمن الشهري – اليمن` (name – place),
 * `عين اليوم – الرياض` (desk – place) or `الرياض – محمد العتيبي` (place – name).
 */
export interface Byline {
  /** The line as written, spaces tidied. */
  text: string;
  /** The reporter or desk. */
  author?: string;
  location?: string;
}

/** Front matter keys Bayan knows, with their types after validation. */
export interface FrontMatter {
  title?: string;
  /** Kept as written; resolved against the site time zone by `src/dates`. */
  date?: string;
  updated?: string;
  slug?: string;
  lang?: string;
  tags?: string[];
  summary?: string;
  image?: string;
  imageAlt?: string;
  location?: string;
  embargo?: string;
  draft?: boolean;
  translationKey?: string;
  contact?: string;
  /** The media kit's photos (`photos:`), checked by `src/media/entries.ts`. */
  photos?: PhotoEntry[];
  /** The media kit's documents (`files:`). */
  files?: DocumentEntry[];
}

/** One photo of a release's media kit, as front matter gives it. */
export interface PhotoEntry {
  /** Path as written: beside the release file, or `assets/…` from the project folder. */
  file: string;
  alt: string;
  caption?: string;
  /** Photographer or agency. */
  credit?: string;
  /** 1-based line of the entry in the release file. */
  line?: number;
}

/** One document of a release's media kit (PDF, DOCX, XLSX, PPTX, ODT, TXT, ZIP). */
export interface DocumentEntry {
  file: string;
  title?: string;
  /** Language code of the document, e.g. `ar` or `en`. */
  lang?: string;
  line?: number;
}

/** A published file of a media kit: site-relative URL, size in bytes and MIME type. */
export interface MediaFile {
  url: string;
  bytes: number;
  type: string;
}

/** A release's media kit as pages and feeds show it (made by `src/media/build.ts`). */
export interface MediaKit {
  /** Each photo: its original as published (without metadata, pixel size as shown) and its responsive versions for the grid. */
  photos: Array<{
    entry: PhotoEntry;
    original: MediaFile & { width: number; height: number };
    picture: { sources: Array<{ type: string; srcset: string }>; img: { src: string; srcset: string; width: number; height: number } };
  }>;
  documents: Array<{ entry: DocumentEntry; download: MediaFile; label: string }>;
  /** `media-kit.zip`: the text, the photos' originals and the documents. */
  zip: MediaFile;
}

/** What `parseRelease` returns for one file: pure, no file system, no clock. */
export interface ParsedRelease {
  /** Validated known keys. */
  frontMatter: FrontMatter;
  /** Unknown front matter keys, kept as data. */
  extra: Record<string, unknown>;
  /** Title, from front matter or the first line; bidi controls removed. */
  title: string;
  /** 1-based line of the title in the file. */
  titleLine: number;
  dateline?: Dateline;
  /** The byline near the top of the body, taken out of it. */
  byline?: Byline;
  /** The desk a wire title started with (`اقتصادي / …`), taken off the title. */
  desk?: string;
  /** Body as safe HTML (everything from the file escaped), without title, dateline or end mark. */
  bodyHtml: string;
  /** Body as plain text, blocks separated by blank lines: for summaries and search. */
  bodyText: string;
  /**
   * The start of the first real paragraph (after the dateline), or of the body without one, cut
   * at a word (`summarize`): the summary of a release whose front matter gives none. Kept instead
   * of the paragraph, a second copy of a large part of the body in every parse held in memory.
   */
  generatedSummary: string;
  /** 1-based line where the body starts (after front matter): error lines count from the file's top. */
  bodyLine: number;
  /** 1-based line of each front matter key, so later checks can point at it. */
  keyLines: Partial<Record<keyof FrontMatter, number>>;
  diagnostics: Diagnostic[];
}

export type DateSource = "front matter" | "file name" | "dateline" | "git" | "file time";

/** A release resolved against the site: dates, language, URL, published state. */
export interface Release {
  /** Path relative to the project, e.g. `releases/2026/budget.txt`. */
  file: string;
  format: "txt" | "md";
  title: string;
  slug: string;
  lang: string;
  dir: "rtl" | "ltr";
  /** Site-relative URL without path prefix, e.g. `/releases/2026/11/budget/` or `/en/releases/…`. */
  url: string;
  /** ISO 8601 with the site offset, e.g. `2026-11-24T00:00:00.000+03:00`. */
  date: string;
  dateSource: DateSource;
  /** ISO 8601; equals `date` unless front matter `updated` says otherwise. */
  updated: string;
  tags: string[];
  summary: string;
  /** True when the summary was cut from the first paragraph rather than written. */
  summaryGenerated: boolean;
  location?: string;
  dateline?: Dateline;
  byline?: Byline;
  /** The desk from the title's prefix; also a tag unless the site config sets `desks: false`. */
  desk?: string;
  contact?: string;
  image?: string;
  imageAlt?: string;
  /** ISO 8601 with offset. */
  embargo?: string;
  draft: boolean;
  /** Not a draft and not under embargo at build time. */
  published: boolean;
  translationKey?: string;
  /** Stable identifier for feeds: `tag:` URI from the site host, first date and file name. */
  id: string;
  bodyHtml: string;
  bodyText: string;
  extra: Record<string, unknown>;
  /** Open Graph image (the release image cropped, or a drawn card), set by the images plugin before pages render. */
  ogImage?: { url: string; absoluteUrl: string; width: number; height: number; type: string; alt: string };
  /** Media kit entries from front matter (undefined when none). */
  photos?: PhotoEntry[];
  files?: DocumentEntry[];
  /** The media kit, set by the media plugin before pages render, for releases that list photos or files. */
  mediaKit?: MediaKit;
}
