import path from "node:path";
import { Worker } from "node:worker_threads";
import { workerCode } from "../util/worker-code.ts";
import type { AuditTargets, Match } from "../audit/audit.ts";
import type { SearchDoc } from "./model.ts";
import { searchFingerprint } from "./write.ts";

/**
 * `writeSearchIndex` on a worker thread, beside Eleventy's rendering: the documents' files, then
 * the terms' (see `IndexPart`), one after the other on one thread. Not two threads at once: each
 * held its own copy of the releases' texts and its own working memory (a first build of 10,000
 * releases peaked about 80 MiB higher). Not a thread for each in turn either: the second started
 * only when the main thread next reached its event loop, which Eleventy's rendering holds for
 * seconds at a time, so a build waited for the terms after its pages were written.
 * Aborting `signal` stops the worker (a newer edit in `npm start` makes its index useless) and
 * rejects; so does the worker failing.
 * Resolves with what `writeSearchIndex` returns (`audit` and `cacheDir` as there).
 */
export async function writeSearchIndexInWorker(
  docs: SearchDoc[],
  folder: string,
  { signal, audit, cacheDir }: { signal?: AbortSignal; audit?: AuditTargets; cacheDir?: string } = {},
): Promise<Map<string, Match[]>> {
  const code = await workerCode(path.join(import.meta.dirname, `worker${path.extname(import.meta.filename)}`));
  signal?.throwIfAborted();
  const stop = new AbortController();
  signal?.addEventListener("abort", () => stop.abort(), { once: true });
  // The published releases' texts are the docs' texts: sent once, with the docs (see worker.ts).
  const targets = audit && { hidden: audit.hidden, published: audit.published.map(({ text: _, ...release }) => release) };
  // Worked out here: the bundled worker has no source folder to hash.
  const fingerprint = searchFingerprint();
  return runWorker(code, { docs, folder, audit: targets, cacheDir, fingerprint }, stop.signal);
}

function runWorker(code: string, workerData: unknown, signal: AbortSignal): Promise<Map<string, Match[]>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData });
    signal.addEventListener("abort", () => void worker.terminate(), { once: true });
    let found: Map<string, Match[]> | undefined;
    worker.once("message", (message: Map<string, Match[]>) => (found = message));
    worker.once("error", reject);
    // A worker stopped before it ran exits with 0: the signal says whether it finished.
    worker.once("exit", (code) =>
      code === 0 && found && !signal.aborted ? resolve(found) : reject(new Error(`the search index worker stopped with code ${code}`)),
    );
  });
}
