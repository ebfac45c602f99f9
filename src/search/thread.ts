import path from "node:path";
import { Worker } from "node:worker_threads";
import { build } from "esbuild";
import type { AuditTargets, Match } from "../site/audit.ts";
import type { SearchDoc } from "./model.ts";

/** The worker's code (`worker.ts` and what it imports), bundled once per process: a worker thread does not inherit the TypeScript loader. */
let workerCode: Promise<string> | undefined;

/**
 * `writeSearchIndex` on a worker thread, so a large archive's index (about a sixth of a
 * 10,000-release build) is built on the second core while Eleventy renders pages on the first.
 * Aborting `signal` stops the worker (a newer edit in `npm start` makes its index useless) and rejects.
 * Resolves with what `writeSearchIndex` returns (`audit` as there).
 */
export async function writeSearchIndexInWorker(docs: SearchDoc[], folder: string, { signal, audit }: { signal?: AbortSignal; audit?: AuditTargets } = {}): Promise<Map<string, Match[]>> {
  workerCode ??= build({ entryPoints: [path.join(import.meta.dirname, "worker.ts")], bundle: true, platform: "node", format: "cjs", write: false, logLevel: "error" })
    .then((result) => result.outputFiles[0].text);
  const code = await workerCode;
  signal?.throwIfAborted();
  // The published releases' texts are the docs' texts: sent once, with the docs (see worker.ts).
  const targets = audit && { hidden: audit.hidden, published: audit.published.map(({ text: _, ...release }) => release) };
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { docs, folder, audit: targets } });
    signal?.addEventListener("abort", () => void worker.terminate(), { once: true });
    let found: Map<string, Match[]> | undefined;
    worker.once("message", (message: Map<string, Match[]>) => (found = message));
    worker.once("error", reject);
    // A worker stopped before it ran exits with 0: the signal says whether it finished.
    worker.once("exit", (code) => (code === 0 && found && !signal?.aborted ? resolve(found) : reject(new Error(`the search index worker stopped with code ${code}`))));
  });
}
