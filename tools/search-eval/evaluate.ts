/**
 * Scoring of known-item queries and bytes fetched per query, with the searcher the browser runs
 * (`createSearcher`) over index files held in memory.
 */
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { createSearcher } from "../../src/search/query.ts";
import { QUERY_KINDS, type KnownItemQuery, type QueryKind } from "./queries.ts";

export interface KindScore {
  queries: number;
  mrr10: number;
  success1: number;
  success10: number;
}

export interface Evaluation {
  scores: Record<QueryKind, KindScore>;
  /** Queries whose release was not first: the query, its rank (0 = not in the top 10), the title ranked first. */
  misses: Array<{ query: KnownItemQuery; rank: number; first?: string }>;
}

/** Runs every query on one searcher and scores the rank of the release it came from. */
export async function evaluate(files: Map<string, string | Uint8Array>, queries: KnownItemQuery[]): Promise<Evaluation> {
  const searcher = createSearcher(async (path) => files.get(path)!);
  const ranks = Object.fromEntries(QUERY_KINDS.map((kind) => [kind, [] as number[]])) as Record<QueryKind, number[]>;
  const misses: Evaluation["misses"] = [];
  for (const query of queries) {
    const results = await searcher.search(query.query, { limit: 10, excerpt: false });
    const rank = results.findIndex((result) => result.url === query.url) + 1;
    ranks[query.kind].push(rank);
    if (rank !== 1) misses.push({ query, rank, first: results[0]?.title });
  }
  const score = (list: number[]): KindScore => ({
    queries: list.length,
    mrr10: mean(list.map((rank) => (rank > 0 ? 1 / rank : 0))),
    success1: mean(list.map((rank) => (rank === 1 ? 1 : 0))),
    success10: mean(list.map((rank) => (rank > 0 ? 1 : 0))),
  });
  return { scores: Object.fromEntries(QUERY_KINDS.map((kind) => [kind, score(ranks[kind])])) as Record<QueryKind, KindScore>, misses };
}

/**
 * Bytes of index data fetched by the first query of a fresh page and by the
 * query after it in the same page, for `queries` taken in pairs; `byFolder`
 * sums the later queries' bytes by the folder of the file (`t`, `d`, `b`).
 */
export async function bytesPerQuery(
  files: Map<string, string | Uint8Array>,
  queries: KnownItemQuery[],
): Promise<{ first: number[]; later: number[]; byFolder: Record<string, number> }> {
  const first: number[] = [];
  const later: number[] = [];
  const byFolder: Record<string, number> = {};
  for (let i = 0; i + 1 < queries.length; i += 2) {
    let fetched = 0;
    let counting = false;
    const searcher = createSearcher(async (path) => {
      const file = files.get(path)!;
      fetched += file.length;
      if (counting) byFolder[path.split("/")[0]] = (byFolder[path.split("/")[0]] ?? 0) + file.length;
      return file;
    });
    await searcher.search(queries[i].query, { limit: 10 });
    first.push(fetched);
    fetched = 0;
    counting = true;
    await searcher.search(queries[i + 1].query, { limit: 10 });
    later.push(fetched);
  }
  return { first, later, byFolder };
}

export async function clientScriptBytes(): Promise<{ minified: number; gzipped: number }> {
  const result = await build({ entryPoints: ["assets/search/client.ts"], bundle: true, minify: true, format: "esm", write: false, logLevel: "silent" });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

function mean(values: number[]): number {
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : 0;
}

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
}

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function shuffled<T>(list: T[], random: () => number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

export function printScores(label: string, scores: Record<QueryKind, KindScore>): void {
  console.log(`  ${label.padEnd(22)} ${"queries".padStart(7)} ${"MRR@10".padStart(7)} ${"S@1".padStart(6)} ${"S@10".padStart(6)}`);
  for (const kind of QUERY_KINDS) {
    const s = scores[kind];
    console.log(
      `  ${kind.padEnd(22)} ${String(s.queries).padStart(7)} ${s.mrr10.toFixed(3).padStart(7)} ${s.success1.toFixed(3).padStart(6)} ${s.success10.toFixed(3).padStart(6)}`,
    );
  }
}
