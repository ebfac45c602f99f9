/**
 * Worker thread entry of `filesAhead`: makes each file it is sent, empty, with its folder, unless
 * something is there already; when asked, reports what it made and stops.
 */
import { closeSync, mkdirSync, openSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import type { AheadMade, AheadMessage } from "./files-ahead.ts";

// Only where the main thread leaves a core idle: the rendering comes first, and the files it
// reaches before this thread does it makes itself. On Linux a nice value is the calling thread's
// alone (elsewhere it would be the whole process's).
if (process.platform === "linux") {
  try {
    os.setPriority(19);
  } catch {
    // Not allowed here: the files are made all the same.
  }
}
const made: AheadMade = { files: [], folders: [] };
/** Set by the build once Eleventy has written everything (or the build failed): nothing more is made. */
const over = workerData as Int32Array;
const folders = new Set<string>();

parentPort!.on("message", (message: AheadMessage) => {
  if ("finish" in message) {
    parentPort!.postMessage(made);
    parentPort!.close();
    return;
  }
  for (const file of message.make) {
    if (Atomics.load(over, 0) === 1) break;
    try {
      const folder = path.dirname(file);
      if (!folders.has(folder)) {
        const top = mkdirSync(folder, { recursive: true });
        if (top) made.folders.push(top);
        folders.add(folder);
      }
      // `wx`: never a file that is there, which Eleventy may have written already.
      closeSync(openSync(file, "wx"));
      made.files.push(file);
    } catch {
      // There already, or not possible here (a file where a folder goes): Eleventy writes it, or reports why not.
    }
  }
});
