import path from "node:path";
import { Worker } from "node:worker_threads";
import { workerCode } from "../util/worker-code.ts";
import type { AuditTargets, Match } from "../audit/audit.ts";
import type { IndexPart } from "./build.ts";
import type { SearchDoc } from "./model.ts";
import { searchFingerprint } from "./write.ts";

/**
 * `writeSearchIndex` on worker threads, one for each of `parts` in turn: by default two, one for
 * the documents' files, then one for the terms' (see `IndexPart`), beside Eleventy's rendering.
 * One after the other, not at once: each holds its own copy of the releases' texts and its own
 * working memory, and the two at once made the peak of a first build of 10,000 releases about
 * 80 MiB higher (1,010 against 930 MiB) for half a second less of its 26 s; with the index's
 * caches, a build with little to index finishes them as soon either way.
 * Aborting `signal` stops the workers (a newer edit in `npm start` makes their index useless) and
 * rejects; so does either worker failing, which stops the other.
 * Resolves with what `writeSearchIndex` returns (`audit` and `cacheDir` as there).
 */
export async function writeSearchIndexInWorker(
  docs: SearchDoc[],
  folder: string,
  { signal, audit, parts = ["documents", "terms"], cacheDir }: { signal?: AbortSignal; audit?: AuditTargets; parts?: IndexPart[]; cacheDir?: string } = {},
): Promise<Map<string, Match[]>> {
  const code = await workerCode(path.join(import.meta.dirname, `worker${path.extname(import.meta.filename)}`));
  signal?.throwIfAborted();
  const stop = new AbortController();
  signal?.addEventListener("abort", () => stop.abort(), { once: true });
  // The published releases' texts are the docs' texts: sent once, with the docs (see worker.ts).
  const targets = audit && { hidden: audit.hidden, published: audit.published.map(({ text: _, ...release }) => release) };
  // Worked out here: the bundled worker has no source folder to hash.
  const fingerprint = searchFingerprint();
  const run = (part: IndexPart) => runWorker(code, { docs, folder, audit: targets, part, cacheDir, fingerprint }, stop.signal);
  try {
    const found: Array<Map<string, Match[]>> = [];
    for (const part of parts) found.push(await run(part));
    return new Map(found.flatMap((files) => [...files]));
  } catch (error) {
    stop.abort();
    throw error;
  }
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
