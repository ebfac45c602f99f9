import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import { build } from "esbuild";
import type { Site } from "../config.ts";
import { PACKAGE_ROOT } from "../defaults.ts";
import { formatShortDate } from "../dates/dates.ts";
import type { AfterBuildSteps } from "./audit.ts";
import type { SearchDoc } from "../search/model.ts";
import { writeSearchIndexInWorker } from "../search/thread.ts";
import { writeSearchIndex } from "../search/write.ts";
import type { BuildContext } from "../build/context.ts";
import type { Source } from "../site/source.ts";
import { leakFinder, leakFinderKey, type AuditTargets, type Match } from "../audit/audit.ts";

/** The browser script, bundled once per process (it does not change between builds). */
let clientBundle: Promise<Uint8Array> | undefined;

/** From this many releases on, the index is built on a worker thread (below, starting one costs more than it saves). */
const WORKER_FROM = 500;

/**
 * The search index and its browser script. The index holds the releases that have pages —
 * published only, outside preview — in one pass over them. It is written while Eleventy renders
 * the pages (on a worker thread for large archives). A build waits for it in `eleventy.after`, so
 * the embargo audit (after the build) searches it; `npm start` starts it once the pages are
 * written and does not wait: the edited page reloads at once and the index follows, and a newer
 * edit stops an index still being built as its rebuild starts.
 */
export function searchPlugin(
  eleventyConfig: EleventyConfig,
  { site, source, after, context }: { site: Site; source: Source; after: AfterBuildSteps; context: BuildContext },
) {
  let index: Promise<Map<string, Match[]>> | undefined;
  let stop: AbortController | undefined;
  let startAfterWrite: (() => void) | undefined;
  const start = (docs: SearchDoc[], target: string, runMode: string, audit: AuditTargets | undefined, cacheDir: string | undefined) => {
    stop?.abort();
    const [previous, current] = [index, (stop = new AbortController())];
    // Never two writers of one index: this one starts once the one it replaces has stopped.
    index = context.background.track(
      (async () => {
        await previous?.catch(() => undefined);
        current.signal.throwIfAborted();
        return docs.length >= WORKER_FROM
          ? writeSearchIndexInWorker(docs, target, { signal: current.signal, audit, cacheDir })
          : writeSearchIndex(docs, target, { findLeaks: leakFinder(audit), leaksKey: cacheDir ? leakFinderKey(audit) : undefined, cacheDir });
      })(),
    );
    // A build reports a failure through `eleventy.after`; `npm start` prints it, unless a newer edit stopped the worker.
    index.catch((error: Error) => {
      if (runMode !== "build" && !current.signal.aborted) console.error(`[bayan] the search index was not written: ${error.message}`);
    });
  };
  eleventyConfig.on("eleventy.before", async ({ directories, runMode }: { directories: { output: string }; runMode: string }) => {
    // In `npm start`, an edit makes the index still being built out of date: stopped now, its
    // thread leaves both cores to the edited pages (a new one starts once they are written).
    if (runMode !== "build") stop?.abort();
    const { newsroom, audit } = await source.get();
    const folder = path.resolve(directories.output, "search");
    // A result shows its date as the site's lists do (release cards: in the release's language).
    const docs = newsroom.releases.map(({ url, title, date, lang, tags, bodyText }) => ({
      url,
      title,
      date,
      lang,
      tags,
      text: bodyText,
      displayDate: formatShortDate(date, lang, site),
    }));
    // A build writes the index beside the pages, searching it for the embargo audit as it goes;
    // `npm start` (not audited) once the pages are written, so an edited page is not held up by it.
    // Into the fresh output of `buildSite` (which opened a page cache for it), unchanged releases' files come from `.cache/`.
    const cacheDir = context.pageCache?.cacheDir;
    const begin = () =>
      start(docs, path.join(folder, "index"), runMode, runMode === "build" ? audit?.() : undefined, cacheDir && path.join(cacheDir, "bayan-index"));
    if (runMode === "build") begin();
    else startAfterWrite = begin;
    clientBundle ??= bundleClient();
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, "search.js"), await clientBundle);
  });
  // A build waits for the index, and hands what its search found to the embargo audit (the next step).
  after.steps.push(async ({ runMode }) => {
    startAfterWrite?.();
    startAfterWrite = undefined;
    if (runMode === "build" && index) context.audited.note(await index);
  });
}

/** The browser script from Bayan's own copy (the package's, not the site's `assets/`). */
async function bundleClient(): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [path.join(PACKAGE_ROOT, "assets/search/client.ts")],
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2020",
    write: false,
    legalComments: "none",
  });
  return result.outputFiles[0].contents;
}
