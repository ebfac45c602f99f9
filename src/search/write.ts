import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildIndexFiles } from "./build.ts";
import type { SearchDoc } from "./model.ts";

/**
 * Builds the index of `docs` and writes its files under `folder` (`dist/search/index/`).
 * Returns each file's text as the embargo audit reads it (decompressed), by absolute path;
 * nothing with `texts: false` (`npm start`, which does not audit).
 */
export function writeSearchIndex(docs: SearchDoc[], folder: string, { texts: keepTexts = true } = {}): Map<string, string> {
  const made = new Set<string>();
  const texts = new Map<string, string>();
  for (const [file, { content, inflated }] of buildIndexFiles(docs)) {
    const target = path.join(folder, file);
    const dir = path.dirname(target);
    if (!made.has(dir)) mkdirSync(dir, { recursive: true }), made.add(dir);
    writeFileSync(target, content);
    if (keepTexts) texts.set(path.resolve(target), inflated.toString());
  }
  return texts;
}
