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
import { ReleaseErrors } from "../diagnostics.ts";
import type { Diagnostic, Release } from "../release/model.ts";
import { auditOutput, auditTargets, type AuditTargets, type Match } from "./audit.ts";
import { backgroundSettled } from "./background.ts";
import { takeAudited } from "./audited.ts";
import { leakDiagnostics } from "./audit-report.ts";
import { openPageCache } from "./page-cache.ts";
import { claimOutput, prepareStaging, recoverOutput, publishStaging, recordOutput } from "./output.ts";

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
  const { releases, diagnostics } = loadReleases({ root, releasesDir: "releases", site, now: clock, cacheDir: cache.folder });
  diagnostics.push(...imageProblems(root, site, releases));
  const seconds = () => (performance.now() - started) / 1000;
  if (diagnostics.some((d) => d.severity === "error")) {
    cache.close();
    return { ok: false, diagnostics, releases, site, output, seconds: seconds() };
  }

  const staging = prepareStaging(output);
  const previousCwd = process.cwd();
  // Release pages, list pages, feeds and search-index files unchanged since an earlier build come
  // from `.cache/` (not in a preview, which is not audited).
  const targets = auditTargets(releases, { root, site });
  const pageCache = options.preview ? undefined : openPageCache(cache.folder, staging, targets.hidden);
  try {
    process.chdir(root);
    const eleventy = new Eleventy(".", staging, {
      // No config file: the project's config, with the releases just checked (the build takes them, not a second read).
      configPath: "",
      config: projectConfig({ site, root, preview: options.preview, now, loaded: { releases, diagnostics } }),
      pathPrefix: pathPrefix ?? site.pathPrefix,
      quietMode: true,
    });
    if (!options.debug) eleventy.logger.overrideLogger(SILENT);
    const [, pages] = (await eleventy.write()) as [unknown, WrittenPage[]];
    // After write() has settled (no copy still in flight), before anything is published.
    const audited = takeAudited(staging);
    if (!options.preview) auditBuild(root, staging, releases, targets, writtenTexts(staging, pages), audited);
    // With a .cache/ that cannot be written, one warning says so: its writes below fail for the same reason.
    const cacheProblems = [cache.problem ?? cacheAttempt(() => pageCache?.commit())];
    publishStaging(staging, output);
    const unrecorded = recordOutput(root, output, kind);
    diagnostics.push(...cacheWarnings(cache.problem ? cacheProblems : [...cacheProblems, unrecorded]));
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
    cache.close();
    process.chdir(previousCwd);
  }
  return { ok: true, diagnostics, releases, site, output, seconds: seconds() };
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
  return problems.filter((problem) => problem !== undefined).map((message) => ({
    file: ".cache/", severity: "warning", message: `${message}; the site was published all the same`,
    hint: "make .cache/ a folder Bayan can write to (or delete it): until then every build renders every page again",
  }));
}

const SILENT = { log() {}, info() {}, warn() {}, error() {} };

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
