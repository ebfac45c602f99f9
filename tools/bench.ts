/**
 * `npm run bench` — generates a synthetic archive, builds it with Bayan and, for comparison, as
 * plain Markdown with a minimal Eleventy site, and prints one table of figures. It never asserts
 * a time: the figures are for people to read and compare.
 *
 * Each round runs, in turn: plain Eleventy, Bayan's first build (empty `.cache/`), Bayan with
 * nothing changed, with every page rendered (page cache dropped) and with one release added;
 * the table shows each kind's median over the rounds, beside the machine's load average.
 *
 * Options: --releases N (default 10000), --seed N, --per-page N (releases per list page in both
 * builds, default 50 as in the plain baseline), --runs N (rounds, default 3),
 * --images 0.02 (share of releases with an image), --edits N (edit-loop samples, default 3),
 * --skip-plain, --skip-rebuild (only Bayan's first build), --skip-edit-loop,
 * --keep (keep the temp folder), --json FILE, --cpu-prof DIR (V8 CPU profiles of the builds),
 * --debug (DEBUG=Eleventy:Benchmark*).
 */
import { rmSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { runBench } from "./bench/run.ts";
import { formatTable } from "./bench/table.ts";

const { values } = parseArgs({
  options: {
    releases: { type: "string", default: "10000" },
    seed: { type: "string", default: "1" },
    "per-page": { type: "string", default: "50" },
    runs: { type: "string", default: "3" },
    images: { type: "string", default: "0.02" },
    edits: { type: "string", default: "3" },
    "skip-plain": { type: "boolean", default: false },
    "skip-rebuild": { type: "boolean", default: false },
    "skip-edit-loop": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    json: { type: "string" },
    "cpu-prof": { type: "string" },
    debug: { type: "boolean", default: false },
  },
});

const number = (name: string, value: string | undefined, min: number) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number of at least ${min}, not "${value}"`);
  return n;
};

try {
  const result = await runBench({
    releases: number("releases", values.releases, 1),
    seed: number("seed", values.seed, 0),
    now: "2026-11-29T12:00:00+03:00",
    skipPlain: values["skip-plain"],
    skipRebuild: values["skip-rebuild"],
    skipEditLoop: values["skip-edit-loop"],
    edits: number("edits", values.edits, 1),
    imageShare: number("images", values.images, 0),
    perPage: number("per-page", values["per-page"], 1),
    runs: number("runs", values.runs, 1),
    measure: { cpuProfDir: values["cpu-prof"], debug: values.debug ? "Eleventy:Benchmark*" : undefined },
    log: (line) => process.stderr.write(`${line}\n`),
  });
  console.log(formatTable(result));
  if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
  if (values.keep) console.log(`kept ${result.folder}`);
  else rmSync(result.folder, { recursive: true, force: true });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
