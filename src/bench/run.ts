import os from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { measureEditLoop, type EditLoopFigures } from "./edit-loop.ts";
import { measureBuild, type BuildFigures, type MeasureOptions } from "./measure.ts";
import { createBenchProjects, REPO, type BenchProjects } from "./project.ts";
import { measureSearch, type SearchFigures } from "./search.ts";

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
  /** Overrides of the site config, e.g. `{ perPage: 50 }`. */
  site: Record<string, unknown>;
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
  /** Bayan's second build of the same releases: `.cache/` (images, cards) and the previous output kept. */
  rebuild?: BuildFigures;
  plain?: BuildFigures;
  /** Bayan / plain wall time, first build and rebuild. */
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
    site: options.site,
  });
  options.log(`generated ${projects.counts.releases} releases in ${((performance.now() - started) / 1000).toFixed(1)} s: ${projects.folder}`);

  const machine = `${os.cpus().length} CPUs, Node ${process.version}`;
  try {
    const figures = await measureAll(projects, options);
    return { releases: options.releases, seed: options.seed, machine, counts: projects.counts, ...figures, folder: projects.folder };
  } catch (error) {
    if (error instanceof Error) error.message += `\n(the generated projects are kept in ${projects.folder})`;
    throw error;
  }
}

/** The builds, search and edit-loop figures of one run. */
async function measureAll(projects: BenchProjects, options: BenchOptions): Promise<Pick<BenchResult, "bayan" | "rebuild" | "plain" | "ratio" | "rebuildRatio" | "search" | "editLoop">> {
  options.log("building with Bayan…");
  const bayan = await measureBuild({ kind: "bayan", root: projects.bayan, now: options.now }, options.measure);
  options.log(`Bayan: ${bayan.wallSeconds.toFixed(1)} s`);
  let rebuild: BuildFigures | undefined;
  if (!options.skipRebuild) {
    options.log("building with Bayan again (caches kept)…");
    rebuild = await measureBuild({ kind: "bayan", root: projects.bayan, now: options.now }, options.measure);
    options.log(`Bayan rebuild: ${rebuild.wallSeconds.toFixed(1)} s`);
  }
  let plain: BuildFigures | undefined;
  if (!options.skipPlain) {
    options.log("building with plain Eleventy…");
    plain = await measureBuild({ kind: "plain", root: projects.plain, now: options.now }, options.measure);
    options.log(`plain Eleventy: ${plain.wallSeconds.toFixed(1)} s`);
  }
  const search = await measureSearch(path.join(projects.bayan, "dist"), projects.sample);

  let editLoop: EditLoopFigures | undefined;
  if (!options.skipEditLoop) {
    options.log("timing the edit loop (npm start)…");
    editLoop = await measureEditLoop(projects.bayan, projects.sample, { edits: options.edits, now: options.now, log: options.log });
  }
  const ratio = (build?: BuildFigures) => (build && plain ? build.wallSeconds / plain.wallSeconds : undefined);
  return { bayan, rebuild, plain, ratio: ratio(bayan), rebuildRatio: ratio(rebuild), search, editLoop };
}
