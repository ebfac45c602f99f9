import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { publishFiles } from "../util/files.ts";
import { hashOf } from "../util/hash.ts";
import { openLinkCache, type LinkCache } from "../util/link-cache.ts";
import { deflateIndexFile, indexTexts, type IndexFile, type IndexPart } from "./build.ts";
import { META_PATH } from "./format.ts";
import type { SearchDoc } from "./model.ts";
import type { Passage } from "./passages.ts";
import { isReleaseTerms, releaseTerms, type ReleaseTerms } from "./release-terms.ts";

/**
 * Builds the index of `docs` and writes its files under `folder` (`dist/search/index/`).
 * With `findLeaks` (the embargo audit's search for traces of the hidden releases, passed in so the
 * index knows nothing of the audit), searches each file as the audit reads it (decompressed), so
 * the audit need not hold or read the index: returns what it found, by absolute path, for every
 * file; nothing without (`npm start`, which does not audit, or nothing hidden). `part`: only those files (see `IndexPart`).
 *
 * With `cacheDir` (a build into a fresh output folder), every deflated file is linked from that
 * cache when a previous build deflated the same contents, and stored there otherwise; and each
 * release's counted words (`release-terms.ts`) are kept there under a hash of its text, so a
 * rebuild analyses only the new and changed releases, and deflates and writes only their
 * documents' files and the shards that hold their words. The documents' files and the terms' go
 * to two folders of the cache, as two threads write them at once. `fingerprint` (of the analysis
 * code, see {@link searchFingerprint}) is noted with the counted words: those of another are not used.
 */
export function writeSearchIndex<Leak>(
  docs: SearchDoc[],
  folder: string,
  { findLeaks: find, part = "all", cacheDir, fingerprint = searchFingerprint() }: { findLeaks?: (text: string) => Leak[]; part?: IndexPart; cacheDir?: string; fingerprint?: string } = {},
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
    const cache = cacheDir ? openLinkCache(path.join(cacheDir, half)) : undefined;
    const termsOf = cacheDir && cache && half === "terms" ? cachedTerms(cache, cache.note === fingerprint, path.join(cacheDir, half)) : releaseTerms;
    const links: Array<[from: string, to: string]> = [];
    for (const [file, contents] of indexTexts(docs, half, termsOf)) {
      if (file === META_PATH) place(file, contents as string, (target) => writeFileSync(target, contents as string));
      else if (!cache) {
        const { content, inflated } = deflateIndexFile(contents);
        place(file, inflated, (target) => writeFileSync(target, content));
      } else {
        const inflated = Buffer.from(contents);
        place(file, inflated, (target) => {
          const key = hashOf(inflated).slice(0, 40);
          const cached = cache.take(key);
          if (cached) return void links.push([cached, target]);
          writeFileSync(target, deflateIndexFile(contents).content);
          cache.add(key, target);
        });
      }
    }
    publishFiles(links);
    cache?.save(fingerprint);
  }
  return found;
}

/**
 * A release's counted words from `cache` when it holds them for the same title, text and tags
 * (and `trusted`: stored by the same analysis code), counted and added to it otherwise. An entry
 * that does not read as counted words is counted again.
 */
function cachedTerms(cache: LinkCache, trusted: boolean, folder: string): (doc: SearchDoc, passages?: Passage[]) => ReleaseTerms {
  mkdirSync(folder, { recursive: true });
  return (doc, passages) => {
    const key = `terms-${hashOf(doc.title, doc.text, ...doc.tags).slice(0, 40)}`;
    const cached = trusted ? cache.take(key) : undefined;
    if (cached) {
      const stored = parsed(readFileSync(cached, "utf8"));
      if (isReleaseTerms(stored)) return stored;
    }
    const terms = releaseTerms(doc, passages);
    // Written beside the cache's files, then linked under its key when the cache is saved.
    const fresh = path.join(folder, `${key}.new`);
    writeFileSync(fresh, JSON.stringify(terms));
    cache.add(key, fresh);
    return terms;
  };
}

function parsed(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

let fingerprint: string | undefined;

/** A hash of the search code (`src/search/`): counted words stored under another were counted by other code. */
export function searchFingerprint(): string {
  if (fingerprint) return fingerprint;
  const names = readdirSync(import.meta.dirname).sort();
  return (fingerprint = hashOf(...names.flatMap((name) => [name, readFileSync(path.join(import.meta.dirname, name))])));
}
