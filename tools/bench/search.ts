import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { folderSize } from "./measure.ts";
import { createSearcher } from "../../src/search/query.ts";
import type { SyntheticRelease } from "./generate.ts";

/** Search figures of a built site; undefined when the site has no search index. */
export interface SearchFigures {
  indexBytes?: number;
  indexFiles?: number;
  /** Median over the queries of the bytes a fresh searcher loads to answer one. */
  medianQueryBytes?: number;
  queries: number;
  /** Queries whose release came back in the first ten results. */
  found?: number;
}

const INDEX_FOLDER = "search/index";

/**
 * Index size, and bytes per query: each query runs through a new searcher (a first-time visitor),
 * its loader counting the bytes of every index file it reads. Queries are a few words of the
 * titles of sampled releases, as a reader types them.
 */
export async function measureSearch(dist: string, sample: SyntheticRelease[], queryCount = 50): Promise<SearchFigures> {
  const index = path.join(dist, INDEX_FOLDER);
  if (!existsSync(index)) return { queries: 0 };
  const size = folderSize(index);
  const figures: SearchFigures = { indexBytes: size.bytes, indexFiles: size.files, queries: 0 };

  const bytes: number[] = [];
  let found = 0;
  for (const release of sample.slice(0, queryCount)) {
    let loaded = 0;
    const searcher = createSearcher(async (file) => {
      const data = await readFile(path.join(index, file));
      loaded += data.byteLength;
      return new Uint8Array(data);
    });
    const words = release.title.split(" ");
    const start = Math.floor(words.length / 3);
    const results = await searcher.search(words.slice(start, start + 3).join(" "), { lang: release.lang });
    if (results.slice(0, 10).some((result) => result.url.includes(path.posix.basename(release.name).replace(/^\d{4}-\d{2}-\d{2}-/, "")))) found++;
    bytes.push(loaded);
  }
  return { ...figures, medianQueryBytes: median(bytes), queries: bytes.length, found };
}

/** The middle value (mean of the two middle ones for an even count); NaN for none. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
