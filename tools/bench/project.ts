import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DateTime } from "luxon";
import { readCorpus } from "./corpus.ts";
import { generateReleases, type SyntheticRelease } from "./generate.ts";
import { createRandom } from "./random.ts";
import { toBayanFile, toPlainMarkdown, writeImage } from "./render.ts";

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
  const folders = new Set<string>();
  const write = (root: string, file: string, content: string | Buffer) => {
    const absolute = path.join(root, file);
    const dir = path.dirname(absolute);
    if (!folders.has(dir)) mkdirSync(dir, { recursive: true }), folders.add(dir);
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
