import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { SyntheticRelease } from "./generate.ts";
import { median } from "./search.ts";
import { startWatch, type WatchSession } from "./watch.ts";

/** One edit of one release while `npm start` runs. */
export interface EditTiming {
  file: string;
  /** Seconds from saving the file to its page holding the new text. */
  pageSeconds: number;
  /** Seconds from saving the file to Eleventy finishing the rebuild. */
  settledSeconds: number;
  /** Files Eleventy reported written, by kind of page. */
  written: Record<string, number>;
  /** Files under dist/ modified since the save (what a deploy or a browser cache would see). */
  filesTouched: number;
  /** Files Eleventy reported changed before that rebuild. */
  changed: string[];
}

/** The edit loop's figures: medians over the edits, and each edit. */
export interface EditLoopFigures {
  /** Seconds of the first (full) build in watch mode. */
  firstBuildSeconds: number;
  medianPageSeconds: number;
  medianSettledSeconds: number;
  medianFilesWritten: number;
  edits: EditTiming[];
}

/**
 * Starts the watch build in `root`, then edits releases one at a time (a paragraph with a marker
 * word added), timing how long until the page holds the marker and until Eleventy is done.
 */
export async function measureEditLoop(
  root: string,
  sample: SyntheticRelease[],
  options: { edits: number; now: string; log: (line: string) => void; timeoutMs?: number },
): Promise<EditLoopFigures> {
  const started = Date.now();
  const watch = startWatch(root, options.now, options.timeoutMs);
  try {
    await watch.ready;
    const firstBuildSeconds = (Date.now() - started) / 1000;
    options.log(`watch mode ready after ${firstBuildSeconds.toFixed(1)} s`);
    const edits: EditTiming[] = [];
    for (const release of pick(sample, options.edits)) {
      await sleep(1000); // let the watcher settle between edits
      const edit = await editOnce(root, release, watch);
      edits.push(edit);
      options.log(
        `edited ${edit.file}: page in ${edit.pageSeconds.toFixed(2)} s, rebuild done in ${edit.settledSeconds.toFixed(2)} s, wrote ${JSON.stringify(edit.written)} after changes to ${edit.changed.join(", ")}`,
      );
    }
    return {
      firstBuildSeconds,
      medianPageSeconds: median(edits.map((e) => e.pageSeconds)),
      medianSettledSeconds: median(edits.map((e) => e.settledSeconds)),
      medianFilesWritten: median(edits.map((e) => Object.values(e.written).reduce((a, b) => a + b, 0))),
      edits,
    };
  } finally {
    watch.stop();
  }
}

async function editOnce(root: string, release: SyntheticRelease, watch: WatchSession): Promise<EditTiming> {
  const file = `releases/${release.name}.${release.format}`;
  const marker = `bench${Date.now()}`;
  const text = readFileSync(path.join(root, file), "utf8");
  const paragraph = `${marker} أضيفت هذه الفقرة لقياس زمن إعادة البناء.`;
  const edited = text.endsWith("\nانتهى\n") ? text.replace(/\nانتهى\n$/, `\n${paragraph}\n\nانتهى\n`) : `${text}\n${paragraph}\n`;
  const page = path.join(root, "dist", pageUrl(release), "index.html");
  const { rebuild, saved, polledAt } = await watch.save(file, edited, () => pageHas(page, marker));
  return {
    file,
    pageSeconds: polledAt === undefined ? NaN : (polledAt - saved) / 1000,
    settledSeconds: (rebuild.at - saved) / 1000,
    written: countByKind(rebuild.urls),
    filesTouched: filesModifiedSince(path.join(root, "dist"), saved),
    changed: rebuild.changed,
  };
}

function pageHas(page: string, marker: string): boolean {
  try {
    return readFileSync(page, "utf8").includes(marker);
  } catch {
    return false;
  }
}

/** Site URL of a sampled release (Arabic, so at the root): `/releases/YYYY/MM/<slug>/`. */
function pageUrl(release: SyntheticRelease): string {
  const [year, month] = release.date.split("-");
  const slug = path.posix.basename(release.name).replace(/^\d{4}-\d{2}-\d{2}-/, "");
  return `/releases/${year}/${month}/${slug}/`;
}

/** Releases spread over the sample: the newest, then older ones (pages far down the lists). */
function pick(sample: SyntheticRelease[], count: number): SyntheticRelease[] {
  const step = Math.max(1, Math.floor(sample.length / count));
  return Array.from({ length: Math.min(count, sample.length) }, (_, i) => sample[i * step]);
}

/** Kinds of output, by URL. */
export function countByKind(urls: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const url of urls) {
    const kind = /\/releases\/\d{4}\/\d{2}\/[^/]+\/$/.test(url)
      ? "release"
      : /\/(feed\.xml|atom\.xml|feed\.json)$/.test(url)
        ? "feed"
        : /\/tags\//.test(url)
          ? "tag list"
          : /\/archive\/\d{4}\//.test(url)
            ? "archive list"
            : /^\/(?:[a-z]{2}\/)?(?:page\/\d+\/)?$/.test(url)
              ? "home list"
              : "other";
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

function filesModifiedSince(folder: string, since: number): number {
  let count = 0;
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && statSync(path.join(entry.parentPath, entry.name)).mtimeMs >= since) count++;
  }
  return count;
}
