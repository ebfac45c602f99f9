/**
 * The output folder: which folders a build may replace, and how a new site takes the old one's place.
 *
 * A build replaces its output folder whole, so it only ever writes into a folder that is new or
 * that Bayan made. Bayan records the folders it made in `.cache/bayan-outputs.json` (not in the
 * output itself: nothing is deployed that the site does not need). A folder without a record that
 * holds what every Bayan build writes (`index.html`, `404.html`, `sitemap.xml`, `robots.txt`,
 * `feed.xml`: a `dist/` of an older Bayan, or one whose `.cache/` was deleted) is taken as Bayan's too.
 *
 * A build writes into `<output>.building-<pid>/`, then moves the previous site to
 * `<output>.old-<pid>-<time>/` and the new one into place. Whatever point a build is killed at,
 * the next one finds the last good site: in place, or complete under `.old-` (which it moves back).
 */
import { spawn } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** `site`: what gets deployed; `preview`: drafts and embargoed releases shown, never deployed. */
export type OutputKind = "site" | "preview";

/** Why a build refuses its output folder; thrown before anything is touched. */
export class OutputRefused extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = "OutputRefused";
    this.hint = hint;
  }
}

const RECORD = "bayan-outputs.json";
const SITE_FILES = ["index.html", "404.html", "sitemap.xml", "robots.txt", "feed.xml"];
const OLD = ".old-";
const BUILDING = ".building-";

/** The output folder may never be the project, a folder of its sources, or a parent of them. */
export function assertSafeOutput(root: string, output: string): void {
  // Compare real paths (a link may lead into the sources) without letter case (macOS and Windows disks ignore it).
  const real = (file: string): string => {
    let existing = file;
    while (!existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
    return path.join(realpathSync(existing), path.relative(existing, file)).toLowerCase();
  };
  const inside = (child: string, parent: string) => child === parent || child.startsWith(parent + path.sep);
  const [realRoot, realOutput] = [real(root), real(output)];
  const protectedFolders = ["releases", "templates", "assets", "src", "test", "node_modules", ".git"].map((f) => real(path.join(root, f)));
  // `.cache/` holds Bayan's caches (`bayan-*`); only a folder of its own there, such as the preview, can be an output.
  const cache = real(path.join(root, ".cache"));
  const inCache = realOutput === cache || (inside(realOutput, cache) && path.relative(cache, realOutput).startsWith("bayan-"));
  if (inside(realRoot, realOutput) || protectedFolders.some((folder) => inside(realOutput, folder)) || !inside(realOutput, realRoot) || inCache) {
    throw new OutputRefused(
      `refusing to build into ${output}: the output folder must be a new folder inside the project, such as dist`,
      "give --output a new folder inside the project, e.g. --output=site",
    );
  }
}

/**
 * Checks that a build of `kind` may replace `output`: it is new, or Bayan made it for the same
 * kind of build. A preview never goes into a site's folder (or `dist`). Throws `OutputRefused`.
 */
export function claimOutput(root: string, output: string, kind: OutputKind): void {
  assertSafeOutput(root, output);
  const name = relativeName(root, output);
  if (kind === "preview" && name === "dist") {
    throw new OutputRefused(
      `refusing to build a preview into dist/: dist/ is what gets deployed, and a preview shows drafts and embargoed releases`,
      "leave --output out (a preview goes to .cache/preview/) or give a folder of its own, e.g. --output=preview",
    );
  }
  const stat = lstatSync(output, { throwIfNoEntry: false });
  if (!stat) return;
  const recorded = readRecord(root)[name];
  const looksBuilt = stat.isDirectory() && SITE_FILES.every((file) => existsSync(path.join(output, file)));
  if (!stat.isDirectory() || (!recorded && !looksBuilt)) {
    throw new OutputRefused(
      `refusing to build into ${name}: it already exists and Bayan did not make it, and a build replaces the output folder with everything in it`,
      `give --output a new folder, e.g. --output=site; if ${name} is an old build you no longer need, delete it yourself`,
    );
  }
  if (kind === "preview" && recorded === "site") {
    throw new OutputRefused(
      `refusing to build a preview into ${name}: it holds a site built for deployment, and a preview shows drafts and embargoed releases`,
      "leave --output out (a preview goes to .cache/preview/) or give a folder of its own",
    );
  }
}

/**
 * Records that Bayan made `output` for a build of `kind`. The record is an optimisation of the
 * check above (a folder that looks like a site is accepted without it): a `.cache/` that cannot be
 * written gives a warning message, not a failure.
 */
export function recordOutput(root: string, output: string, kind: OutputKind): string | undefined {
  const record = { ...readRecord(root), [relativeName(root, output)]: kind };
  const file = path.join(root, ".cache", RECORD);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.${process.pid}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
    renameSync(`${file}.${process.pid}.tmp`, file);
    return undefined;
  } catch (error) {
    return `could not note in .cache/ that Bayan made ${relativeName(root, output)}/ (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
}

function readRecord(root: string): Record<string, OutputKind> {
  try {
    const record: unknown = JSON.parse(readFileSync(path.join(root, ".cache", RECORD), "utf8"));
    return record && typeof record === "object" ? (record as Record<string, OutputKind>) : {};
  } catch {
    return {};
  }
}

function relativeName(root: string, output: string): string {
  return path.relative(root, output).split(path.sep).join("/");
}

/**
 * Puts right what killed builds left beside `output`: the last good site is moved back into place
 * if a build stopped between its two renames, and staging folders of builds whose process is gone
 * are deleted. Called before a build knows whether it will succeed: it never deletes a good site.
 * A preview in the place a build for deployment goes is moved aside at once, so that a build that
 * then fails leaves no preview there to be deployed.
 */
export function recoverOutput(root: string, output: string, kind: OutputKind): void {
  if (!existsSync(output)) {
    const newest = namesBeside(output, OLD)
      .filter((name) => !name.endsWith(".removing"))
      .sort(byTime)
      .at(-1);
    if (newest) renameSync(newest, output);
  } else if (kind === "site" && readRecord(root)[relativeName(root, output)] === "preview") {
    renameSync(output, `${output}${OLD}${process.pid}-${Date.now()}.removing`);
  }
  for (const staging of namesBeside(output, BUILDING)) {
    const pid = Number(staging.slice(staging.lastIndexOf("-") + 1));
    if (pid === process.pid || !isRunning(pid)) rmSync(staging, { recursive: true, force: true });
  }
  removeOldOutputs(output);
}

/** Makes an empty staging folder for a build into `output`. */
export function prepareStaging(output: string): string {
  const staging = `${output}${BUILDING}${process.pid}`;
  mkdirSync(staging, { recursive: true });
  return staging;
}

/** Moves the new site into place, then the previous one out of the way (deleted in the background). */
export function publishStaging(staging: string, output: string): void {
  const old = `${output}${OLD}${process.pid}-${Date.now()}`;
  if (existsSync(output)) renameSync(output, old);
  renameSync(staging, output);
  if (existsSync(old)) renameSync(old, `${old}.removing`);
  removeOldOutputs(output);
}

/** Previous outputs moved aside and not deleted yet (`dist.old-*`), as absolute paths. */
export function oldOutputs(output: string): string[] {
  return namesBeside(output, OLD);
}

function namesBeside(output: string, marker: string): string[] {
  const parent = path.dirname(output);
  const prefix = `${path.basename(output)}${marker}`;
  try {
    return readdirSync(parent)
      .filter((name) => name.startsWith(prefix))
      .map((name) => path.join(parent, name));
  } catch {
    return [];
  }
}

/** Orders `dist.old-<pid>-<time>` folders by the time they were moved aside. */
function byTime(a: string, b: string): number {
  return Number(a.slice(a.lastIndexOf("-") + 1)) - Number(b.slice(b.lastIndexOf("-") + 1));
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, another user's
  }
}

/**
 * Deletes previous outputs in a detached process: a 10,000-release site is about 50,000 files,
 * and deleting them took 15 s of a 60 s build on a 2-core machine, after the new site was already
 * in place. Only called while the output is in place; a deletion cut short is finished by the next build.
 */
function removeOldOutputs(output: string): void {
  if (!existsSync(output)) return;
  const folders = oldOutputs(output);
  if (folders.length === 0) return;
  const script = "for (const f of process.argv.slice(1)) require('node:fs').rmSync(f, { recursive: true, force: true, maxRetries: 3 })";
  const child = spawn(process.execPath, ["-e", script, ...folders], { detached: true, stdio: "ignore" });
  child.on("error", () => {}); // a later build tries again
  child.unref();
}
