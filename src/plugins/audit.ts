import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import type { Site } from "../config.ts";
import { ReleaseErrors } from "../diagnostics.ts";
import { auditOutput, auditTargets, type AuditTargets } from "../audit/audit.ts";
import { leakDiagnostics } from "../audit/report.ts";
import type { AuditedFiles } from "../audit/audited.ts";
import type { Source } from "../site/source.ts";
import { pagesLetGoOnceWritten } from "../audit/written-pages.ts";
import { startPageWorker, type PageWorker, type UnwrittenPage } from "../audit/page-search.ts";
import type { BackgroundWork } from "../build/background.ts";
import type { Diagnostic } from "../release/model.ts";

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
    audited,
    background,
    ownWrites,
    meanwhile,
  }: {
    root: string;
    site: Site;
    source: Source;
    after: AfterBuildSteps;
    audited: AuditedFiles;
    background: BackgroundWork;
    /** Turns Eleventy's own writing of this build's pages off, so that they are written here; false where it cannot (see `BuildContext`). */
    ownWrites?: () => boolean;
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
    writes = last && ownWrites?.() === true;
    const searched = (t: AuditTargets | undefined) => (t && t.hidden.length > 0 ? t : undefined);
    pages = writes ? targets!.then((t) => startPageWorker(searched(t))) : last ? targets?.then((t) => searched(t) && startPageWorker(t)) : undefined;
    hand = undefined;
    void pages?.then((worker) => {
      if (worker) background.stoppable(() => worker.stop());
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
    // The last pages are handed over on the next turn of the event loop (see written-pages.ts).
    if (worker) await new Promise((resolve) => setImmediate(resolve));
    const unwritten = writes ? await worker!.written() : [];
    if (unwritten.length > 0) throw new ReleaseErrors(unwritten.map((page) => unwrittenDiagnostic(page, path.resolve(directories.output))));
    const { audit, releases } = await source.get();
    if (!audit) return void (await worker?.stop());
    const folder = path.resolve(directories.output);
    // The files their writer has searched already (the search index, pages from the page cache), noted in this build's context.
    const searched = audited.take(folder);
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

/**
 * How the last transform hands pages to a worker that writes them: each page's bytes, in memory of
 * their own, move to the worker, or when it is behind are written here first and then moved; Eleventy,
 * which does not write them, is left an empty text. A page whose file is outside the `output`
 * folder (a permalink with `../`) fails the build, naming its template (relative to `root`).
 */
export function pagesWrittenByWorker(worker: PageWorker, { output, root }: { output: string; root: string }) {
  const folders = new Set<string>();
  return (content: unknown, template: string, file: string) => {
    // A template that renders nothing: Eleventy writes no page for it (`Template.generateMapEntry`), nor does its worker.
    if (content === undefined) return content;
    // Only the output folder is published whole, or not at all: a page outside it would stay, whatever the build's fate.
    if (!file.startsWith(output + path.sep)) throw new ReleaseErrors([outsideDiagnostic(template, file, output, root)]);
    const bytes = ownBytes(content, template);
    if (!worker.behind()) {
      worker.hand(file, bytes.buffer as ArrayBuffer, true);
      return "";
    }
    try {
      const folder = path.dirname(file);
      if (!folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        folders.add(folder);
      }
      writeFileSync(file, bytes);
    } catch {
      // The worker tries again, and reports why it cannot either, with every other page it could not write.
      worker.hand(file, bytes.buffer as ArrayBuffer, true);
      return "";
    }
    if (worker.searches) worker.hand(file, bytes.buffer as ArrayBuffer, false);
    return "";
  };
}

/** A page's text or bytes as bytes with memory of their own (`Buffer.from` may share Node's pool), which move whole. */
function ownBytes(content: unknown, template: string): Buffer {
  if (typeof content === "string") {
    const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(content));
    bytes.write(content);
    return bytes;
  }
  if (content instanceof Uint8Array) {
    const bytes = Buffer.allocUnsafeSlow(content.byteLength);
    bytes.set(content);
    return bytes;
  }
  throw new Error(`${template} rendered a page that is neither text nor bytes (${typeof content}): a transform returned something else`);
}

/** A page whose file is outside the output folder, as the build reports it: its template, its address, and what to do. */
function outsideDiagnostic(template: string, file: string, output: string, root: string): Diagnostic {
  return {
    file: path.relative(root, path.resolve(template)).split(path.sep).join("/"),
    severity: "error",
    message: `its page's address ${path.relative(output, file).split(path.sep).join("/")} is outside the output folder`,
    hint: "give it a permalink inside the site (one that starts with /, without ../)",
  };
}

/** Why a page could not be written, by the error's code, in words. */
const UNWRITABLE: Record<string, string> = {
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the disk is read-only",
  ENOTDIR: "a file is where a folder of its address goes",
  EEXIST: "a file is where a folder of its address goes",
  EISDIR: "a folder is where it goes",
  ENAMETOOLONG: "a name in its address is too long for the disk",
};

/** A page that could not be written, as the build reports it: its address in the site, why, and what to do. */
function unwrittenDiagnostic({ file, code, message }: UnwrittenPage, folder: string): Diagnostic {
  const addressOf = (at: string) => `/${path.relative(folder, at).split(path.sep).join("/")}`;
  const clash = code === "ENOTDIR" || code === "EEXIST" || code === "EISDIR";
  const other = clash ? pageInTheWay(file, code, folder) : undefined;
  return {
    file: "build",
    severity: "error",
    message: `could not write the page ${addressOf(file)}: ${(code && UNWRITABLE[code]) ?? message.split(",")[0]}${other ? `, in its way the page ${addressOf(other)}` : ""}${code ? ` (${code})` : ""}`,
    hint: clash ? "two pages' addresses clash (one is inside the other): give one of them another permalink" : unwritableHint(code),
  };
}

/** What to do about a page that could not be written, by the error's code (a clash aside). */
function unwritableHint(code: string | undefined): string {
  if (code === "ENOSPC" || code === "EDQUOT") return "free some space on the disk (or raise the quota) and build again";
  if (code === "ENAMETOOLONG") return "shorten its permalink: each part of an address can be at most 255 bytes (an Arabic letter is 2)";
  return "check that the output folder can be written, then build again";
}

/**
 * The other page of a clash, so that the report names both, whichever was written first: a page
 * inside the folder where `file` goes (EISDIR), or the page where one of its folders goes.
 */
function pageInTheWay(file: string, code: string | undefined, folder: string): string | undefined {
  try {
    if (code === "EISDIR") {
      const inside = readdirSync(file, { recursive: true, withFileTypes: true }).find((entry) => entry.isFile());
      return inside && path.join(inside.parentPath, inside.name);
    }
    for (let at = path.dirname(file); at.startsWith(folder + path.sep); at = path.dirname(at)) {
      if (statSync(at, { throwIfNoEntry: false })?.isFile()) return at;
    }
  } catch {
    // Unreadable: the report names the one page.
  }
  return undefined;
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
