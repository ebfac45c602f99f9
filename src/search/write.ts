import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { inflateRawSync } from "node:zlib";
import { folderMaker, publishFiles } from "../util/files.ts";
import { contentHash, hashOf } from "../util/hash.ts";
import { openLinkCache, type LinkCache } from "../util/link-cache.ts";
import { modulesOf } from "../util/modules.ts";
import { INDEX_TUNING, deflateIndexFile, documentTexts, indexTexts, orderedDocs, releaseDocumentTexts, type IndexFile, type IndexPart } from "./build.ts";
import { META_PATH, bodyPath, docPath } from "./format.ts";
import { splitPassages } from "./passages.ts";
import type { SearchDoc } from "./model.ts";
import { forgetAnalyzedWords } from "./analyze.ts";
import { type Archive, ArchiveBuilder, readingsOf } from "./archive.ts";
import { releaseTerms } from "./release-terms.ts";
import { type BuiltTerms, type CachedAnalyses, readAnalyses, readBuiltTerms, saveAnalyses, saveBuiltTerms } from "./terms-cache.ts";
import { emitTermFiles, type PreviousTerms } from "./terms-index.ts";
import { typoPath } from "./typos.ts";

/**
 * Builds the index of `docs` and writes its files under `folder` (`dist/search/index/`).
 * With `findLeaks` (the embargo audit's search for traces of the hidden releases, passed in so the
 * index knows nothing of the audit), searches each file as the audit reads it (decompressed), so
 * the audit need not hold or read the index: returns what it found, by absolute path, for every
 * file; nothing without (`npm start`, which does not audit, or nothing hidden). `part`: only those files (see `IndexPart`).
 *
 * With `cacheDir` (a build into a fresh output folder), the documents' files are linked from
 * `cacheDir/documents` when a previous build made them from the same release
 * ({@link writeCachedDocuments}), and stored there otherwise; the terms' half keeps two packs there
 * (`terms-cache.ts`, {@link writeCachedTerms}): each release's counted words, and the files of the
 * last build. The two halves use separate parts of the cache. `fingerprint` (of the analysis code,
 * see {@link searchFingerprint}) is noted in the cache: what another stored is not used.
 * `leaksKey`, a hash of what `findLeaks` searches for (`leakFinderKey` of the audit's targets), lets a document's
 * file that a build under the same key searched and found clean go unsearched.
 */
export function writeSearchIndex<Leak>(
  docs: SearchDoc[],
  folder: string,
  {
    findLeaks: find,
    leaksKey,
    part = "all",
    cacheDir,
    fingerprint = searchFingerprint(),
  }: { findLeaks?: (text: string) => Leak[]; leaksKey?: string; part?: IndexPart; cacheDir?: string; fingerprint?: string } = {},
): Map<string, Leak[]> {
  const makeFolder = folderMaker();
  const found = new Map<string, Leak[]>();
  const place: Place = (file, inflated, write) => {
    const target = path.join(folder, file);
    makeFolder(target);
    write(target);
    if (!find) return false;
    const leaks = inflated === CLEAN ? [] : find((typeof inflated === "function" ? inflated() : inflated).toString());
    found.set(path.resolve(target), leaks);
    return leaks.length > 0;
  };
  const halves: IndexPart[] = part === "all" ? ["documents", "terms"] : [part];
  for (const half of halves) {
    if (cacheDir && half === "terms") writeCachedTerms(docs, cacheDir, fingerprint, place);
    else if (cacheDir) writeCachedDocuments(docs, cacheDir, fingerprint, find ? leaksKey : undefined, place);
    else writeFiles(half === "documents" ? documentTexts(orderedDocs(docs)) : indexTexts(docs, half), place);
  }
  return found;
}

/** What a file holds, for `Place`, when a search under the same key found nothing in it: it is not searched again. */
const CLEAN = Symbol("clean");

/**
 * Places an index file at `file` (relative to the index folder) with `write`, and searches what it
 * holds (`inflated`, or read when needed) for leaks when the build audits: true when the search found any.
 */
type Place = (file: string, inflated: IndexFile["inflated"] | (() => IndexFile["inflated"]) | typeof CLEAN, write: (target: string) => void) => boolean;

/**
 * Index files written through a link cache: `write(key, target, bytes)` links the cache's file for
 * `key` at `target` when it has a good one, else writes `bytes()` there and adds it under `key`;
 * `done(note)` makes the links and saves the cache with `note`.
 */
function throughCache(cache: LinkCache) {
  const links: Array<[from: string, to: string]> = [];
  return {
    write(key: string, target: string, bytes: () => string | Uint8Array) {
      const cached = cache.take(key);
      if (cached) return void links.push([cached, target]);
      writeFileSync(target, bytes());
      cache.add(key, target);
    },
    /** Links `cached`, a file `take` gave, at `target`. */
    link: (cached: string, target: string) => void links.push([cached, target]),
    done(note: string) {
      publishFiles(links);
      cache.save(note);
    },
  };
}

/** Deflates and writes `texts` (a build without a cache). */
function writeFiles(texts: Iterable<[file: string, contents: string | Uint8Array]>, place: Place): void {
  for (const [file, contents] of texts) {
    if (file === META_PATH) place(file, contents as string, (target) => writeFileSync(target, contents as string));
    else {
      const { content, inflated } = deflateIndexFile(contents);
      place(file, inflated, (target) => writeFileSync(target, content));
    }
  }
}

/** What the documents' cache notes besides its files. */
interface DocumentsNote {
  /** The analysis code's fingerprint the files were made under. */
  fingerprint: string;
  /** Each release's files, by the release's key (a hash of all the index knows of it): their keys in the cache, its record first. */
  releases: Record<string, string[]>;
  /** The `leaksKey` the files were searched under, and the keys of those in which that search found something. */
  leaksKey?: string;
  leaky: string[];
}

/**
 * The documents' half with its cache (`cacheDir/documents`). A release whose files a previous
 * build made from the same release, under the same code, has them linked from the cache as they
 * are: its passages are not split, its files not made, hashed or deflated again. They are not
 * searched again either when that build searched them under the same `leaksKey` and found nothing
 * in them. Any other release's files are made, stored in the cache under their contents' hash
 * (so a release whose text changed back, or another with the same body, links them again).
 */
function writeCachedDocuments(docs: SearchDoc[], cacheDir: string, fingerprint: string, leaksKey: string | undefined, place: Place): void {
  const cache = openLinkCache(path.join(cacheDir, "documents"));
  const noted = readDocumentsNote(cache.note, fingerprint);
  const leaky = new Set(noted.leaksKey === leaksKey ? noted.leaky : []);
  const searchedClean = (key: string) => leaksKey !== undefined && noted.leaksKey === leaksKey && !leaky.has(key);
  const note: DocumentsNote = { fingerprint, releases: {}, leaksKey, leaky: [] };
  const stored = throughCache(cache);
  const ordered = orderedDocs(docs);
  ordered.forEach((doc, id) => {
    const release = hashOf(JSON.stringify(doc)).slice(0, 40);
    const keys = Object.hasOwn(noted.releases, release) ? noted.releases[release] : undefined;
    const cached = Array.isArray(keys) && keys.length > 0 && keys.length <= 2 ? keys.map((key) => cache.take(String(key))) : undefined;
    if (keys && cached?.every((file) => file !== undefined)) {
      const paths = [docPath(id), bodyPath(id)];
      keys.forEach((key, i) => {
        const found = place(paths[i], searchedClean(key) ? CLEAN : () => inflateRawSync(readFileSync(cached[i]!)), (target) => stored.link(cached[i]!, target));
        if (found) note.leaky.push(key);
      });
      note.releases[release] = keys;
      return;
    }
    const made: string[] = [];
    for (const [file, contents] of releaseDocumentTexts(id, doc, splitPassages(doc.text))) {
      const inflated = Buffer.from(contents);
      const key = hashOf(inflated).slice(0, 40);
      if (place(file, inflated, (target) => stored.write(key, target, () => deflateIndexFile(contents).content))) note.leaky.push(key);
      made.push(key);
    }
    note.releases[release] = made;
  });
  stored.done(JSON.stringify(note));
}

/** The documents' cache's note, when it is one made under `fingerprint`; else one that knows nothing. */
function readDocumentsNote(note: string, fingerprint: string): DocumentsNote {
  try {
    const parsed = JSON.parse(note) as DocumentsNote;
    const object = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);
    if (object(parsed) && parsed.fingerprint === fingerprint && object(parsed.releases) && Array.isArray(parsed.leaky)) return parsed;
  } catch {
    // Another version's note, or none.
  }
  return { fingerprint, releases: {}, leaky: [] };
}

/**
 * The terms' half with its cache (`terms-cache.ts`). When the releases, in their order, and the
 * code and tuning are those of the cached build, its files are published as they are, with no
 * release analysed and no posting counted. Otherwise only the releases not seen before are
 * analysed, the terms they touch are worked out again from the last build's shards
 * (`terms-index.ts`), and a file whose contents the cached build had is not deflated again.
 * Either way a file the last build wrote is linked from `cacheDir/terms` (a link cache, as the
 * documents' files are) rather than created again. The cache is saved after the index files are written.
 */
function writeCachedTerms(docs: SearchDoc[], cacheDir: string, fingerprint: string, place: Place): void {
  const ordered = orderedDocs(docs);
  const keys = ordered.map((doc) => hashOf(doc.title, doc.text, ...doc.tags).slice(0, 40));
  const build = hashOf(fingerprint, JSON.stringify(INDEX_TUNING), ...ordered.flatMap((doc, r) => [doc.lang, keys[r]]));
  const cached = readBuiltTerms(cacheDir, fingerprint);
  // Each file the last build wrote is linked from `terms/`, not created again: on a slow disk the
  // thousands of files of the terms cost seconds to create, a link a fraction of that.
  const stored = throughCache(openLinkCache(path.join(cacheDir, "terms")));
  const put = (file: string, hash: string, inflated: Buffer, bytes: Uint8Array) => place(file, inflated, (target) => stored.write(hash, target, () => bytes));
  if (cached?.build === build) {
    for (const [file, hash, bytes] of cached.files) put(file, hash, file === META_PATH ? Buffer.from(bytes) : inflateRawSync(bytes), bytes);
    return stored.done(fingerprint);
  }
  const analysed = readAnalyses(cacheDir, fingerprint);
  const archive = archiveOf(ordered, keys, analysed);
  const previous: PreviousTerms | undefined =
    analysed && cached?.terms === termsKey(analysed.keys) ? { archive: analysed.archive, shards: shardsOf(cached), typos: typosOf(cached) } : undefined;
  const deflated = new Map(cached?.files.map(([, hash, bytes]) => [hash, bytes]));
  const files: BuiltTerms["files"] = [];
  const { typos } = emitTermFiles(
    archive,
    ordered.map((doc) => doc.lang),
    (file, contents) => {
      const inflated = typeof contents === "string" ? Buffer.from(contents) : Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength);
      const hash = contentHash(inflated);
      const bytes: Uint8Array = file === META_PATH ? inflated : (deflated.get(hash) ?? (deflateIndexFile(contents).content as Uint8Array));
      put(file, hash, inflated, bytes);
      files.push([file, hash, bytes]);
    },
    previous,
  );
  stored.done(fingerprint);
  saveBuiltTerms(cacheDir, fingerprint, { build, terms: termsKey(keys), typos, files });
  if (analysed?.keys.length !== keys.length || analysed.keys.some((key, r) => key !== keys[r])) saveAnalyses(cacheDir, fingerprint, { archive, keys });
}

/** The counted words of the releases, in order: the cache's where it has a release's key, analysed otherwise. */
function archiveOf(ordered: SearchDoc[], keys: string[], analysed: CachedAnalyses | undefined): Archive {
  const known = new Map(analysed?.keys.map((key, r) => [key, r]));
  const builder = new ArchiveBuilder(analysed?.archive.strings);
  ordered.forEach((doc, r) => {
    const at = known.get(keys[r]);
    if (at === undefined || !analysed) return builder.addTerms(releaseTerms(doc));
    const { archive } = analysed;
    builder.addPacked(readingsOf(archive, at), archive.lengths[at * 2], archive.lengths[at * 2 + 1]);
  });
  // Every release's words are counted: the memo of analyzed words would only take memory from here on.
  forgetAnalyzedWords();
  return builder.finish();
}

/** What the terms' shards are made from: the tuning and the counted words of the releases with these keys, in order. */
const termsKey = (keys: string[]): string => hashOf(JSON.stringify(INDEX_TUNING), ...keys);

/** The cached build's typo buckets: their number and size, and each one's text, inflated when asked for. */
function typosOf({ typos, files }: BuiltTerms): PreviousTerms["typos"] {
  const bytes = new Map(files.map(([file, , deflated]) => [file, deflated]));
  return { ...typos, bucket: (i) => inflateRawSync(bytes.get(typoPath(i)) ?? new Uint8Array()).toString("utf8") };
}

/** The cached build's shards, inflated one at a time, in the order they were written (their terms' order). */
function* shardsOf(cached: BuiltTerms): Generator<Uint8Array> {
  for (const [file, , bytes] of cached.files) if (file.startsWith("t/")) yield inflateRawSync(bytes);
}

let fingerprint: string | undefined;

/**
 * A hash of the code that analyses and indexes words (every module the index's worker is made
 * of) and of the stemmer package's version. A cache stored under another was made by other code.
 */
export function searchFingerprint(): string {
  if (fingerprint) return fingerprint;
  const source = path.resolve(import.meta.dirname, "..");
  const stemmer = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("stemmer/package.json"), "utf8")) as { version: string };
  return (fingerprint = hashOf(
    ...modulesOf(source, ["search/worker"]).flatMap((file) => [file, readFileSync(path.join(source, file))]),
    `stemmer ${stemmer.version}`,
  ));
}
