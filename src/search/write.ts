import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { inflateRawSync } from "node:zlib";
import { publishFiles } from "../util/files.ts";
import { contentHash, hashOf } from "../util/hash.ts";
import { openLinkCache, type LinkCache } from "../util/link-cache.ts";
import { modulesOf } from "../util/modules.ts";
import { INDEX_TUNING, deflateIndexFile, documentTexts, indexTexts, orderedDocs, type IndexFile, type IndexPart } from "./build.ts";
import { META_PATH } from "./format.ts";
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
 * `cacheDir/documents` when a previous build deflated the same contents, and stored there
 * otherwise; the terms' half keeps two packs there (`terms-cache.ts`, {@link writeCachedTerms}):
 * each release's counted words, and the files of the last build. The two halves use separate
 * parts of the cache. `fingerprint` (of the analysis code, see
 * {@link searchFingerprint}) is noted in the cache: what another stored is not used.
 */
export function writeSearchIndex<Leak>(
  docs: SearchDoc[],
  folder: string,
  {
    findLeaks: find,
    part = "all",
    cacheDir,
    fingerprint = searchFingerprint(),
  }: { findLeaks?: (text: string) => Leak[]; part?: IndexPart; cacheDir?: string; fingerprint?: string } = {},
): Map<string, Leak[]> {
  const made = new Set<string>();
  const found = new Map<string, Leak[]>();
  const place = (file: string, inflated: IndexFile["inflated"], write: (target: string) => void) => {
    const target = path.join(folder, file);
    const dir = path.dirname(target);
    if (!made.has(dir)) mkdirSync(dir, { recursive: true }), made.add(dir);
    write(target);
    if (find) found.set(path.resolve(target), find(inflated.toString()));
  };
  const halves: IndexPart[] = part === "all" ? ["documents", "terms"] : [part];
  for (const half of halves) {
    if (cacheDir && half === "terms") writeCachedTerms(docs, cacheDir, fingerprint, place);
    else
      writeFiles(
        half === "documents" ? documentTexts(orderedDocs(docs)) : indexTexts(docs, half),
        cacheDir ? openLinkCache(path.join(cacheDir, half)) : undefined,
        fingerprint,
        place,
      );
  }
  return found;
}

type Place = (file: string, inflated: IndexFile["inflated"], write: (target: string) => void) => void;

/**
 * Index files written through a link cache: `write(key, target, bytes)` links the cache's file for
 * `key` at `target` when it has a good one, else writes `bytes()` there and adds it under `key`;
 * `done()` makes the links and saves the cache with `note`.
 */
function throughCache(cache: LinkCache, note: string) {
  const links: Array<[from: string, to: string]> = [];
  return {
    write(key: string, target: string, bytes: () => string | Uint8Array) {
      const cached = cache.take(key);
      if (cached) return void links.push([cached, target]);
      writeFileSync(target, bytes());
      cache.add(key, target);
    },
    done() {
      publishFiles(links);
      cache.save(note);
    },
  };
}

/** Deflates and writes `texts`; with `cache`, links a file from it when it holds the same contents. */
function writeFiles(texts: Iterable<[file: string, contents: string | Uint8Array]>, cache: LinkCache | undefined, fingerprint: string, place: Place): void {
  const stored = cache && throughCache(cache, fingerprint);
  for (const [file, contents] of texts) {
    if (file === META_PATH) place(file, contents as string, (target) => writeFileSync(target, contents as string));
    else if (!stored) {
      const { content, inflated } = deflateIndexFile(contents);
      place(file, inflated, (target) => writeFileSync(target, content));
    } else {
      const inflated = Buffer.from(contents);
      place(file, inflated, (target) => stored.write(hashOf(inflated).slice(0, 40), target, () => deflateIndexFile(contents).content));
    }
  }
  stored?.done();
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
  const stored = throughCache(openLinkCache(path.join(cacheDir, "terms")), fingerprint);
  const put = (file: string, hash: string, inflated: Buffer, bytes: Uint8Array) => place(file, inflated, (target) => stored.write(hash, target, () => bytes));
  if (cached?.build === build) {
    for (const [file, hash, bytes] of cached.files) put(file, hash, file === META_PATH ? Buffer.from(bytes) : inflateRawSync(bytes), bytes);
    return stored.done();
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
  stored.done();
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
