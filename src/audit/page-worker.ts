/**
 * Worker thread entry of `startPageWorker`: writes each page it is handed to write, searches each
 * page when the build has an audit, then reports the pages it could not write and audits the whole
 * output with what it found (`auditOutput`).
 */
import { statSync, writeFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { auditOutput, createLeakFinder, searchWritten, type Match } from "./audit.ts";
import { auditedFiles } from "./audited.ts";
import { folderMaker } from "../util/files.ts";
import type { PageWorkerData, PageWorkerMessage, PageWorkerReply, UnwrittenPage } from "./page-search.ts";

const { done, targets } = workerData as PageWorkerData;
const find = targets && createLeakFinder(targets.hidden, targets.published, targets.siteText);
/**
 * The pages searched, by absolute path: their traces, and the size and modification time of the
 * file once searched, when its size was that of the bytes searched. A file that is not so at the
 * end was written again by another (a site's own `eleventy.after` step rewriting pages in place):
 * it is audited from disk, as any other file.
 */
const searched = new Map<string, { matches: Match[]; stamp?: string }>();
const unwritten: UnwrittenPage[] = [];
const makeFolder = folderMaker();

parentPort!.on("message", (message: PageWorkerMessage) => {
  if ("pages" in message) {
    for (const { file, bytes, write } of message.pages) {
      if (!write || writePage(file, bytes)) search(file, bytes);
      Atomics.add(done, 0, 1);
    }
    return;
  }
  if ("flush" in message) return reply({ unwritten });
  const { folder, written, searched: others } = message;
  const pages = auditedFiles();
  pages.note(
    [...searched].filter(([file, { stamp }]) => stamp !== undefined && stamp === stampOf(file)).map(([file, { matches }]) => [file, matches] as const),
  );
  reply({ leaks: targets ? auditOutput(folder, targets, written, new Map([...others, ...pages.take(folder)]), find) : [] });
  parentPort!.close();
});

function reply(message: PageWorkerReply) {
  parentPort!.postMessage(message);
}

/** Writes a page with its folder; false, noted, when it cannot (a full disk, a file where a folder goes). */
function writePage(file: string, bytes: ArrayBuffer): boolean {
  try {
    makeFolder(file);
    writeFileSync(file, new Uint8Array(bytes));
    return true;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    unwritten.push({ file, code, message });
    return false;
  }
}

function search(file: string, bytes: ArrayBuffer) {
  if (!find) return;
  const stamp = stampOf(file);
  const matches = searchWritten(find, file, Buffer.from(bytes).toString("utf8"));
  searched.set(file, { matches, stamp: stamp?.startsWith(`${bytes.byteLength}:`) ? stamp : undefined });
}

/** A file's size and modification time, `size:mtime`; none when it is gone. */
function stampOf(file: string): string | undefined {
  try {
    const { size, mtimeMs } = statSync(file);
    return `${size}:${mtimeMs}`;
  } catch {
    return undefined;
  }
}
