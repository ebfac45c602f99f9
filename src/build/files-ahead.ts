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
import { rmdirSync, statSync, unlinkSync } from "node:fs";
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
  /** No more files to make: the worker ends once it has made those it was sent, and its memory goes before the build's busiest moment. */
  done(): void;
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
  let made: Promise<AheadMade> | undefined;
  // Why the worker is gone, if it stopped before reporting what it made.
  let gone: Error | undefined;
  // Set once Eleventy has written everything or the build has failed: from then on a file made is
  // one nobody writes, so the worker makes no more, even in the middle of a batch it was sent.
  const over = new Int32Array(new SharedArrayBuffer(4));
  const end = () => Atomics.store(over, 0, 1);
  const start = () =>
    (worker ??= workerCode(path.join(import.meta.dirname, `files-ahead-worker${path.extname(import.meta.filename)}`)).then((code) => {
      const started = new Worker(code, { eval: true, workerData: over });
      // Never what keeps a process alive: a build that fails stops it, one that succeeds finishes it.
      started.unref();
      started.once("error", (error) => (gone ??= error));
      started.once("exit", (code) => (gone ??= new Error(`the worker making files ahead stopped with code ${code}`)));
      return started;
    }));
  const done = () => {
    made ??= worker?.then(
      (to) =>
        new Promise<AheadMade>((resolve, reject) => {
          if (gone) return reject(gone);
          to.once("message", resolve);
          to.once("exit", () => reject(gone));
          to.postMessage({ finish: true } satisfies AheadMessage);
        }),
    );
    // Reported by `finish`, which the build awaits.
    made?.catch(() => {});
  };
  return {
    make(files) {
      if (files.length === 0 || made || Atomics.load(over, 0) === 1) return;
      // A worker that cannot start is reported by `finish`, which the build awaits.
      start().then(
        (to) => to.postMessage({ make: [...files] } satisfies AheadMessage),
        () => {},
      );
    },
    done,
    async finish(written) {
      end();
      done();
      if (!made) return 0;
      const list = await made;
      await (await worker!).terminate();
      return removeUnwritten(list, written);
    },
    async stop() {
      end();
      // A worker that never started has nothing to stop.
      await worker?.then(
        (to) => to.terminate(),
        () => {},
      );
    },
  };
}

/**
 * Removes the files made ahead and not written, then each folder made for them that is left empty.
 * Only files still empty: one with contents was written, whatever Eleventy reported.
 */
function removeUnwritten(made: AheadMade, written: ReadonlySet<string>): number {
  const unwritten = made.files.filter((file) => !written.has(file) && statSync(file, { throwIfNoEntry: false })?.size === 0);
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
