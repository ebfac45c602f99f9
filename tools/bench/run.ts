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
  return { builds, load, search, editLoop };
}

/** One build of the given kind; the Bayan project's releases are as before after it. */
async function measureKind(kind: BuildKind, projects: BenchProjects, options: BenchOptions): Promise<BuildFigures> {
  const build = () =>
    measureBuild({ kind: kind === "plain" ? "plain" : "bayan", root: kind === "plain" ? projects.plain : projects.bayan, now: options.now }, options.measure);
  const cache = path.join(projects.bayan, ".cache");
  if (kind === "first") {
    rmSync(cache, { recursive: true, force: true });
    rmSync(path.join(projects.bayan, "dist"), { recursive: true, force: true });
  }
  if (kind === "rendered") rmSync(path.join(cache, "bayan-pages"), { recursive: true, force: true });
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
