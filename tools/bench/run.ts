/**
 * `npm run bench` (this file) — generates a synthetic archive, builds it with Bayan and, for comparison, as
 * plain Markdown with a minimal Eleventy site, and prints one table of figures. It never asserts
 * a time: the figures are for people to read and compare.
 *
 * Each round runs, in turn: plain Eleventy, Bayan's first build (empty `.cache/`), Bayan with
 * nothing changed, with every page rendered (page cache dropped) and with one release added;
 * the table shows each kind's median over the rounds, beside the machine's load average. What
 * the bench empties between builds is moved aside and deleted after the last one (`setAside`).
 *
 * Options: --releases N (default 10000), --seed N, --per-page N (releases per list page in both
 * builds, default 50 as in the plain baseline), --runs N (rounds, default 3),
 * --images 0.02 (share of releases with an image), --edits N (edit-loop samples, default 3),
 * --skip-plain, --skip-rebuild (only Bayan's first build), --skip-edit-loop,
 * --keep (keep the temp folder), --json FILE, --cpu-prof DIR (V8 CPU profiles of the builds),
 * --debug (DEBUG=Eleventy:Benchmark*).
 */
import { rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { toBayanFile } from "./generate.ts";
import { measureEditLoop, type EditLoopFigures } from "./loops.ts";
import {
  createBenchProjects,
  deleteSetAside,
  measureBuild,
  measureSearch,
  median,
  setAside,
  type BenchProjects,
  type BuildFigures,
  type MeasureOptions,
  type SearchFigures,
} from "./measure.ts";

// The run.

/** What `npm run bench` was asked to do. */
export interface BenchOptions {
  releases: number;
  seed: number;
  /** Build clock: fixed, so the same seed gives the same site. */
  now: string;
  skipPlain: boolean;
  /** Skip Bayan's builds after the first (nothing changed, one release added, every page rendered). */
  skipRebuild: boolean;
  skipEditLoop: boolean;
  /** Edits timed in the edit loop (median reported). */
  edits: number;
  /** Share of releases with an image (0…1). */
  imageShare: number;
  /** Releases per list page in both builds (plain Eleventy's home page is paginated by it too). */
  perPage: number;
  /** Rounds of every kind of build; each figure is the median over the rounds. */
  runs: number;
  measure: MeasureOptions;
  /** Called with a line of progress (stderr in the CLI). */
  log: (line: string) => void;
}

/**
 * The kinds of build a round runs, in this order:
 * - `plain`: plain Eleventy from an empty output folder;
 * - `first`: Bayan with no `.cache/` and no previous output (a fresh clone, a CI without a cache);
 * - `unchanged`: Bayan again, nothing changed, `.cache/` kept (a CI that restores it);
 * - `rendered`: Bayan with the page cache dropped, every other cache kept: every page rendered,
 *   as after a template edit or a Bayan upgrade (neither changes parses, photos, cards or the
 *   search index, so their caches stay valid);
 * - `added`: Bayan after one new release is added to the archive (what publishing costs). Last,
 *   since removing the release afterwards leaves caches of another archive than the next build's.
 */
export const BUILD_KINDS = ["plain", "first", "unchanged", "rendered", "added"] as const;
export type BuildKind = (typeof BUILD_KINDS)[number];

/** One kind of build over the rounds: each round's figures and their medians. */
export interface BuildSeries {
  rounds: BuildFigures[];
  median: BuildFigures;
}

/** Every figure of one bench run, as `--json` writes it. */
export interface BenchResult {
  releases: number;
  seed: number;
  machine: string;
  /** The machine's 1-minute load average as each build started (other work slows the builds). */
  load: number[];
  counts: BenchProjects["counts"];
  perPage: number;
  builds: Partial<Record<BuildKind, BuildSeries>>;
  search: SearchFigures;
  editLoop?: EditLoopFigures;
  /** The temp folder (removed unless `--keep`). */
  folder: string;
}

/** Generates the archive, builds it with Bayan and with plain Eleventy, and measures search and the edit loop. */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const started = performance.now();
  const projects = await createBenchProjects({
    releases: options.releases,
    now: DateTime.fromISO(options.now, { setZone: true }),
    seed: options.seed,
    imageShare: options.imageShare,
    perPage: options.perPage,
  });
  options.log(`generated ${projects.counts.releases} releases in ${((performance.now() - started) / 1000).toFixed(1)} s: ${projects.folder}`);

  const machine = `${os.cpus().length} CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  try {
    const figures = await measureAll(projects, options);
    return { releases: options.releases, seed: options.seed, machine, counts: projects.counts, perPage: options.perPage, ...figures, folder: projects.folder };
  } catch (error) {
    if (error instanceof Error) error.message += `\n(the generated projects are kept in ${projects.folder})`;
    throw error;
  }
}

/** The rounds of builds, then search and the edit loop on the Bayan project as the last round left it. */
async function measureAll(projects: BenchProjects, options: BenchOptions): Promise<Pick<BenchResult, "builds" | "load" | "search" | "editLoop">> {
  const rounds: Partial<Record<BuildKind, BuildFigures[]>> = {};
  const load: number[] = [];
  for (let round = 1; round <= options.runs; round++) {
    const of = options.runs > 1 ? ` (round ${round} of ${options.runs})` : "";
    for (const kind of BUILD_KINDS) {
      if (kind === "plain" && options.skipPlain) continue;
      if (kind !== "plain" && kind !== "first" && options.skipRebuild) continue;
      load.push(os.loadavg()[0]);
      options.log(`building: ${kind}${of}…`);
      const figures = await measureKind(kind, projects, options);
      (rounds[kind] ??= []).push(figures);
      options.log(`${kind}: ${figures.wallSeconds.toFixed(1)} s, ${(figures.peakRssBytes / 2 ** 20).toFixed(0)} MiB`);
    }
  }
  const builds = Object.fromEntries(Object.entries(rounds).map(([kind, list]) => [kind, { rounds: list, median: medianFigures(list) }]));
  const search = await measureSearch(path.join(projects.bayan, "dist"), projects.sample);
  let editLoop: EditLoopFigures | undefined;
  if (!options.skipEditLoop) {
    options.log("timing the edit loop (npm start)…");
    editLoop = await measureEditLoop(projects.bayan, projects.sample, { edits: options.edits, now: options.now, log: options.log });
  }
  // Last: the edit loop, which times builds too, is measured before these deletions as well.
  deleteSetAside(projects.folder);
  return { builds, load, search, editLoop };
}

/** One build of the given kind; the Bayan project's releases are as before after it. */
async function measureKind(kind: BuildKind, projects: BenchProjects, options: BenchOptions): Promise<BuildFigures> {
  const build = () =>
    measureBuild({ kind: kind === "plain" ? "plain" : "bayan", root: kind === "plain" ? projects.plain : projects.bayan, now: options.now }, options.measure);
  const cache = path.join(projects.bayan, ".cache");
  if (kind === "first") {
    setAside(cache, projects.folder);
    setAside(path.join(projects.bayan, "dist"), projects.folder);
  }
  if (kind === "rendered") setAside(path.join(cache, "bayan-pages"), projects.folder);
  if (kind !== "added") return build();
  // The newest release of the archive: its page, its neighbour's, every list and feed it is in, and the search index change.
  const date = DateTime.fromISO(options.now, { setZone: true }).minus({ hours: 1 });
  const added = toBayanFile({
    ...projects.sample[0],
    name: `${date.year}/bench-published`,
    date: date.toISO()!,
    dateInFrontMatter: true,
    draft: false,
    image: undefined,
  });
  const file = path.join(projects.bayan, "releases", added.path);
  writeFileSync(file, added.text);
  try {
    return await build();
  } finally {
    rmSync(file);
  }
}

/** Each figure's median over several builds of the same project. */
function medianFigures(builds: BuildFigures[]): BuildFigures {
  const of = (figure: (b: BuildFigures) => number) => median(builds.map(figure));
  return {
    wallSeconds: of((b) => b.wallSeconds),
    cpuSeconds: of((b) => b.cpuSeconds),
    peakRssBytes: of((b) => b.peakRssBytes),
    outputFiles: of((b) => b.outputFiles),
    outputBytes: of((b) => b.outputBytes),
    errors: of((b) => b.errors),
    warnings: of((b) => b.warnings),
  };
}

// The table.

const MIB = 1024 * 1024;

const LABELS: Record<BuildKind, string> = {
  plain: "plain Eleventy",
  first: "first build (empty .cache/)",
  unchanged: "nothing changed (.cache/ kept)",
  added: "one release added",
  rendered: "every page rendered",
};

/**
 * The bench result as one table: a row per kind of build (medians over the rounds, each round's
 * wall time listed), with wall and CPU time, peak memory, output and the ratio to plain Eleventy;
 * then the search and edit-loop figures.
 */
export function formatTable(result: BenchResult): string {
  const plain = result.builds.plain?.median;
  const header = ["build", "wall (median)", "rounds", "÷ plain", "CPU", "peak RSS", "files", "output"];
  const rows: string[][] = [];
  for (const kind of BUILD_KINDS) {
    const series = result.builds[kind];
    if (!series) continue;
    const m: BuildFigures = series.median;
    rows.push([
      LABELS[kind],
      seconds(m.wallSeconds),
      series.rounds.map((b) => b.wallSeconds.toFixed(1)).join(", "),
      kind === "plain" || !plain ? "" : `${(m.wallSeconds / plain.wallSeconds).toFixed(2)}×`,
      seconds(m.cpuSeconds),
      `${count(Math.max(...series.rounds.map((b) => b.peakRssBytes)) / MIB)} MiB`,
      count(m.outputFiles),
      `${count(m.outputBytes / MIB)} MiB`,
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join("  ")
      .trimEnd();
  const { counts, search, editLoop } = result;
  const rounds = Math.max(0, ...Object.values(result.builds).map((s) => s.rounds.length));
  return [
    `${count(counts.releases)} releases (${count(counts.published)} published, ${count(counts.images)} with images), seed ${result.seed}, ${result.machine}`,
    `lists paginated by ${result.perPage} in both builds; ${rounds} round${rounds === 1 ? "" : "s"}, each: ${BUILD_KINDS.join(", ")}; peak RSS is the highest of the rounds`,
    `load average (1 min) as the builds started: median ${result.load.length ? median(result.load).toFixed(2) : "—"}, highest ${result.load.length ? Math.max(...result.load).toFixed(2) : "—"}`,
    "",
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    `search index: ${search.indexBytes === undefined ? "n/a" : `${(search.indexBytes / MIB).toFixed(1)} MiB`}; median bytes per query: ${search.medianQueryBytes === undefined ? "n/a" : `${count(search.medianQueryBytes)} (${search.queries} queries)`}`,
    `npm start: edit → page rebuilt ${editLoop ? seconds(editLoop.medianPageSeconds) : "n/a"}; edit → rebuild done ${editLoop ? `${seconds(editLoop.medianSettledSeconds)}, ${count(editLoop.medianFilesWritten)} files` : "n/a"}`,
  ].join("\n");
}

const seconds = (s: number) => `${s.toFixed(1)} s`;
const count = (n: number) => Math.round(n).toLocaleString("en-US");

// The command.

/** Reads the options, runs the bench and prints the table (and writes `--json`). */
async function main(): Promise<void> {
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
}

// Run only as the command: importing this file runs nothing.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
