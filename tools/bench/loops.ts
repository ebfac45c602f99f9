/**
 * The edit loop of `npm run bench`: the watch build (`npm start`) running in a project of its
 * own process, releases edited one at a time, and how long until each page shows the edit.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import type { SyntheticRelease } from "./generate.ts";
import { median } from "./measure.ts";

// The watch build.

/** A rebuild of the watch build: what Eleventy reported changed, and the URLs it wrote. */
export interface Rebuild {
  /** Files Eleventy saw change before this rebuild. */
  changed: string[];
  urls: string[];
  /** Epoch milliseconds when Eleventy finished. */
  at: number;
}

/** A running `npm start` build (`child.ts watch`) in a project. */
export interface WatchSession {
  /** Resolves when the first, full build is done. */
  ready: Promise<void>;
  /**
   * Writes `text` to `file` (project-relative) and resolves with the rebuild it causes. `poll`,
   * if given, runs every 20 ms from the save until it returns true or a second after the rebuild;
   * `polledAt` is when it first returned true.
   */
  save(file: string, text: string, poll?: () => boolean): Promise<{ rebuild: Rebuild; saved: number; polledAt?: number }>;
  stop(): void;
}

type ServeEvent = { event: "ready" | "change" | "built"; at: number; urls?: string[]; files?: string[] };

const POLL_MS = 20;

/** Starts the watch build in `root` (a project with its own `src`, copied or linked) with the build clock `now`. */
export function startWatch(root: string, now: string, timeoutMs = 30 * 60_000): WatchSession {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "child.ts"), "watch", now], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const events: ServeEvent[] = [];
  let exited = false;
  let output = "";
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (line.startsWith("bench:")) events.push(JSON.parse(line.slice("bench:".length)) as ServeEvent);
    else output += `${line}\n`;
  });
  child.stderr.on("data", (chunk) => (output += chunk));
  child.on("exit", () => (exited = true));

  /** The first event after `since` that matches, waiting for it. */
  const next = async (since: number, match: (event: ServeEvent) => boolean): Promise<ServeEvent> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const event = events.find((e) => e.at >= since && match(e));
      if (event) return event;
      if (exited) throw new Error(`bench: the watch build exited\n${output.slice(-4000)}`);
      if (Date.now() > deadline) throw new Error(`bench: no answer from the watch build in ${timeoutMs / 1000} s\n${output.slice(-4000)}`);
      await sleep(POLL_MS);
    }
  };

  return {
    ready: next(0, (e) => e.event === "ready").then(() => undefined),
    async save(file, text, poll) {
      const saved = Date.now();
      writeFileSync(path.join(root, file), text);
      let built: ServeEvent | undefined;
      let failure: unknown;
      void next(saved, (e) => e.event === "built").then(
        (event) => (built = event),
        (error) => (failure = error),
      );
      let polledAt: number | undefined;
      while (!built || (poll && polledAt === undefined && Date.now() - built.at < 1000)) {
        if (failure) throw failure;
        if (poll && polledAt === undefined && poll()) polledAt = Date.now();
        await sleep(POLL_MS);
      }
      const changed = events.filter((e) => e.event === "change" && e.at >= saved && e.at <= built!.at).flatMap((e) => e.files ?? []);
      return { rebuild: { changed: [...new Set(changed)], urls: built.urls ?? [], at: built.at }, saved, polledAt };
    },
    stop: () => void child.kill(),
  };
}

// Edits.

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
