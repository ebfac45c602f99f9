import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { Eleventy } from "@11ty/eleventy";
import { DateTime } from "luxon";
import { loadSite, type Site } from "../config.ts";
import { imageProblems } from "../images/validate.ts";
import { loadReleases } from "../release/load.ts";
import { ReleaseErrors } from "../diagnostics.ts";
import type { Diagnostic, Release } from "../release/model.ts";
import { auditOutput, auditTargets, type AuditTargets, type Match } from "./audit.ts";
import { backgroundSettled } from "./background.ts";
import { handOverLoaded } from "./source.ts";
import { takeAudited } from "./audited.ts";
import { leakDiagnostics } from "./audit-report.ts";
import { openPageCache } from "./page-cache.ts";

export interface BuildOptions {
  /** Project folder (holds eleventy.config.ts, templates/, releases/). */
  root: string;
  /** Output folder relative to `root`. Default `dist`. */
  output?: string;
  /** Overrides the site's pathPrefix for this build, e.g. `/newsroom/`. */
  pathPrefix?: string;
  /** Show drafts and embargoed releases, marked. */
  preview?: boolean;
  /** Build clock (ISO 8601). Default: now. */
  now?: string;
}

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  releases: Release[];
  site?: Site;
  /** Absolute path of the output folder (only meaningful when ok). */
  output: string;
  seconds: number;
}

/**
 * Validates every release, then builds the site into a fresh folder beside the output and swaps
 * it into place only when everything succeeded: a failed build leaves the previous output as it
 * was, and files of deleted releases never linger.
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const root = path.resolve(options.root);
  const output = path.resolve(root, options.output ?? "dist");
  assertSafeOutput(root, output);
  const now = options.now ?? DateTime.now().toISO()!;
  const site = loadSite(path.join(root, "templates/site.json"));
  const { releases, diagnostics } = loadReleases({ root, releasesDir: "releases", site, now: DateTime.fromISO(now, { setZone: true }), cacheDir: path.join(root, ".cache") });
  diagnostics.push(...imageProblems(root, site, releases));
  const seconds = () => (performance.now() - started) / 1000;
  if (diagnostics.some((d) => d.severity === "error")) return { ok: false, diagnostics, releases, site, output, seconds: seconds() };

  const staging = `${output}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  removeOldOutputs(output);
  mkdirSync(staging, { recursive: true });
  const previousCwd = process.cwd();
  const previousEnv = { preview: process.env.BAYAN_PREVIEW, now: process.env.BAYAN_NOW };
  // Release pages, list pages, feeds and search-index files unchanged since an earlier build come
  // from `.cache/` (not in a preview, which is not audited).
  const targets = auditTargets(releases, { root, site });
  const pageCache = options.preview ? undefined : openPageCache(path.join(root, ".cache"), staging, targets.hidden);
  try {
    process.chdir(root);
    // The build takes these releases as they were just checked, not read again (see site/source.ts).
    handOverLoaded(process.cwd(), { releases, diagnostics });
    process.env.BAYAN_PREVIEW = options.preview ? "1" : "";
    process.env.BAYAN_NOW = now;
    const eleventy = new Eleventy(".", staging, {
      configPath: "eleventy.config.ts",
      pathPrefix: options.pathPrefix,
      quietMode: true,
    });
    const [, pages] = (await eleventy.write()) as [unknown, WrittenPage[]];
    // After write() has settled (no copy still in flight), before anything is published.
    const audited = takeAudited(staging);
    if (!options.preview) auditBuild(root, staging, releases, targets, writtenTexts(staging, pages), audited);
    pageCache?.commit();
    swapInto(staging, output);
  } catch (error) {
    // Eleventy rejects as soon as a step fails, while its passthrough copies may still be writing
    // into the staging folder: let them land before removing it, or they fail as unhandled rejections.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await backgroundSettled();
    takeAudited(staging);
    rmSync(staging, { recursive: true, force: true });
    throw error;
  } finally {
    pageCache?.close();
    handOverLoaded(process.cwd(), undefined);
    process.chdir(previousCwd);
    restoreEnv("BAYAN_PREVIEW", previousEnv.preview);
    restoreEnv("BAYAN_NOW", previousEnv.now);
  }
  return { ok: true, diagnostics, releases, site, output, seconds: seconds() };
}

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
  if (inside(realRoot, realOutput) || protectedFolders.some((folder) => inside(realOutput, folder)) || !inside(realOutput, realRoot)) {
    throw new Error(`refusing to build into ${output}: the output folder must be a new folder inside the project, such as dist`);
  }
}

/** A page Eleventy wrote, as its `write()` reports it. */
interface WrittenPage {
  outputPath: string | false;
  content: unknown;
}

/** The pages' texts by path in the output folder: the audit searches them without reading them back. */
function writtenTexts(folder: string, pages: WrittenPage[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const { outputPath, content } of pages) {
    if (outputPath && typeof content === "string") texts.set(path.relative(folder, path.resolve(outputPath)).split(path.sep).join("/"), content);
  }
  return texts;
}

/**
 * The embargo audit: fails the build when a draft or embargoed release left any trace in the
 * output. `audited`: files their writer has searched already (the search index).
 */
function auditBuild(root: string, folder: string, releases: Release[], targets: AuditTargets, written: Map<string, string>, audited: Map<string, Match[]>): void {
  const leaks = auditOutput(folder, targets, written, audited);
  if (leaks.length > 0) throw new ReleaseErrors(leakDiagnostics(leaks, releases, root));
}

/** Moves the new output into place; the previous one is deleted in the background (see `removeOldOutputs`). */
function swapInto(staging: string, output: string): void {
  if (existsSync(output)) renameSync(output, `${output}${OLD_SUFFIX}${process.pid}-${Date.now()}`);
  renameSync(staging, output);
  removeOldOutputs(output);
}

const OLD_SUFFIX = ".old-";

/** Previous outputs moved aside by `swapInto` and not deleted yet (`dist.old-*`), as absolute paths. */
export function oldOutputs(output: string): string[] {
  const parent = path.dirname(output);
  const prefix = `${path.basename(output)}${OLD_SUFFIX}`;
  try {
    return readdirSync(parent).filter((name) => name.startsWith(prefix)).map((name) => path.join(parent, name));
  } catch {
    return [];
  }
}

/**
 * Deletes previous outputs in a detached process: a 10,000-release site is about 50,000 files,
 * and deleting them took 15 s of a 60 s build on a 2-core machine, after the new site was already
 * in place. A deletion cut short (the machine stopped) is finished by the next build.
 */
function removeOldOutputs(output: string): void {
  const folders = oldOutputs(output);
  if (folders.length === 0) return;
  const script = "for (const f of process.argv.slice(1)) require('node:fs').rmSync(f, { recursive: true, force: true, maxRetries: 3 })";
  const child = spawn(process.execPath, ["-e", script, ...folders], { detached: true, stdio: "ignore" });
  child.on("error", () => {}); // a later build tries again
  child.unref();
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
