import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import type { Site } from "../config.ts";
import { ReleaseErrors } from "../diagnostics.ts";
import { auditOutput, auditTargets, type AuditTargets } from "../audit/audit.ts";
import { leakDiagnostics } from "../audit/report.ts";
import type { AuditedFiles } from "../audit/audited.ts";
import type { Source } from "../site/source.ts";
import { pagesLetGoOnceWritten } from "../audit/written-pages.ts";
import { searchPagesInWorker, type PageSearch } from "../audit/page-search.ts";

/** What Eleventy hands `eleventy.after`. */
export interface AfterBuild {
  directories: { output: string };
  runMode: string;
  outputMode: string;
  results?: WrittenPage[];
}

/** A page Eleventy wrote, as `write()` and `eleventy.after` report it. */
interface WrittenPage {
  outputPath: string | false;
  content: unknown;
}

/** Bayan's `eleventy.after` work, run in order by one handler (Eleventy runs its handlers side by side). */
export interface AfterBuildSteps {
  steps: Array<(event: AfterBuild) => Promise<void>>;
}

/**
 * The embargo audit as the last step of every build, however it was started (`bayan build`, or a
 * plain `npx @11ty/eleventy` in a site that adds the plugin): a draft or embargoed release with
 * any trace in the written output fails the build with `file:line` errors. Not in a preview or
 * `bayan start`, which show drafts on purpose. Publishing the output atomically, or not at all,
 * stays the `bayan build` command's job (see build/build.ts).
 *
 * A build's pages are searched as they are written: the last transform hands Eleventy their bytes
 * to write and, once written, moves them to a worker thread that searches them beside the
 * rendering (audit/page-search.ts), instead of keeping them (Eleventy would keep every page's
 * text until the build ends; see audit/written-pages.ts). Where another transform runs after it,
 * or writes are asynchronous, the audit searches the texts Eleventy reports instead.
 */
export function auditPlugin(
  eleventyConfig: EleventyConfig,
  {
    root,
    site,
    source,
    after,
    audited,
    meanwhile,
  }: {
    root: string;
    site: Site;
    source: Source;
    after: AfterBuildSteps;
    audited: AuditedFiles;
    /** Work for the main thread while the audit's worker gives its verdict (reading what the page cache will store). */
    meanwhile?: () => void;
  },
) {
  // This build's: what the audit looks for (none unless audited), and whether pages are searched and let go as they are written.
  let targets: Promise<AuditTargets | undefined> | undefined;
  let pages: Promise<PageSearch | undefined> | undefined;
  let toBytes: ((text: string, template: string, file: string) => Buffer) | undefined;
  eleventyConfig.on("eleventy.before", ({ runMode, outputMode }: { runMode: string; outputMode: string }) => {
    const building = runMode === "build" && outputMode === "fs";
    // A worker left by a build that failed before its audit.
    void pages?.then((search) => search?.stop());
    // A load error is reported where the templates read the releases, not here.
    targets = building
      ? source.get().then(
          ({ audit, releases }) => (audit ? auditTargets(releases, { root, site }) : undefined),
          () => undefined,
        )
      : undefined;
    const letGo = building && isLast(eleventyConfig) && eleventyConfig.templateHandling?.writeMode !== "async";
    pages = letGo ? targets?.then((t) => (t && t.hidden.length > 0 ? searchPagesInWorker(t) : undefined)) : undefined;
    toBytes = undefined;
    if (letGo) void pages?.then((search) => (toBytes = pagesLetGoOnceWritten(search?.search)));
  });
  eleventyConfig.addTransform(LAST_TRANSFORM, async function (content) {
    if (!pages || typeof content !== "string" || !this.outputPath) return content;
    await pages;
    return toBytes!(content, this.inputPath, path.resolve(this.outputPath));
  });
  after.steps.push(async ({ directories, runMode, outputMode, results = [] }) => {
    if (runMode !== "build" || outputMode !== "fs") return;
    const { audit, releases } = await source.get();
    if (!audit) return;
    const folder = path.resolve(directories.output);
    const search = await pages;
    // The last pages written are handed over on the next turn of the event loop (see written-pages.ts).
    if (search) await new Promise((resolve) => setImmediate(resolve));
    // The files their writer has searched already (the search index, pages from the page cache), noted in this build's context.
    const searched = audited.take(folder);
    const written = writtenTexts(folder, results);
    let leaks: Awaited<ReturnType<typeof auditOutput>>;
    if (search) {
      const verdict = search.audit(folder, written, searched);
      meanwhile?.();
      leaks = await verdict;
    } else leaks = auditOutput(folder, (await targets) ?? auditTargets(releases, { root, site }), written, searched);
    if (leaks.length > 0) throw new ReleaseErrors(leakDiagnostics(leaks, releases, root));
  });
}

/** Bayan's last transform: pages are let go only when no other transform changes them after it. */
const LAST_TRANSFORM = "bayan-audit";

/**
 * Whether no transform changes a page after Bayan's: Eleventy's bundle plugin adds its transform
 * for delayed bundles after every plugin's, and it passes pages through unless a site adds a
 * delayed bundle.
 */
function isLast(eleventyConfig: EleventyConfig): boolean {
  const after = Object.keys(eleventyConfig.transforms).slice(Object.keys(eleventyConfig.transforms).indexOf(LAST_TRANSFORM) + 1);
  const delayedBundles = Object.values(eleventyConfig.getBundleManagers?.() ?? {}).some((manager) => manager.isDelayed?.());
  return after.every((name) => name === "@11ty/eleventy-bundle/delayed") && (after.length === 0 || !delayedBundles);
}

/** The pages' texts by path in the output folder (those still text): the audit searches them without reading them back. */
function writtenTexts(folder: string, pages: WrittenPage[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const { outputPath, content } of pages) {
    if (outputPath && typeof content === "string") texts.set(path.relative(folder, path.resolve(outputPath)).split(path.sep).join("/"), content);
  }
  return texts;
}
