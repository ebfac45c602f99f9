/**
 * `npm run bench:search`: known-item evaluation of search. Builds each archive's index in memory,
 * generates queries of four kinds with a fixed seed (see `queries.ts`), runs them through the
 * searcher the browser runs, and prints MRR@10 and success@1/@10 per kind, index size and bytes
 * fetched per query.
 *
 * Archives: synthetic ones of `--docs` sizes (see `corpus.ts`), and with `--corpus FILE` a real
 * corpus read from JSONL (see `jsonl.ts`); `--hide-in N` adds N synthetic releases to it, so each
 * query's target is hidden among them (queries are made from the corpus only). A table at the end
 * puts all archives side by side.
 *
 *   npm run bench:search -- [--docs 1000,10000] [--corpus FILE.jsonl [--hide-in N]] [--queries 300] [--seed 1] [--ablation] [--misses N] [--json FILE]
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { buildSearchIndex } from "../../src/search/build.ts";
import type { SearchDoc } from "../../src/search/model.ts";
import { QUERY_TUNING } from "../../src/search/query.ts";
import { phraseCeiling } from "./ceiling.ts";
import { seededRandom, syntheticCorpus } from "./corpus.ts";
import { bytesPerQuery, clientScriptBytes, evaluate, kb, mb, printScores, quantile, shuffled, type KindScore } from "./evaluate.ts";
import { readJsonlCorpus } from "./jsonl.ts";
import { QUERY_KINDS, knownItemQueries, type QueryKind } from "./queries.ts";

const ABLATIONS: Array<[string, Partial<typeof QUERY_TUNING>]> = [
  ["surface forms only (approx.)", { surfaceOnly: true, prefixWeight: 0 }],
  ["no exact-form bonus", { exactBonus: 0 }],
  ["no title bonus", { titleBonus: 0 }],
  ["no prefix matching", { prefixWeight: 0 }],
  ["no typo matching", { typoWeight: 0 }],
];

interface Archive {
  label: string;
  docs: SearchDoc[];
  /** Releases queries are made from. */
  targets: SearchDoc[];
  /** Seed of the queries. */
  seed: number;
}

interface RunOptions {
  perKind: number;
  script: { minified: number; gzipped: number };
  misses: number;
  ablation: boolean;
}

/** Builds one archive's index, evaluates it and prints its figures; returns them for the report. */
async function run({ label, docs, targets, seed }: Archive, options: RunOptions): Promise<{ scores: Record<QueryKind, KindScore> } & Record<string, unknown>> {
  const started = performance.now();
  const files = buildSearchIndex(docs);
  const buildSeconds = (performance.now() - started) / 1000;
  const sizeOf = (prefix: string): [number, number] => {
    const matching = [...files].filter(([path]) => path.startsWith(prefix));
    return [matching.length, matching.reduce((sum, [, data]) => sum + data.length, 0)];
  };
  const [fileCount, total] = sizeOf("");
  const random = seededRandom(seed);
  const queries = shuffled(knownItemQueries(docs, options.perKind, random, targets), random);
  const evaluation = await evaluate(files, queries);
  const bytes = await bytesPerQuery(files, queries.slice(0, 300));
  const first = bytes.first.map((data) => data + options.script.gzipped);
  console.log(
    `${label}: ${docs.length.toLocaleString("en")} releases, index ${mb(total)} in ${fileCount.toLocaleString("en")} files, built in ${buildSeconds.toFixed(1)} s`,
  );
  for (const [name, prefix] of [
    ["meta.json", "meta"],
    ["term shards", "t/"],
    ["typo buckets", "y/"],
    ["titles + leads", "d/"],
    ["bodies", "b/"],
  ]) {
    const [n, size] = sizeOf(prefix);
    console.log(`  ${name.padEnd(15)} ${String(n).padStart(6)} files ${(size < 1 << 20 ? kb(size) : mb(size)).padStart(9)}`);
  }
  printScores("kind", evaluation.scores);
  const ceiling = phraseCeiling(docs, queries);
  console.log(`  ceiling (titles sharing the queried phrase tie at random): title ${ceiling.title?.toFixed(3)}, variant ${ceiling.variant?.toFixed(3)}`);
  for (const miss of evaluation.misses.slice(0, options.misses)) {
    const target = docs.find((doc) => doc.url === miss.query.url)?.title;
    console.log(`    ${miss.query.kind} rank ${miss.rank || "-"}: «${miss.query.query}» in «${target}»; first: «${miss.first ?? ""}»`);
  }
  console.log(`  first query in a fresh page (script + index data): median ${kb(quantile(first, 0.5))}, max ${kb(Math.max(...first))}`);
  const perQuery = Object.entries(bytes.byFolder).map(([folder, size]) => `${folder}/ ${kb(size / bytes.later.length)}`);
  console.log(
    `  next query in the same page: median ${kb(quantile(bytes.later, 0.5))}, p90 ${kb(quantile(bytes.later, 0.9))} (mean by folder: ${perQuery.join(", ")})\n`,
  );
  const entry: { scores: Record<QueryKind, KindScore> } & Record<string, unknown> = {
    releases: docs.length,
    indexBytes: total,
    files: fileCount,
    buildSeconds,
    scores: evaluation.scores,
    phraseCeiling: ceiling,
    firstQueryBytes: { median: quantile(first, 0.5), max: Math.max(...first) },
    laterQueryBytes: { median: quantile(bytes.later, 0.5), p90: quantile(bytes.later, 0.9) },
  };
  if (options.ablation) {
    const ablations: Record<string, unknown> = {};
    for (const [name, change] of ABLATIONS) {
      const saved = { ...QUERY_TUNING };
      Object.assign(QUERY_TUNING, change);
      const ablated = await evaluate(files, queries);
      Object.assign(QUERY_TUNING, saved);
      printScores(name, ablated.scores);
      ablations[name] = ablated.scores;
    }
    entry.ablations = ablations;
    console.log();
  }
  return entry;
}

/** Every archive's MRR@10 and success@1/@10 per kind, side by side. */
function printSummary(entries: Array<[string, { scores: Record<QueryKind, KindScore> }]>): void {
  console.log("Side by side: MRR@10 / success@1 / success@10");
  console.log(`  ${"kind".padEnd(8)} ${entries.map(([label]) => label.padStart(26)).join(" ")}`);
  for (const kind of QUERY_KINDS) {
    const cells = entries.map(([, { scores }]) => {
      const s = scores[kind];
      return (s.queries ? `${s.mrr10.toFixed(3)} / ${s.success1.toFixed(3)} / ${s.success10.toFixed(3)}` : "no queries").padStart(26);
    });
    console.log(`  ${kind.padEnd(8)} ${cells.join(" ")}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      docs: { type: "string", default: "1000,10000" },
      corpus: { type: "string" },
      "hide-in": { type: "string", default: "0" },
      queries: { type: "string", default: "300" },
      seed: { type: "string", default: "1" },
      ablation: { type: "boolean", default: false },
      misses: { type: "string", default: "0" },
      json: { type: "string" },
    },
  });
  const seed = Number(values.seed);
  const options: RunOptions = { perKind: Number(values.queries), script: await clientScriptBytes(), misses: Number(values.misses), ablation: values.ablation };
  console.log(`Search evaluation (seed ${seed}): known-item queries, ${options.perKind} per kind.`);
  console.log(`Client script: ${kb(options.script.minified)} minified, ${kb(options.script.gzipped)} gzipped.\n`);
  const archives: Archive[] = values.docs
    .split(",")
    .filter((count) => Number(count) > 0)
    .map(Number)
    .map((count) => {
      const docs = syntheticCorpus(count, seed + count);
      return { label: `synthetic ${count.toLocaleString("en")}`, docs, targets: docs, seed: seed * 7919 + count };
    });
  if (values.corpus) {
    const { docs, skipped } = readJsonlCorpus(values.corpus);
    console.log(
      `Real text: ${docs.length.toLocaleString("en")} articles from ${values.corpus}${skipped ? ` (${skipped} lines without a title or body skipped)` : ""}.\n`,
    );
    const hideIn = Number(values["hide-in"]);
    archives.push({ label: "real text", docs, targets: docs, seed: seed * 7919 });
    if (hideIn > 0) {
      // Synthetic releases first in the list: their addresses never collide with the corpus's.
      const hidden = [...syntheticCorpus(hideIn, seed + hideIn), ...docs];
      archives.push({ label: `real text in ${hideIn.toLocaleString("en")}`, docs: hidden, targets: docs, seed: seed * 7919 });
    }
  }
  const report: Array<[string, Awaited<ReturnType<typeof run>>]> = [];
  for (const archive of archives) report.push([archive.label, await run(archive, options)]);
  printSummary(report);
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ seed, script: options.script, archives: Object.fromEntries(report) }, null, 2)}\n`);
}

await main();
