/**
 * A build's pages on a worker thread, beside the main thread that renders them: each page's bytes
 * move to it (not copied) as the page leaves Eleventy, and there it is written to its file (when
 * `buildSite` has the plugin write the pages; see plugins/audit.ts) and searched for the embargo
 * audit (when there are hidden releases). Once the build has rendered everything, the worker audits
 * the rest of the output (`auditOutput`) and the build waits for its verdict.
 *
 * Why a worker writes the pages: making a file and a folder is most of what writing a page costs
 * on a disk slow to find room for new files (see docs/scaling.md), and here that cost leaves the
 * main thread. When the worker falls behind (a slow disk, a busy other core), the main thread
 * writes pages itself (`behind`), so the two share the work and the worker's queue stays short.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import { workerCode } from "../util/worker-code.ts";
import { type AuditTargets, type Leak, type Match, publishesWords } from "./audit.ts";

/** A page handed over: its file (absolute path), its bytes, and whether the worker writes it (else it is written already). */
interface HandedPage {
  file: string;
  bytes: ArrayBuffer;
  write: boolean;
}

/** A page the worker could not write, and why. */
export interface UnwrittenPage {
  file: string;
  code?: string;
  message: string;
}

/** What the worker is handed: its shared count of pages done, and the targets of the audit, if the build has one. */
export interface PageWorkerData {
  done: Int32Array;
  targets?: AuditTargets;
}

/**
 * What the worker is sent: pages; the request to report, once every page before it is written,
 * those it could not write; the request to audit `folder` once every page is handed over.
 */
export type PageWorkerMessage = { pages: HandedPage[] } | { flush: true } | { folder: string; written: Map<string, string>; searched: Map<string, Match[]> };

/** What the worker answers: the pages it could not write (`flush`), or its verdict (`folder`). */
export type PageWorkerReply = { unwritten: UnwrittenPage[] } | { leaks: Leak[] };

/** One build's pages on a worker. */
export interface PageWorker {
  /** Whether the worker searches pages for an audit (started with targets). */
  searches: boolean;
  /**
   * Hands over the page for `file` (absolute path): its `bytes` move to the worker (every view of
   * them becomes empty), which writes them to `file` when `write`, and searches them if it searches.
   */
  hand(file: string, bytes: ArrayBuffer, write: boolean): void;
  /** Whether the worker is further behind than a build lets it fall: the page in hand is better written on this thread. */
  behind(): boolean;
  /** Once every page is handed over: the pages the worker could not write (none, usually), once it has written all the others. */
  written(): Promise<UnwrittenPage[]>;
  /**
   * Once every page is handed over: the leaks in `folder`, as `auditOutput` finds them with
   * `written` and `searched` (and the pages searched here). Rejects when the worker fails.
   */
  audit(folder: string, written: Map<string, string>, searched: Map<string, Match[]>): Promise<Leak[]>;
  /** Stops the worker and resolves once it no longer writes (a build that failed, whose output folder goes whole); a page handed over after it is written nowhere. */
  stop(): Promise<void>;
}

// Pages are sent in batches (a message costs about 0.1 ms of the main thread, and wakes the
// worker), moved out of their views at once; batches made before the worker has started wait, in order.
const BATCH_BYTES = 256 << 10;
// How far behind the worker may fall before the main thread writes pages itself: what it costs to
// write a page is mostly making its file, whatever its size. A hundred pages is about a tenth of a
// second of the worker's time on a quick disk.
const BEHIND_PAGES = 100;

/**
 * Starts a worker that writes the pages it is handed to write and, with `targets`, searches every
 * page it is handed for the traces of their hidden releases.
 */
export function startPageWorker(targets?: AuditTargets): PageWorker {
  // Why the worker is gone, if it stopped (failed) before it was done.
  let gone: Error | undefined;
  // Set by `stop`: a page handed over after it (Eleventy renders on once a build has failed) is dropped, and written nowhere.
  let stopped = false;
  // Pages handed over, and (shared, counted by the worker) those the worker is done with.
  let handed = 0;
  const done = new Int32Array(new SharedArrayBuffer(4));
  const replies: Array<(reply: PageWorkerReply) => void> = [];
  const failures: Array<(error: Error) => void> = [];
  const fail = (error: Error) => {
    gone ??= error;
    for (const reject of failures.splice(0)) reject(gone);
  };
  const worker = workerCode(path.join(import.meta.dirname, `page-worker${path.extname(import.meta.filename)}`)).then((code) => {
    const started = new Worker(code, { eval: true, workerData: { done, targets: targets && withoutWords(targets) } satisfies PageWorkerData });
    // A build that fails before the end does not wait for the worker to end.
    started.unref();
    started.on("message", (reply: PageWorkerReply) => replies.shift()?.(reply));
    started.once("error", fail);
    started.once("exit", (code) => fail(new Error(`the worker writing the pages stopped with code ${code} before it was done`)));
    return started;
  });
  // A worker that cannot start fails the build where it waits for the worker.
  worker.catch(fail);
  let batch: HandedPage[] = [];
  let batchBytes = 0;
  let ready: Worker | undefined;
  const waiting: HandedPage[][] = [];
  const send = (pages: HandedPage[]) => {
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
  /**
   * Sends `message` once every page is sent and resolves with the reply; rejects if the worker
   * stops first. A worker that has started gets it at once, not on a later turn: the caller goes on
   * with work of its own meanwhile (the page cache's `prepare`, half a second per 10,000 pages),
   * which would otherwise hold the message back.
   */
  const ask = (message: PageWorkerMessage): Promise<PageWorkerReply> => {
    flush();
    const post = (to: Worker) => {
      if (gone) return Promise.reject(gone);
      to.ref();
      return new Promise<PageWorkerReply>((resolve, reject) => {
        replies.push(resolve);
        failures.push(reject);
        to.postMessage(message);
      });
    };
    return ready ? post(ready) : started.then(post);
  };
  return {
    searches: targets !== undefined,
    hand(file, bytes, write) {
      if (stopped) return;
      handed += 1;
      batchBytes += bytes.byteLength;
      batch.push({ file, bytes: structuredClone(bytes, { transfer: [bytes] }), write });
      if (batchBytes >= BATCH_BYTES) flush();
    },
    // Never once the worker is stopped or gone: its count of pages done no longer moves, and the
    // pages would be written here into a folder that is going (or gone).
    behind: () => !stopped && !gone && handed - Atomics.load(done, 0) > BEHIND_PAGES,
    async written() {
      const reply = await ask({ flush: true });
      return "unwritten" in reply ? reply.unwritten : [];
    },
    async audit(folder, written, searched) {
      const reply = await ask({ folder, written, searched });
      // A hidden title the published releases or the site quote is public words: decided here, where their texts are.
      const { published, siteText = [] } = targets!;
      return "leaks" in reply ? reply.leaks.filter((leak) => leak.trace !== "title" || !publishesWords(published, siteText, leak.release.title)) : [];
    },
    async stop() {
      stopped = true;
      // A worker that never started has nothing to stop.
      await worker.then(
        (to) => to.terminate(),
        () => {},
      );
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
