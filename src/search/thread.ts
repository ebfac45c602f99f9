import path from "node:path";
import { Worker } from "node:worker_threads";
import { build } from "esbuild";
import type { AuditTargets, Match } from "../audit/audit.ts";
import type { IndexPart } from "./build.ts";
import type { SearchDoc } from "./model.ts";
import { searchFingerprint } from "./write.ts";

/** The worker's code (`worker.ts` and what it imports), bundled once per process: a worker thread does not inherit the TypeScript loader. */
let workerCode: Promise<string> | undefined;

/**
 * `writeSearchIndex` on worker threads, one for each of `parts`: by default two, one for the
 * documents' files and one for the terms' (see `IndexPart`), so a large archive's index is built
 * beside Eleventy's rendering and, once the pages are written, on both cores: with its pages from
 * the page cache, a 10,000-release build otherwise waited seconds for one thread's index.
 * Aborting `signal` stops the workers (a newer edit in `npm start` makes their index useless) and
 * rejects; so does either worker failing, which stops the other.
 * Resolves with what `writeSearchIndex` returns (`audit` and `cacheDir` as there).
 */
export async function writeSearchIndexInWorker(
  docs: SearchDoc[],
  folder: string,
  { signal, audit, parts = ["documents", "terms"], cacheDir }: { signal?: AbortSignal; audit?: AuditTargets; parts?: IndexPart[]; cacheDir?: string } = {},
): Promise<Map<string, Match[]>> {
  workerCode ??= build({
    entryPoints: [path.join(import.meta.dirname, `worker${path.extname(import.meta.filename)}`)],
    bundle: true,
    platform: "node",
    format: "cjs",
    write: false,
    logLevel: "error",
  }).then((result) => result.outputFiles[0].text);
  const code = await workerCode;
  signal?.throwIfAborted();
  const stop = new AbortController();
  signal?.addEventListener("abort", () => stop.abort(), { once: true });
  // The published releases' texts are the docs' texts: sent once, with the docs (see worker.ts).
  const targets = audit && { hidden: audit.hidden, published: audit.published.map(({ text: _, ...release }) => release) };
  // Worked out here: the bundled worker has no source folder to hash.
  const fingerprint = searchFingerprint();
  const run = (part: IndexPart) => runWorker(code, { docs, folder, audit: targets, part, cacheDir, fingerprint }, stop.signal);
  try {
    const found = await Promise.all(parts.map(run));
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
