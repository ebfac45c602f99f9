import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import type { Site } from "../config.ts";
import { ReleaseErrors } from "../diagnostics.ts";
import { auditOutput, auditTargets, type AuditTargets } from "../audit/audit.ts";
import { leakDiagnostics } from "../audit/report.ts";
import type { Source } from "../site/source.ts";
import { pagesLetGoOnceWritten } from "../audit/written-pages.ts";
import { startPageWorker, type PageWorker } from "../audit/page-search.ts";
import { pagesWrittenByWorker, unwrittenDiagnostics } from "../build/page-writer.ts";
import type { BuildContext } from "../build/context.ts";

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
 * A build's pages are searched as they are written, on a worker thread beside the rendering
 * (audit/page-search.ts), and no page's text is kept. In a build of `buildSite`, which turns
 * Eleventy's own writing off (`ownWrites`), the last transform hands each page's bytes to that
 * worker, which writes them too (the main thread writes a page itself when the worker is behind).
 * Otherwise Eleventy writes each page from bytes the last transform hands it and, once written,
 * they move to the worker (audit/written-pages.ts). Where another transform runs after Bayan's, or
 * writes are asynchronous, Eleventy writes the pages and the audit searches the texts it reports.
 */
export function auditPlugin(
  eleventyConfig: EleventyConfig,
  {
    root,
    site,
    source,
    after,
    context,
    meanwhile,
  }: {
    root: string;
    site: Site;
    source: Source;
    after: AfterBuildSteps;
    /** The build's: the files searched already, its background work, and (`buildSite`'s) how to turn Eleventy's own writing off. */
    context: BuildContext;
    /** Work for the main thread once the pages are written, while the audit's worker gives its verdict (reading what the page cache will store). */
    meanwhile?: () => void;
  },
) {
  // This build's: what the audit looks for (none unless audited), its pages' worker, and how the last transform hands it a page.
  let targets: Promise<AuditTargets | undefined> | undefined;
  let pages: Promise<PageWorker | undefined> | undefined;
  let hand: ((content: unknown, template: string, file: string) => unknown) | undefined;
  let writes = false;
  eleventyConfig.on("eleventy.before", ({ runMode, outputMode, directories }: { runMode: string; outputMode: string; directories: { output: string } }) => {
    const building = runMode === "build" && outputMode === "fs";
    // A worker left by a build that failed before its audit.
    void pages?.then((worker) => worker?.stop());
    // A load error is reported where the templates read the releases, not here.
    targets = building
      ? source.get().then(
          ({ audit, releases }) => (audit ? auditTargets(releases, { root, site }) : undefined),
          () => undefined,
        )
      : undefined;
    const last = building && isLast(eleventyConfig) && eleventyConfig.templateHandling?.writeMode !== "async";
    // `ownWrites` is read as each build starts: `buildSite` sets it once its Eleventy is made.
    writes = last && context.ownWrites?.() === true;
    const searched = (t: AuditTargets | undefined) => (t && t.hidden.length > 0 ? t : undefined);
    pages = writes ? targets!.then((t) => startPageWorker(searched(t))) : last ? targets?.then((t) => searched(t) && startPageWorker(t)) : undefined;
    hand = undefined;
    void pages?.then((worker) => {
      if (worker) context.background.stoppable(() => worker.stop());
      if (writes) hand = pagesWrittenByWorker(worker!, { output: path.resolve(directories.output), root });
      else {
        const letGo = pagesLetGoOnceWritten(worker && ((file, bytes) => worker.hand(file, bytes, false)));
        hand = (content, template, file) => (typeof content === "string" ? letGo(content, template, file) : content);
      }
    });
  });
  eleventyConfig.addTransform(LAST_TRANSFORM, async function (content) {
    if (!pages || !this.outputPath) return content;
    await pages;
    return hand ? hand(content, this.inputPath, path.resolve(this.outputPath)) : content;
  });
  after.steps.push(async ({ directories, runMode, outputMode, results = [] }) => {
    if (runMode !== "build" || outputMode !== "fs") return;
    const worker = await pages;
    // Pages Eleventy wrote are handed over on the next turn of the event loop (see written-pages.ts).
    if (worker && !writes) await new Promise((resolve) => setImmediate(resolve));
    const unwritten = writes ? await worker!.written() : [];
    if (unwritten.length > 0) throw new ReleaseErrors(unwrittenDiagnostics(unwritten, path.resolve(directories.output)));
    const { audit, releases } = await source.get();
    if (!audit) return void (await worker?.stop());
    const folder = path.resolve(directories.output);
    // The files their writer has searched already (the search index, pages from the page cache), noted in this build's context.
    const searched = context.audited.take(folder);
    const written = writtenTexts(folder, results);
    let leaks: Awaited<ReturnType<typeof auditOutput>>;
    if (worker?.searches) {
      const verdict = worker.audit(folder, written, searched);
      meanwhile?.();
      leaks = await verdict;
    } else {
      // A worker that only wrote the pages has nothing left to do.
      await worker?.stop();
      leaks = auditOutput(folder, (await targets) ?? auditTargets(releases, { root, site }), written, searched);
    }
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
