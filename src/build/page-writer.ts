/**
 * How the pages of a `buildSite` build are written: by Bayan's last transform, which hands each
 * page's bytes to the build's page worker (see audit/page-search.ts and plugins/audit.ts), and
 * how a page that cannot be written is reported.
 */
import { readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ReleaseErrors } from "../diagnostics.ts";
import { folderMaker } from "../util/files.ts";
import type { PageWorker, UnwrittenPage } from "../audit/page-search.ts";
import type { Diagnostic } from "../release/model.ts";

/**
 * How the last transform hands pages to a worker that writes them: each page's bytes, in memory of
 * their own, move to the worker, or when it is behind are written here first and then moved; Eleventy,
 * which does not write them, is left an empty text. A page whose file is outside the `output`
 * folder (a permalink with `../`) fails the build, naming its template (relative to `root`).
 */
export function pagesWrittenByWorker(worker: PageWorker, { output, root }: { output: string; root: string }) {
  const makeFolder = folderMaker();
  return (content: unknown, template: string, file: string) => {
    // A template that renders nothing: Eleventy writes no page for it (`Template.generateMapEntry`), nor does its worker.
    if (content === undefined) return content;
    // Only the output folder is published whole, or not at all: a page outside it would stay, whatever the build's fate.
    if (!file.startsWith(output + path.sep)) throw new ReleaseErrors([outsideDiagnostic(template, file, output, root)]);
    const bytes = ownBytes(content, template);
    if (!worker.behind()) {
      worker.hand(file, bytes.buffer as ArrayBuffer, true);
      return "";
    }
    try {
      makeFolder(file);
      writeFileSync(file, bytes);
    } catch {
      // The worker tries again, and reports why it cannot either, with every other page it could not write.
      worker.hand(file, bytes.buffer as ArrayBuffer, true);
      return "";
    }
    if (worker.searches) worker.hand(file, bytes.buffer as ArrayBuffer, false);
    return "";
  };
}

/** A page's text or bytes as bytes with memory of their own (`Buffer.from` may share Node's pool), which move whole. */
function ownBytes(content: unknown, template: string): Buffer {
  if (typeof content === "string") {
    const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(content));
    bytes.write(content);
    return bytes;
  }
  if (content instanceof Uint8Array) {
    const bytes = Buffer.allocUnsafeSlow(content.byteLength);
    bytes.set(content);
    return bytes;
  }
  throw new Error(`${template} rendered a page that is neither text nor bytes (${typeof content}): a transform returned something else`);
}

/** A page whose file is outside the output folder, as the build reports it: its template, its address, and what to do. */
function outsideDiagnostic(template: string, file: string, output: string, root: string): Diagnostic {
  return {
    file: path.relative(root, path.resolve(template)).split(path.sep).join("/"),
    severity: "error",
    message: `its page's address ${path.relative(output, file).split(path.sep).join("/")} is outside the output folder`,
    hint: "give it a permalink inside the site (one that starts with /, without ../)",
  };
}

/** Why a page could not be written, by the error's code, in words. */
const UNWRITABLE: Record<string, string> = {
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the disk is read-only",
  ENOTDIR: "a file is where a folder of its address goes",
  EEXIST: "a file is where a folder of its address goes",
  EISDIR: "a folder is where it goes",
  ENAMETOOLONG: "a name in its address is too long for the disk",
};

/** A page that could not be written, as the build reports it: its address in the site, why, and what to do. */
export function unwrittenDiagnostic({ file, code, message }: UnwrittenPage, folder: string): Diagnostic {
  const addressOf = (at: string) => `/${path.relative(folder, at).split(path.sep).join("/")}`;
  const clash = code === "ENOTDIR" || code === "EEXIST" || code === "EISDIR";
  const other = clash ? pageInTheWay(file, code, folder) : undefined;
  return {
    file: "build",
    severity: "error",
    message: `could not write the page ${addressOf(file)}: ${(code && UNWRITABLE[code]) ?? message.split(",")[0]}${other ? `, in its way the page ${addressOf(other)}` : ""}${code ? ` (${code})` : ""}`,
    hint: clash ? "two pages' addresses clash (one is inside the other): give one of them another permalink" : unwritableHint(code),
  };
}

/** What to do about a page that could not be written, by the error's code (a clash aside). */
function unwritableHint(code: string | undefined): string {
  if (code === "ENOSPC" || code === "EDQUOT") return "free some space on the disk (or raise the quota) and build again";
  if (code === "ENAMETOOLONG") return "shorten its permalink: each part of an address can be at most 255 bytes (an Arabic letter is 2)";
  return "check that the output folder can be written, then build again";
}

/**
 * The other page of a clash, so that the report names both, whichever was written first: a page
 * inside the folder where `file` goes (EISDIR), or the page where one of its folders goes.
 */
function pageInTheWay(file: string, code: string | undefined, folder: string): string | undefined {
  try {
    if (code === "EISDIR") {
      const inside = readdirSync(file, { recursive: true, withFileTypes: true }).find((entry) => entry.isFile());
      return inside && path.join(inside.parentPath, inside.name);
    }
    for (let at = path.dirname(file); at.startsWith(folder + path.sep); at = path.dirname(at)) {
      if (statSync(at, { throwIfNoEntry: false })?.isFile()) return at;
    }
  } catch {
    // Unreadable: the report names the one page.
  }
  return undefined;
}
