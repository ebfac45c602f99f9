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

/** Why a page could not be written, by the error's code, in words: of one page, and of several. */
const UNWRITABLE: Record<string, [one: string, several: string]> = {
  ENOSPC: ["the disk is full", "the disk is full"],
  EDQUOT: ["the disk quota is used up", "the disk quota is used up"],
  EACCES: ["permission denied", "permission denied"],
  EPERM: ["permission denied", "permission denied"],
  EROFS: ["the disk is read-only", "the disk is read-only"],
  ENOTDIR: ["a file is where a folder of its address goes", "a file is where a folder of their addresses goes"],
  EEXIST: ["a file is where a folder of its address goes", "a file is where a folder of their addresses goes"],
  EISDIR: ["a folder is where it goes", "a folder is where they go"],
  ENAMETOOLONG: ["a name in its address is too long for the disk", "a name in their addresses is too long for the disk"],
};

/** Whether a page could not be written because another page is in its way (or it in another's). */
const isClash = (code: string | undefined) => code === "ENOTDIR" || code === "EEXIST" || code === "EISDIR";

/** How many pages a report names one by one for the same reason; beyond it, the first few and how many more. */
const NAMED_PAGES = 3;

/**
 * The pages that could not be written, as the build reports them: their addresses in the site,
 * why, and what to do. One diagnostic per page, or, for more than a few pages with the same
 * reason (a full disk, one page in the way of a whole section), one that names the first few and
 * counts the rest: a build of 10,000 releases on a full disk does not print 10,000 lines.
 */
export function unwrittenDiagnostics(pages: UnwrittenPage[], folder: string): Diagnostic[] {
  const addressOf = (at: string) => `/${path.relative(folder, at).split(path.sep).join("/")}`;
  const groups = new Map<string, { code?: string; reason: [string, string]; other?: string; addresses: string[] }>();
  for (const { file, code, message } of pages) {
    const other = isClash(code) ? pageInTheWay(file, code, folder) : undefined;
    const said = message.split(",")[0];
    const reason = (code && UNWRITABLE[code]) || [said, said];
    const key = `${code}\0${reason[0]}\0${other}`;
    const group = groups.get(key) ?? groups.set(key, { code, reason, other: other && addressOf(other), addresses: [] }).get(key)!;
    group.addresses.push(addressOf(file));
  }
  return [...groups.values()].flatMap(({ code, reason, other, addresses }) => {
    const several = addresses.length > NAMED_PAGES;
    const why = `${reason[several ? 1 : 0]}${other ? `, in ${several ? "their" : "its"} way the page ${other}` : ""}${code ? ` (${code})` : ""}`;
    const diagnostic = (message: string): Diagnostic => ({
      file: "build",
      severity: "error",
      message,
      hint: isClash(code) ? "two pages' addresses clash (one is inside the other): give one of them another permalink" : unwritableHint(code),
    });
    if (!several) return addresses.map((address) => diagnostic(`could not write the page ${address}: ${why}`));
    const count = (n: number) => n.toLocaleString("en-US");
    return [
      diagnostic(
        `could not write ${count(addresses.length)} pages, ${addresses.slice(0, NAMED_PAGES).join(", ")} and ${count(addresses.length - NAMED_PAGES)} more: ${why}`,
      ),
    ];
  });
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
    // From the output folder down: below a file in the way, every path fails with ENOTDIR.
    const folders: string[] = [];
    for (let at = path.dirname(file); at.startsWith(folder + path.sep); at = path.dirname(at)) folders.unshift(at);
    return folders.find((at) => statSync(at, { throwIfNoEntry: false })?.isFile());
  } catch {
    // Unreadable: the report names the one page.
  }
  return undefined;
}
