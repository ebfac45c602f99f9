/**
 * Files a build wrote besides Eleventy's pages and searched for the embargo audit as it wrote them
 * (the search index, on its worker thread), with what was found: noted by the plugins, taken by
 * `buildSite`, whose audit then neither holds nor reads them.
 */
import path from "node:path";
import type { Match } from "./audit.ts";
import { processWide } from "./process-wide.ts";

const audited = processWide("audited", () => new Map<string, Match[]>());

/** Notes files just written and searched, by absolute path, with the traces found in each. */
export function noteAudited(files: ReadonlyMap<string, Match[]>): void {
  for (const [file, matches] of files) audited.set(file, matches);
}

/** The files noted under `folder`, by path relative to it with `/` separators; forgets them. */
export function takeAudited(folder: string): Map<string, Match[]> {
  const taken = new Map<string, Match[]>();
  for (const [file, matches] of audited) {
    const relative = path.relative(folder, file);
    if (relative.startsWith("..") || path.isAbsolute(relative)) continue;
    taken.set(relative.split(path.sep).join("/"), matches);
    audited.delete(file);
  }
  return taken;
}
