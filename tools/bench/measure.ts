/**
 * The two projects a bench run builds from one generated archive, and what is measured of them:
 * each build in a process of its own (`child.ts`), the output's size, and the search index's
 * bytes per query.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { DateTime } from "luxon";
import { oldOutputs } from "../../src/build/build.ts";
import { folderMaker } from "../../src/util/files.ts";
import { createSearcher } from "../../src/search/query.ts";
import type { BuildJob, ChildReport } from "./child.ts";
import { createRandom, generateReleases, readCorpus, type SyntheticRelease, toBayanFile, toPlainMarkdown, writeImage } from "./generate.ts";

// The projects.

/** The repository folder. */
export const REPO = path.resolve(import.meta.dirname, "../..");
const PLAIN_FIXTURE = path.join(import.meta.dirname, "plain");

/** The two projects a bench run builds from one generated archive. */
export interface BenchProjects {
  /** Temp folder holding both projects. */
  folder: string;
  /** A Bayan project like `makeProject`'s: the real config, templates, assets and a copy of `src` (edits to the repository during a run do not reach it); `node_modules` linked. */
  bayan: string;
  /** The same releases as Markdown under a minimal Eleventy config. */
  plain: string;
  /** Releases written to the Bayan project, and how many of them the plain project has (published ones). */
  counts: { releases: number; published: number; images: number };
  /** A sample of published Arabic releases, for search queries and the edit loop. */
  sample: SyntheticRelease[];
}

/** What to generate. */
export interface ProjectOptions {
  releases: number;
  now: DateTime;
  seed: number;
  /** Share of releases with an image (0…1); 0 when the image plugin is not there. */
  imageShare: number;
  /** Releases per list page, in both projects (Bayan's `perPage`, the plain home page's pagination). */
  perPage: number;
}

/** Generates the archive and writes both projects into a new temp folder. */
export async function createBenchProjects(options: ProjectOptions): Promise<BenchProjects> {
  const folder = mkdtempSync(path.join(os.tmpdir(), "bayan-bench-"));
  const bayan = path.join(folder, "bayan");
  const plain = path.join(folder, "plain");
  for (const entry of ["eleventy.config.ts", "templates", "assets", "src", ".gitignore"])
    cpSync(path.join(REPO, entry), path.join(bayan, entry), { recursive: true });
  for (const entry of ["node_modules", "package.json"]) symlinkSync(path.join(REPO, entry), path.join(bayan, entry));
  const siteFile = path.join(bayan, "templates/site.json");
  writeFileSync(siteFile, JSON.stringify({ ...JSON.parse(readFileSync(siteFile, "utf8")), perPage: options.perPage }, null, 2));
  cpSync(PLAIN_FIXTURE, plain, { recursive: true, filter: (source) => !source.endsWith("releases.11tydata.json") });
  const plainHome = path.join(plain, "index.njk");
  writeFileSync(plainHome, readFileSync(plainHome, "utf8").replace(/^ {2}size: \d+$/m, `  size: ${options.perPage}`));
  mkdirSync(path.join(plain, "releases"), { recursive: true });
  cpSync(path.join(PLAIN_FIXTURE, "releases.11tydata.json"), path.join(plain, "releases/releases.11tydata.json"));
  symlinkSync(path.join(REPO, "node_modules"), path.join(plain, "node_modules"));

  const random = createRandom(options.seed);
  const corpus = readCorpus(path.join(REPO, "releases"), random);
  const counts = { releases: 0, published: 0, images: 0 };
  const sample: SyntheticRelease[] = [];
  const sampleStride = Math.max(1, Math.floor(options.releases / 110));
  const makeFolder = folderMaker();
  const write = (root: string, file: string, content: string | Buffer) => {
    const absolute = path.join(root, file);
    makeFolder(absolute);
    writeFileSync(absolute, content);
  };
  for (const release of generateReleases(corpus, random, { count: options.releases, now: options.now, imageShare: options.imageShare })) {
    const bayanFile = toBayanFile(release);
    write(bayan, `releases/${bayanFile.path}`, bayanFile.text);
    counts.releases++;
    if (release.image) {
      write(bayan, `releases/${path.posix.dirname(release.name)}/${release.image.file}`, await writeImage(random));
      counts.images++;
    }
    const plainFile = toPlainMarkdown(release);
    if (!plainFile) continue;
    write(plain, `releases/${plainFile.path}`, plainFile.text);
    counts.published++;
    // About a hundred published Arabic releases, spread over the archive, not only the newest.
    if (release.lang === "ar" && counts.published % sampleStride === 0 && sample.length < 100) sample.push(release);
  }
  return { folder, bayan, plain, counts, sample };
}

// Builds.

/** Figures of one build. */
export interface BuildFigures {
  /** Seconds from spawning the build process to its exit (Node and tsx start-up included, ~0.3 s). */
  wallSeconds: number;
  /** User + system CPU seconds of the build process. */
  cpuSeconds: number;
  peakRssBytes: number;
  outputFiles: number;
  outputBytes: number;
  errors: number;
  warnings: number;
}

/** Extra process options: a CPU profile folder, `DEBUG` for Eleventy's own benchmarks. */
export interface MeasureOptions {
  cpuProfDir?: string;
  debug?: string;
  /** Max old-space size in MB, e.g. to see whether a build fits in a smaller heap. */
  maxOldSpaceMb?: number;
}

const CHILD = path.join(import.meta.dirname, "child.ts");

/** Builds one project in a child process and measures it; throws with the child's output if it fails. */
export async function measureBuild(job: Omit<BuildJob, "report">, options: MeasureOptions = {}): Promise<BuildFigures> {
  const report = path.join(job.root, `.bench-report-${process.pid}.json`);
  const args = ["--import", "tsx"];
  if (options.cpuProfDir) args.push("--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`);
  if (options.maxOldSpaceMb) args.push(`--max-old-space-size=${options.maxOldSpaceMb}`);
  const env = { ...process.env, ...(options.debug ? { DEBUG: options.debug } : {}) };
  // Plain Eleventy writes over its output in place: start it from an empty folder, as Bayan's
  // staging folder is. Then flush what earlier builds left to write, so no build pays for another's.
  if (job.kind === "plain") setAside(path.join(job.root, "dist"), path.dirname(job.root));
  spawnSync("sync");
  const started = performance.now();
  const child = spawn(process.execPath, [...args, CHILD, "build", JSON.stringify({ ...job, report })], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (options.debug ? process.stderr.write(chunk) : (output += chunk)));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  const wallSeconds = (performance.now() - started) / 1000;
  // The previous output is deleted in the background once the new one is in place: let that
  // finish before the next measurement, so it does not slow that one down.
  await oldOutputsGone(job.root);
  let result: ChildReport;
  try {
    result = JSON.parse(readFileSync(report, "utf8")) as ChildReport;
  } catch {
    throw new Error(`bench: the ${job.kind} build exited with ${code} and no report\n${output.slice(-4000)}`);
  } finally {
    rmSync(report, { force: true });
  }
  if (!result.ok) throw new Error(`bench: the ${job.kind} build failed: ${result.message ?? "no message"}\n${output.slice(-4000)}`);
  const dist = folderSize(path.join(job.root, "dist"));
  return {
    wallSeconds,
    cpuSeconds: result.cpuSeconds,
    peakRssBytes: result.peakRssBytes,
    outputFiles: dist.files,
    outputBytes: dist.bytes,
    errors: result.errors,
    warnings: result.warnings,
  };
}

/**
 * Moves `file` (a project's output or cache) out of the project, into `benchFolder`'s
 * `set-aside/`, which `deleteSetAside` deletes once every build is measured. Deleted now, it would
 * slow the next builds down: on a disk without a journal, ext4 passes over every file deleted in
 * the last minutes before it makes a new one (docs/scaling.md), and what the bench deletes is
 * then paid by whichever build comes next, Bayan or plain Eleventy. What a build deletes itself
 * (Bayan its output before last) is still deleted as it goes.
 */
export function setAside(file: string, benchFolder: string): void {
  if (!existsSync(file)) return;
  const folder = path.join(benchFolder, SET_ASIDE);
  mkdirSync(folder, { recursive: true });
  // Numbered in the order set aside, from what is there already.
  const number = String(readdirSync(folder).length + 1).padStart(4, "0");
  renameSync(file, path.join(folder, `${number}-${path.basename(file)}`));
}

/** Deletes what `setAside` moved out of the projects in `folder` (a bench run's folder). */
export function deleteSetAside(folder: string): void {
  rmSync(path.join(folder, SET_ASIDE), { recursive: true, force: true });
}

const SET_ASIDE = "set-aside";

async function oldOutputsGone(root: string): Promise<void> {
  while (oldOutputs(path.join(root, "dist")).length > 0) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** Files and bytes under a folder; zero when it does not exist. */
export function folderSize(folder: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  let entries;
  try {
    entries = readdirSync(folder, { recursive: true, withFileTypes: true });
  } catch {
    return { files, bytes };
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    files++;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

// Search.

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
