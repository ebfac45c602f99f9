/**
 * The embargo audit on a worker thread, beside the main thread that renders the pages: each page
 * is handed over as it is let go once written (see `written-pages.ts`), its memory moved, not
 * copied, and searched there; once the build has written everything, the worker audits the rest
 * of the output (`auditOutput`) and the build waits for its verdict.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import { workerCode } from "../util/worker-code.ts";
import { type AuditTargets, type Leak, type Match, publishesWords } from "./audit.ts";

/** A page written to `file` (absolute path). */
interface WrittenPage {
  file: string;
  bytes: ArrayBuffer;
}

/** What the worker is sent: pages written, or the request to audit `folder` once every page is sent. */
export type PageWorkerMessage = { pages: WrittenPage[] } | { folder: string; written: Map<string, string>; searched: Map<string, Match[]> };

/** One build's audit on a worker. */
export interface PageSearch {
  /** Searches the page written to `file` (absolute path); its `bytes` move to the worker (every view of them becomes empty). */
  search(file: string, bytes: ArrayBuffer): void;
  /**
   * Once every page is handed over: the leaks in `folder`, as `auditOutput` finds them with
   * `written` and `searched` (and the pages searched here). Rejects when the worker fails.
   */
  audit(folder: string, written: Map<string, string>, searched: Map<string, Match[]>): Promise<Leak[]>;
  /** Stops the worker without waiting for it (a build that failed before its audit). */
  stop(): void;
}

const BATCH_BYTES = 1 << 20;

/** Starts a worker that searches pages for the traces of `targets`' hidden releases. */
export function searchPagesInWorker(targets: AuditTargets): PageSearch {
  // Why the worker is gone, if it stopped (failed) before the build asked for its verdict.
  let gone: Error | undefined;
  const worker = workerCode(path.join(import.meta.dirname, `page-worker${path.extname(import.meta.filename)}`)).then((code) => {
    const started = new Worker(code, { eval: true, workerData: withoutWords(targets) });
    // A build that fails before its audit does not wait for the worker to end.
    started.unref();
    started.once("error", (error) => (gone ??= error));
    started.once("exit", (code) => (gone ??= new Error(`the embargo audit's worker stopped with code ${code} before its verdict`)));
    return started;
  });
  // Pages are sent in batches of about a megabyte (a message costs about 0.1 ms of the main
  // thread, and wakes the worker), moved out of Eleventy's views at once; batches made before the
  // worker has started wait, in order.
  let batch: WrittenPage[] = [];
  let batchBytes = 0;
  let ready: Worker | undefined;
  const waiting: WrittenPage[][] = [];
  const send = (pages: WrittenPage[]) => {
    if (pages.length === 0) return;
    if (ready)
      ready.postMessage(
        { pages } satisfies PageWorkerMessage,
        pages.map((page) => page.bytes),
      );
    else waiting.push(pages);
  };
  const flush = () => {
    send(batch);
    batch = [];
    batchBytes = 0;
  };
  const started = worker.then((to) => {
    ready = to;
    for (const pages of waiting.splice(0)) send(pages);
    return to;
  });
  return {
    search(file, bytes) {
      batchBytes += bytes.byteLength;
      batch.push({ file, bytes: structuredClone(bytes, { transfer: [bytes] }) });
      if (batchBytes >= BATCH_BYTES) flush();
    },
    async audit(folder, written, searched) {
      flush();
      const to = await started;
      // A worker that died while searching pages would never answer: the build fails instead of waiting.
      if (gone) throw gone;
      to.ref();
      const leaks = new Promise<Leak[]>((resolve, reject) => {
        to.once("message", resolve);
        to.once("error", reject);
        to.once("exit", (code) => reject(gone ?? new Error(`the embargo audit's worker stopped with code ${code} before its verdict`)));
      });
      to.postMessage({ folder, written, searched } satisfies PageWorkerMessage);
      // A hidden title the published releases or the site quote is public words: decided here, where their texts are.
      const { published, siteText = [] } = targets;
      return (await leaks).filter((leak) => leak.trace !== "title" || !publishesWords(published, siteText, leak.release.title));
    },
    stop() {
      void worker.then((to) => to.terminate());
    },
  };
}

/**
 * The targets as the worker needs them: without the published releases' texts and the site's
 * text, which only say whether a hidden title is quoted (asked of the leaks it reports, here), so
 * the worker holds no second copy of every published body (tens of MB per 10,000 releases).
 */
function withoutWords(targets: AuditTargets): AuditTargets {
  return { ...targets, published: targets.published.map(({ text, phrases, ...named }) => named), siteText: undefined };
}
