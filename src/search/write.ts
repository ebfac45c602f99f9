import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { publishFiles } from "../util/files.ts";
import { hashOf } from "../util/hash.ts";
import { openLinkCache } from "../util/link-cache.ts";
import { buildIndexFiles, deflateIndexFile, documentFiles, type IndexFile, type IndexPart } from "./build.ts";
import type { SearchDoc } from "./model.ts";

/**
 * Builds the index of `docs` and writes its files under `folder` (`dist/search/index/`).
 * With `findLeaks` (the embargo audit's search for traces of the hidden releases, passed in so the
 * index knows nothing of the audit), searches each file as the audit reads it (decompressed), so
 * the audit need not hold or read the index: returns what it found, by absolute path, for every
 * file; nothing without (`npm start`, which does not audit, or nothing hidden). `part`: only those files (see `IndexPart`).
 *
 * With `cacheDir` (a build into a fresh output folder), each document's files are linked from
 * that cache when a previous build deflated the same contents, and stored there otherwise: a
 * rebuild deflates and writes only the new and changed releases' files.
 */
export function writeSearchIndex<Leak>(
  docs: SearchDoc[],
  folder: string,
  { findLeaks: find, part = "all", cacheDir }: { findLeaks?: (text: string) => Leak[]; part?: IndexPart; cacheDir?: string } = {},
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
  if (cacheDir && part !== "terms") {
    const cache = openLinkCache(cacheDir);
    const links: Array<[from: string, to: string]> = [];
    for (const [file, text] of documentFiles(docs)) {
      const key = hashOf(text).slice(0, 40);
      place(file, text, (target) => {
        const cached = cache.take(key);
        if (cached) return void links.push([cached, target]);
        writeFileSync(target, deflateIndexFile(text).content);
        cache.add(key, target);
      });
    }
    publishFiles(links);
    cache.save("");
    if (part === "documents") return found;
  }
  const rest = cacheDir && part === "all" ? "terms" : part;
  for (const [file, { content, inflated }] of buildIndexFiles(docs, rest)) place(file, inflated, (target) => writeFileSync(target, content));
  return found;
}
