import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createLeakFinder, type AuditTargets, type Match } from "../site/audit.ts";
import { buildIndexFiles, type IndexPart } from "./build.ts";
import type { SearchDoc } from "./model.ts";

/**
 * Builds the index of `docs` and writes its files under `folder` (`dist/search/index/`).
 * With `audit`, searches each file as the embargo audit reads it (decompressed) for traces of the
 * hidden releases, so the audit need not hold or read the index: returns what it found, by
 * absolute path, for every file; nothing without (`npm start`, which does not audit) or when
 * nothing is hidden. `part`: only those files (see `IndexPart`).
 */
export function writeSearchIndex(docs: SearchDoc[], folder: string, { audit, part = "all" }: { audit?: AuditTargets; part?: IndexPart } = {}): Map<string, Match[]> {
  const made = new Set<string>();
  const found = new Map<string, Match[]>();
  const find = audit && audit.hidden.length > 0 ? createLeakFinder(audit.hidden, audit.published) : undefined;
  for (const [file, { content, inflated }] of buildIndexFiles(docs, part)) {
    const target = path.join(folder, file);
    const dir = path.dirname(target);
    if (!made.has(dir)) mkdirSync(dir, { recursive: true }), made.add(dir);
    writeFileSync(target, content);
    if (find) found.set(path.resolve(target), find(inflated.toString()));
  }
  return found;
}
