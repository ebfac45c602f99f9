/**
 * The files a build is about to render, made empty ahead of Eleventy on a worker thread, each with
 * its folder, so that Eleventy's write opens a file that exists instead of making one. Making a file
 * or a folder is the costly part of writing a page where the file system is slow to find room for
 * a new one: on the disk this project is built on (ext4 without a journal, whose allocator passes
 * over every recently freed inode), one folder and file took 0.2 to 1.2 ms of the main thread's
 * time, against tens of microseconds for writing the page into them. Made beside the rendering,
 * on the other core, that time leaves the main thread (see docs/scaling.md).
 *
 * A file is only ever made where none is (`wx`): one Eleventy wrote first is never emptied. Files
 * made ahead that Eleventy did not write (a page planned and not rendered) are removed before
 * anything reads the output (`finish`), with the folders made for them alone.
 */
import { rmdirSync, unlinkSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { workerCode } from "../util/worker-code.ts";

/** What the worker is sent: files to make, in order, or the request for what it made. */
export type AheadMessage = { make: string[] } | { finish: true };

/** What the worker made: files (absolute paths), and the first folder each `mkdir` made (the top of what it made). */
export interface AheadMade {
  files: string[];
  folders: string[];
}

/** One build's files made ahead. */
export interface FilesAhead {
  /** Makes `files` (absolute paths), in order, each with its folder, unless something is there already. */
  make(files: readonly string[]): void;
  /**
   * Once Eleventy has written everything (`written`: the absolute paths it wrote): stops the
   * making at the next file (those not reached Eleventy made itself), waits for the worker, then
   * removes the files it made that were not written, and the folders made for them alone. Returns
   * how many it removed.
   */
  finish(written: ReadonlySet<string>): Promise<number>;
  /** Stops the worker and waits until it no longer writes (a failed build, whose folder goes whole); a `make` after it makes nothing. */
  stop(): Promise<void>;
}

/** Files made ahead on a worker thread, started on the first `make`. */
export function filesAhead(): FilesAhead {
  let worker: Promise<Worker> | undefined;
  // Set once Eleventy has written everything or the build has failed: from then on a file made is
  // one nobody writes, so the worker makes no more, even in the middle of a batch it was sent.
  const over = new Int32Array(new SharedArrayBuffer(4));
  const end = () => Atomics.store(over, 0, 1);
  const start = () =>
    (worker ??= workerCode(path.join(import.meta.dirname, `files-ahead-worker${path.extname(import.meta.filename)}`)).then((code) => {
      const started = new Worker(code, { eval: true, workerData: over });
      // Never what keeps a process alive: a build that fails stops it, one that succeeds finishes it.
      started.unref();
      return started;
    }));
  return {
    make(files) {
      if (files.length === 0 || Atomics.load(over, 0) === 1) return;
      void start().then((to) => to.postMessage({ make: [...files] } satisfies AheadMessage));
    },
    async finish(written) {
      end();
      if (!worker) return 0;
      const to = await worker;
      const made = await new Promise<AheadMade>((resolve, reject) => {
        to.once("message", resolve);
        to.once("error", reject);
        to.once("exit", (code) => reject(new Error(`the worker making files ahead stopped with code ${code}`)));
        to.postMessage({ finish: true } satisfies AheadMessage);
      });
      await to.terminate();
      return removeUnwritten(made, written);
    },
    async stop() {
      end();
      if (worker) await (await worker).terminate();
    },
  };
}

/** Removes the files made ahead and not written, then each folder made for them that is left empty, deepest first. */
function removeUnwritten(made: AheadMade, written: ReadonlySet<string>): number {
  const unwritten = made.files.filter((file) => !written.has(file));
  if (unwritten.length === 0) return 0;
  const tops = new Set(made.folders);
  for (const file of unwritten) {
    unlinkSync(file);
    // Up to the first folder made for it: those above were there before (or hold other pages).
    for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
      if (!isMadeFolder(folder, tops) || !removeIfEmpty(folder) || tops.has(folder)) break;
    }
  }
  return unwritten.length;
}

/** Whether `folder` is one of the folders made ahead: a made top or inside one. */
function isMadeFolder(folder: string, tops: ReadonlySet<string>): boolean {
  for (let at = folder; at !== path.dirname(at); at = path.dirname(at)) if (tops.has(at)) return true;
  return false;
}

function removeIfEmpty(folder: string): boolean {
  try {
    rmdirSync(folder);
    return true;
  } catch {
    // Not empty: it holds pages that were written.
    return false;
  }
}
