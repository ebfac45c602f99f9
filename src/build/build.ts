import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Eleventy } from "@11ty/eleventy";
import { DateTime } from "luxon";
import { loadSite, type Site } from "../config.ts";
import { siteConfigFile } from "../defaults.ts";
import { projectConfig } from "../project.ts";
import { imageProblems } from "../images/validate.ts";
import { parseClock, parsePathPrefix } from "../options.ts";
import { loadReleases } from "../release/load.ts";
import type { Diagnostic, Release } from "../release/model.ts";
import { auditTargets } from "../audit/audit.ts";
import { auditedFiles } from "../audit/audited.ts";
import { buildContext } from "./context.ts";
import { openPageCache } from "./page-cache.ts";
import { type PassthroughCopies, trackPassthroughCopies } from "./passthrough.ts";
import { claimOutput, prepareStaging, recoverOutput, publishStaging, recordOutput } from "./output.ts";
import { readingReleases } from "./progress.ts";

export { assertSafeOutput, oldOutputs } from "./output.ts";

/** Where a preview build (`--drafts`) goes unless told otherwise: never `dist/`, which is what gets deployed. */
export const PREVIEW_OUTPUT = ".cache/preview";

export interface BuildOptions {
  /** Project folder (holds releases/, the site config and the site's own templates/ and assets/, if any). */
  root: string;
  /** Output folder relative to `root`. Default `dist`. */
  output?: string;
  /** Overrides the site's pathPrefix for this build, e.g. `/newsroom/`. */
  pathPrefix?: string;
  /** Show drafts and embargoed releases, marked. */
  preview?: boolean;
  /** Build clock (ISO 8601). Default: now. */
  now?: string;
  /** Let Eleventy print its own reports (stack traces included); otherwise the caller reports the error it throws. */
  debug?: boolean;
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
  const output = path.resolve(root, options.output ?? (options.preview ? PREVIEW_OUTPUT : "dist"));
  const kind = options.preview ? "preview" : "site";
  claimOutput(root, output, kind);
  const site = loadSite(path.join(root, siteConfigFile(root)));
  const clock = options.now !== undefined ? parseClock(options.now, site.timezone) : DateTime.now().setZone(site.timezone);
  // Passed on with its offset: the plugin reads the same instant, whatever the machine's time zone.
  const now = clock.toISO()!;
  const pathPrefix = options.pathPrefix === undefined ? undefined : parsePathPrefix(options.pathPrefix);
  recoverOutput(root, output, kind);
  const cache = cacheFolder(root);
  const { releases, diagnostics } = loadReleases({ root, releasesDir: "releases", site, now: clock, cacheDir: cache.folder, onProgress: readingReleases });
  diagnostics.push(...imageProblems(root, site, releases));
  const seconds = () => (performance.now() - started) / 1000;
  if (diagnostics.some((d) => d.severity === "error")) {
    cache.close();
    return { ok: false, diagnostics, releases, site, output, seconds: seconds() };
  }

  const staging = prepareStaging(output);
  // Release pages, list pages, feeds and search-index files unchanged since an earlier build come
  // from `.cache/` (not in a preview, which is not audited).
  const audited = auditedFiles();
  const pageCache = options.preview ? undefined : openPageCache(cache.folder, staging, auditTargets(releases).hidden, audited);
  // This build's alone, handed to the plugin in its options: another build in this process has its own.
  const context = buildContext({ audited, pageCache });
  let copies: PassthroughCopies | undefined;
  try {
    // The project folder as Eleventy's input, not the working folder: a build never changes the process's folder.
    const eleventy = new Eleventy(root, staging, {
      // No config file: the project's config, with the releases just checked (the build takes them, not a second read).
      configPath: "",
      config: projectConfig({ site, root, preview: options.preview, now, loaded: { releases, diagnostics }, context }),
      pathPrefix: pathPrefix ?? site.pathPrefix,
      quietMode: true,
    });
    if (!options.debug) eleventy.logger.overrideLogger(SILENT);
    await eleventy.init();
    context.ownWrites = () => eleventyWritesNoPages(eleventy);
    copies = trackPassthroughCopies(eleventy);
    // The embargo audit is the plugin's last step (plugins/audit.ts): a leak rejects here, before anything is published.
    await eleventy.write();
    // With a .cache/ that cannot be written, one warning says so: its writes below fail for the same reason.
    const cacheProblems = [cache.problem ?? cacheAttempt(() => pageCache?.commit())];
    publishStaging(staging, output);
    const unrecorded = recordOutput(root, output, kind);
    diagnostics.push(...cacheWarnings(cache.problem ? cacheProblems : [...cacheProblems, unrecorded]));
  } catch (error) {
    // Eleventy rejects as soon as a step fails, while its passthrough copies and Bayan's
    // background work may still be writing into the staging folder: they finish before it goes.
    await copies?.settled();
    await context.background.stop();
    await context.background.settled();
    rmSync(staging, { recursive: true, force: true });
    throw error;
  } finally {
    cache.close();
  }
  return { ok: true, diagnostics, releases, site, output, seconds: seconds() };
}

/**
 * Turns Eleventy 3's own writing of `eleventy`'s pages off, for a build whose plugin writes them
 * itself: its template writer's dry run, which still renders every page and runs its transforms
 * (passthrough copies are another manager's, and still made). Set as a build starts, before the
 * writer makes its templates. False, and Eleventy writes, when this Eleventy has no such writer.
 */
function eleventyWritesNoPages(eleventy: Eleventy): boolean {
  const writer = (eleventy as unknown as { writer?: { setDryRun?: (dryRun: boolean) => void } }).writer;
  if (typeof writer?.setDryRun !== "function") return false;
  writer.setDryRun(true);
  return true;
}

/**
 * The cache folder of a build: `.cache/`, or when that cannot be written (a full or read-only disk,
 * a file in its place) a temporary folder for this build alone, with the reason, so the build still publishes.
 */
function cacheFolder(root: string): { folder: string; problem?: string; close(): void } {
  const folder = path.join(root, ".cache");
  const probe = path.join(folder, `.probe-${process.pid}`);
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(probe, "");
    rmSync(probe);
    return { folder, close: () => {} };
  } catch (error) {
    const temporary = mkdtempSync(path.join(os.tmpdir(), "bayan-cache-"));
    return {
      folder: temporary,
      problem: `cannot write to .cache/ (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}), so this build kept nothing for the next one`,
      close: () => rmSync(temporary, { recursive: true, force: true }),
    };
  }
}

/** Runs a write to `.cache/`; what went wrong, if anything (the cache only saves time: a failure never stops a publish). */
function cacheAttempt(write: () => void): string | undefined {
  try {
    write();
    return undefined;
  } catch (error) {
    return `could not store pages in .cache/ (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
}

function cacheWarnings(problems: Array<string | undefined>): Diagnostic[] {
  return problems
    .filter((problem) => problem !== undefined)
    .map((message) => ({
      file: ".cache/",
      severity: "warning",
      message: `${message}; the site was published all the same`,
      hint: "make .cache/ a folder Bayan can write to (or delete it): until then every build renders every page again",
    }));
}

const SILENT = { log() {}, info() {}, warn() {}, error() {} };
