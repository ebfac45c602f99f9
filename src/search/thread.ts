import path from "node:path";
import { Worker } from "node:worker_threads";
import { build } from "esbuild";
import type { SearchDoc } from "./model.ts";

/** The worker's code (`worker.ts` and what it imports), bundled once per process: a worker thread does not inherit the TypeScript loader. */
let workerCode: Promise<string> | undefined;

/**
 * `writeSearchIndex` on a worker thread, so a large archive's index (about a sixth of a
 * 10,000-release build) is built on the second core while Eleventy renders pages on the first.
 * Aborting `signal` stops the worker (a newer edit in `npm start` makes its index useless) and rejects.
 * Resolves with what `writeSearchIndex` returns (`texts` as there).
 */
export async function writeSearchIndexInWorker(docs: SearchDoc[], folder: string, { signal, texts = true }: { signal?: AbortSignal; texts?: boolean } = {}): Promise<Map<string, string>> {
  workerCode ??= build({ entryPoints: [path.join(import.meta.dirname, "worker.ts")], bundle: true, platform: "node", format: "cjs", write: false, logLevel: "error" })
    .then((result) => result.outputFiles[0].text);
  const code = await workerCode;
  signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { docs, folder, texts } });
    signal?.addEventListener("abort", () => void worker.terminate(), { once: true });
    let written: Map<string, string> | undefined;
    worker.once("message", (message: Map<string, string>) => (written = message));
    worker.once("error", reject);
    // A worker stopped before it ran exits with 0: the signal says whether it finished.
    worker.once("exit", (code) => (code === 0 && written && !signal?.aborted ? resolve(written) : reject(new Error(`the search index worker stopped with code ${code}`))));
  });
}
