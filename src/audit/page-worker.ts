/**
 * Worker thread entry of `searchPagesInWorker`: searches each page it is handed, then audits the
 * whole output with what it found (`auditOutput`) and reports the leaks.
 */
import { statSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { auditOutput, createLeakFinder, searchWritten, type AuditTargets, type Match } from "./audit.ts";
import { auditedFiles } from "./audited.ts";
import type { PageWorkerMessage } from "./page-search.ts";

const targets = workerData as AuditTargets;
const find = createLeakFinder(targets.hidden, targets.published, targets.siteText);
/**
 * The pages searched, by absolute path: their traces, and the size and modification time of the
 * file once searched, when its size was that of the bytes searched. A file that is not so at the
 * end was written again by another (a site's own `eleventy.after` step rewriting pages in place):
 * it is audited from disk, as any other file.
 */
const searched = new Map<string, { matches: Match[]; stamp?: string }>();
parentPort!.on("message", (message: PageWorkerMessage) => {
  if ("pages" in message) {
    for (const { file, bytes } of message.pages) {
      const stamp = stampOf(file);
      const matches = searchWritten(find, file, Buffer.from(bytes).toString("utf8"));
      searched.set(file, { matches, stamp: stamp?.startsWith(`${bytes.byteLength}:`) ? stamp : undefined });
    }
    return;
  }
  const { folder, written, searched: others } = message;
  const pages = auditedFiles();
  pages.note(
    [...searched].filter(([file, { stamp }]) => stamp !== undefined && stamp === stampOf(file)).map(([file, { matches }]) => [file, matches] as const),
  );
  parentPort!.postMessage(auditOutput(folder, targets, written, new Map([...others, ...pages.take(folder)]), find));
  parentPort!.close();
});

/** A file's size and modification time, `size:mtime`; none when it is gone. */
function stampOf(file: string): string | undefined {
  try {
    const { size, mtimeMs } = statSync(file);
    return `${size}:${mtimeMs}`;
  } catch {
    return undefined;
  }
}
