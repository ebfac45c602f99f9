import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildSearchIndex } from "./build.ts";
import type { SearchDoc } from "./model.ts";

/** Builds the index of `docs` and writes its files under `folder` (`dist/search/index/`). */
export function writeSearchIndex(docs: SearchDoc[], folder: string): void {
  const made = new Set<string>();
  for (const [file, content] of buildSearchIndex(docs)) {
    const target = path.join(folder, file);
    const dir = path.dirname(target);
    if (!made.has(dir)) mkdirSync(dir, { recursive: true }), made.add(dir);
    writeFileSync(target, content);
  }
}
