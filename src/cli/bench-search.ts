/**
 * `npm run bench:search`: known-item evaluation of search on a synthetic corpus
 * (see `src/search/eval/corpus.ts`; there is no real news archive offline).
 * Prints MRR@10 and success@1/@10 per query kind, index size and bytes fetched
 * per query, for each archive size.
 *
 *   tsx src/cli/bench-search.ts [--docs 1000,10000] [--queries 300] [--seed 1] [--ablation] [--misses N] [--json FILE]
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { buildSearchIndex } from "../search/build.ts";
import { seededRandom, syntheticCorpus } from "../search/eval/corpus.ts";
import { phraseCeiling } from "../search/eval/ceiling.ts";
import { knownItemQueries, type KnownItemQuery, type QueryKind } from "../search/eval/queries.ts";
import { QUERY_TUNING, createSearcher } from "../search/query.ts";

const KINDS: QueryKind[] = ["title", "variant", "content"];

interface KindScore {
  queries: number;
  mrr10: number;
  success1: number;
  success10: number;
}

interface Evaluation {
  scores: Record<QueryKind, KindScore>;
  /** Queries whose release was not first: the query, its rank (0 = not in the top 10), the title ranked first. */
  misses: Array<{ query: KnownItemQuery; rank: number; first?: string }>;
}

/** Runs every query on one searcher and scores the rank of the release it came from. */
async function evaluate(files: Map<string, string | Uint8Array>, queries: KnownItemQuery[]): Promise<Evaluation> {
  const searcher = createSearcher(async (path) => files.get(path)!);
  const ranks: Record<QueryKind, number[]> = { title: [], variant: [], content: [] };
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
  return { scores: { title: score(ranks.title), variant: score(ranks.variant), content: score(ranks.content) }, misses };
}

/**
 * Bytes of index data fetched by the first query of a fresh page and by the
 * query after it in the same page, for `queries` taken in pairs; `byFolder`
 * sums the later queries' bytes by the folder of the file (`t`, `d`, `b`).
 */
async function bytesPerQuery(files: Map<string, string | Uint8Array>, queries: KnownItemQuery[]): Promise<{ first: number[]; later: number[]; byFolder: Record<string, number> }> {
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

async function clientScriptBytes(): Promise<{ minified: number; gzipped: number }> {
  const result = await build({ entryPoints: ["assets/search/client.ts"], bundle: true, minify: true, format: "esm", write: false, logLevel: "silent" });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

function mean(values: number[]): number {
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : 0;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function shuffled<T>(list: T[], random: () => number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function printScores(label: string, scores: Record<QueryKind, KindScore>): void {
  console.log(`  ${label.padEnd(22)} ${"queries".padStart(7)} ${"MRR@10".padStart(7)} ${"S@1".padStart(6)} ${"S@10".padStart(6)}`);
  for (const kind of KINDS) {
    const s = scores[kind];
    console.log(`  ${kind.padEnd(22)} ${String(s.queries).padStart(7)} ${s.mrr10.toFixed(3).padStart(7)} ${s.success1.toFixed(3).padStart(6)} ${s.success10.toFixed(3).padStart(6)}`);
  }
}

const ABLATIONS: Array<[string, Partial<typeof QUERY_TUNING>]> = [
  ["surface forms only (approx.)", { surfaceOnly: true, prefixWeight: 0 }],
  ["no exact-form bonus", { exactBonus: 0 }],
  ["no title bonus", { titleBonus: 0 }],
  ["no prefix matching", { prefixWeight: 0 }],
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      docs: { type: "string", default: "1000,10000" },
      queries: { type: "string", default: "300" },
      seed: { type: "string", default: "1" },
      ablation: { type: "boolean", default: false },
      misses: { type: "string", default: "0" },
      json: { type: "string" },
    },
  });
  const seed = Number(values.seed);
  const perKind = Number(values.queries);
  const script = await clientScriptBytes();
  console.log(`Search evaluation on a SYNTHETIC corpus (seed ${seed}): known-item queries, ${perKind} per kind.`);
  console.log(`Client script: ${kb(script.minified)} minified, ${kb(script.gzipped)} gzipped.`);
  console.log("Reference to beat (Pagefind): MRR@10 0.93 title / 0.81 variant / 0.92 content, 321 KB first query.\n");
  const report: Record<string, unknown> = { synthetic: true, seed, script };
  for (const count of values.docs.split(",").map(Number)) {
    const docs = syntheticCorpus(count, seed + count);
    const started = performance.now();
    const files = buildSearchIndex(docs);
    const buildSeconds = (performance.now() - started) / 1000;
    const sizeOf = (prefix: string): [number, number] => {
      const matching = [...files].filter(([path]) => path.startsWith(prefix));
      return [matching.length, matching.reduce((sum, [, data]) => sum + data.length, 0)];
    };
    const [fileCount, total] = sizeOf("");
    const random = seededRandom(seed * 7919 + count);
    const queries = shuffled(knownItemQueries(docs, perKind, random), random);
    const evaluation = await evaluate(files, queries);
    const bytes = await bytesPerQuery(files, queries.slice(0, 300));
    const first = bytes.first.map((data) => data + script.gzipped);
    console.log(`${count.toLocaleString("en")} releases: index ${mb(total)} in ${fileCount.toLocaleString("en")} files, built in ${buildSeconds.toFixed(1)} s`);
    for (const [label, prefix] of [["meta.json", "meta"], ["term shards", "t/"], ["titles + leads", "d/"], ["bodies", "b/"]]) {
      const [n, bytes] = sizeOf(prefix);
      console.log(`  ${label.padEnd(15)} ${String(n).padStart(6)} files ${(bytes < 1 << 20 ? kb(bytes) : mb(bytes)).padStart(9)}`);
    }
    printScores("kind", evaluation.scores);
    const ceiling = phraseCeiling(docs, queries);
    console.log(`  ceiling (titles sharing the queried phrase tie at random): title ${ceiling.title?.toFixed(3)}, variant ${ceiling.variant?.toFixed(3)}`);
    for (const miss of evaluation.misses.slice(0, Number(values.misses))) {
      const target = docs.find((doc) => doc.url === miss.query.url)?.title;
      console.log(`    ${miss.query.kind} rank ${miss.rank || "-"}: «${miss.query.query}» in «${target}»; first: «${miss.first ?? ""}»`);
    }
    const targets = [
      ...KINDS.map((kind): [string, boolean] => [`MRR@10 ${kind} >= 0.93`, evaluation.scores[kind].mrr10 >= 0.93]),
      ["success@10 variant >= 0.95", evaluation.scores.variant.success10 >= 0.95] as [string, boolean],
      ["first query < 200 KB", Math.max(...first) < 200 * 1024] as [string, boolean],
      ["next query median < 10 KB", quantile(bytes.later, 0.5) < 10 * 1024] as [string, boolean],
    ];
    console.log(`  targets: ${targets.map(([label, met]) => `${label} ${met ? "met" : "MISSED"}`).join("; ")}`);
    console.log(`  first query in a fresh page (script + index data): median ${kb(quantile(first, 0.5))}, max ${kb(Math.max(...first))}`);
    const perQuery = Object.entries(bytes.byFolder).map(([folder, total]) => `${folder}/ ${kb(total / bytes.later.length)}`);
    console.log(`  next query in the same page: median ${kb(quantile(bytes.later, 0.5))}, p90 ${kb(quantile(bytes.later, 0.9))} (mean by folder: ${perQuery.join(", ")})\n`);
    const entry: Record<string, unknown> = {
      indexBytes: total,
      files: fileCount,
      buildSeconds,
      scores: evaluation.scores,
      phraseCeiling: ceiling,
      firstQueryBytes: { median: quantile(first, 0.5), max: Math.max(...first) },
      laterQueryBytes: { median: quantile(bytes.later, 0.5), p90: quantile(bytes.later, 0.9) },
    };
    if (values.ablation) {
      const ablations: Record<string, unknown> = {};
      for (const [label, change] of ABLATIONS) {
        const saved = { ...QUERY_TUNING };
        Object.assign(QUERY_TUNING, change);
        const ablated = await evaluate(files, queries);
        Object.assign(QUERY_TUNING, saved);
        printScores(label, ablated.scores);
        ablations[label] = ablated.scores;
      }
      entry.ablations = ablations;
      console.log();
    }
    report[String(count)] = entry;
  }
  if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
}

await main();
