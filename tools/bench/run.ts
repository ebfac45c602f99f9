import { rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { measureEditLoop, type EditLoopFigures } from "./edit-loop.ts";
import { measureBuild, type BuildFigures, type MeasureOptions } from "./measure.ts";
import { createBenchProjects, type BenchProjects } from "./project.ts";
import { toBayanFile } from "./render.ts";
import { measureSearch, median, type SearchFigures } from "./search.ts";

/** What `npm run bench` was asked to do. */
export interface BenchOptions {
  releases: number;
  seed: number;
  /** Build clock: fixed, so the same seed gives the same site. */
  now: string;
  skipPlain: boolean;
  /** Skip Bayan's second build (caches and output of the first kept). */
  skipRebuild: boolean;
  skipEditLoop: boolean;
  /** Edits timed in the edit loop (median reported). */
  edits: number;
  /** Share of releases with an image (0…1). */
  imageShare: number;
  /** Releases per list page in both builds (plain Eleventy's home page is paginated by it too). */
  perPage: number;
  /** Alternating pairs of Bayan rebuild and plain build; their medians are reported. */
  runs: number;
  measure: MeasureOptions;
  /** Called with a line of progress (stderr in the CLI). */
  log: (line: string) => void;
}

/** Every figure of one bench run, as `--json` writes it. */
export interface BenchResult {
  releases: number;
  seed: number;
  machine: string;
  counts: BenchProjects["counts"];
  /** Bayan's first build: empty `.cache/`, no previous output (a fresh CI checkout). */
  bayan: BuildFigures;
  /** Bayan's later builds of the same releases, `.cache/` (parses, images, cards) kept: the median of `runs`. */
  rebuild?: BuildFigures;
  /** Bayan's build after one release is added to the archive (`.cache/` kept): what publishing a release costs. */
  published?: BuildFigures;
  /** Bayan's build with the page and index caches dropped, photos, cards and parses kept: every page rendered, as after a template edit or an upgrade. */
  rendered?: BuildFigures;
  /** Plain Eleventy from an empty output folder, each run alternating with a rebuild: the median. */
  plain?: BuildFigures;
  perPage: number;
  /** Wall seconds of each rebuild and plain build, in the order they ran. */
  runs: { rebuild: number[]; plain: number[] };
  /** Bayan / plain wall time (medians), first build and rebuild. */
  ratio?: number;
  rebuildRatio?: number;
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

  const machine = `${os.cpus().length} CPUs, Node ${process.version}`;
  try {
    const figures = await measureAll(projects, options);
    return { releases: options.releases, seed: options.seed, machine, counts: projects.counts, perPage: options.perPage, ...figures, folder: projects.folder };
  } catch (error) {
    if (error instanceof Error) error.message += `\n(the generated projects are kept in ${projects.folder})`;
    throw error;
  }
}

/** The builds, search and edit-loop figures of one run. */
async function measureAll(projects: BenchProjects, options: BenchOptions): Promise<Pick<BenchResult, "bayan" | "rebuild" | "published" | "rendered" | "plain" | "runs" | "ratio" | "rebuildRatio" | "search" | "editLoop">> {
  options.log("building with Bayan…");
  const bayan = await measureBuild({ kind: "bayan", root: projects.bayan, now: options.now }, options.measure);
  options.log(`Bayan: ${bayan.wallSeconds.toFixed(1)} s`);
  // This machine's timings move by a quarter from one build to the next: alternate the two builds and take medians.
  const rebuilds: BuildFigures[] = [];
  const plains: BuildFigures[] = [];
  for (let run = 1; run <= options.runs; run++) {
    const of = options.runs > 1 ? ` (${run} of ${options.runs})` : "";
    if (!options.skipRebuild) {
      options.log(`building with Bayan again, caches kept${of}…`);
      rebuilds.push(await measureBuild({ kind: "bayan", root: projects.bayan, now: options.now }, options.measure));
      options.log(`Bayan rebuild: ${rebuilds.at(-1)!.wallSeconds.toFixed(1)} s`);
    }
    if (!options.skipPlain) {
      options.log(`building with plain Eleventy${of}…`);
      plains.push(await measureBuild({ kind: "plain", root: projects.plain, now: options.now }, options.measure));
      options.log(`plain Eleventy: ${plains.at(-1)!.wallSeconds.toFixed(1)} s`);
    }
  }
  const rebuild = medianFigures(rebuilds);
  const plain = medianFigures(plains);
  const runs = { rebuild: rebuilds.map((b) => b.wallSeconds), plain: plains.map((b) => b.wallSeconds) };
  const search = await measureSearch(path.join(projects.bayan, "dist"), projects.sample);
  const { published, rendered } = options.skipRebuild ? {} : await measureChanges(projects, options);

  let editLoop: EditLoopFigures | undefined;
  if (!options.skipEditLoop) {
    options.log("timing the edit loop (npm start)…");
    editLoop = await measureEditLoop(projects.bayan, projects.sample, { edits: options.edits, now: options.now, log: options.log });
  }
  const ratio = (build?: BuildFigures) => (build && plain ? build.wallSeconds / plain.wallSeconds : undefined);
  return { bayan, rebuild, published, rendered, plain, runs, ratio: ratio(bayan), rebuildRatio: ratio(rebuild), search, editLoop };
}

/** One build after a release is published, then one with every page rendered; the project is as before after them. */
async function measureChanges(projects: BenchProjects, options: BenchOptions): Promise<Pick<BenchResult, "published" | "rendered">> {
  const build = async (what: string) => {
    options.log(`building with Bayan, ${what}…`);
    const figures = await measureBuild({ kind: "bayan", root: projects.bayan, now: options.now }, options.measure);
    options.log(`Bayan, ${what}: ${figures.wallSeconds.toFixed(1)} s`);
    return figures;
  };
  // The newest release of the archive: its page, its neighbour's, every list and feed it is in, and the search index change.
  const date = DateTime.fromISO(options.now, { setZone: true }).minus({ hours: 1 });
  const model = projects.sample[0];
  const added = toBayanFile({ ...model, name: `${date.year}/bench-published`, date: date.toISO()!, dateInFrontMatter: true, draft: false, image: undefined });
  const file = path.join(projects.bayan, "releases", added.path);
  writeFileSync(file, added.text);
  const published = await build("one release added");
  rmSync(file);
  for (const folder of ["bayan-pages", "bayan-index"]) rmSync(path.join(projects.bayan, ".cache", folder), { recursive: true, force: true });
  const rendered = await build("every page rendered");
  return { published, rendered };
}

/** Each figure's median over several builds of the same project; none for no builds. */
function medianFigures(builds: BuildFigures[]): BuildFigures | undefined {
  if (builds.length === 0) return undefined;
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
