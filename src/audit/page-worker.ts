/**
 * Worker thread entry of `searchPagesInWorker`: searches each page it is handed, then audits the
 * whole output with what it found (`auditOutput`) and reports the leaks.
 */
import { parentPort, workerData } from "node:worker_threads";
import { auditOutput, createLeakFinder, searchWritten, type AuditTargets } from "./audit.ts";
import { auditedFiles } from "./audited.ts";
import type { PageWorkerMessage } from "./page-search.ts";

const targets = workerData as AuditTargets;
const find = createLeakFinder(targets.hidden, targets.published, targets.siteText);
const pages = auditedFiles();
parentPort!.on("message", (message: PageWorkerMessage) => {
  if ("pages" in message) {
    pages.note(message.pages.map(({ file, bytes }) => [file, searchWritten(find, file, Buffer.from(bytes).toString("utf8"))] as const));
    return;
  }
  const { folder, written, searched } = message;
  parentPort!.postMessage(auditOutput(folder, targets, written, new Map([...searched, ...pages.take(folder)]), find));
  parentPort!.close();
});
