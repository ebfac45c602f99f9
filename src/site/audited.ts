/**
 * Files a build wrote besides Eleventy's pages and searched for the embargo audit as it wrote them,
 * with what was found, so the audit neither holds nor reads them again. The search index hands its
 * own to the audit step (plugins/audit.ts); the page cache, opened by `buildSite` before Eleventy
 * loads the plugin, notes the pages it links here, by output folder.
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
  return takeUnder(audited, folder);
}

/** The entries of `noted` (by absolute path) under `folder`, by path relative to it with `/` separators; removed from `noted`. */
export function takeUnder(noted: Map<string, Match[]>, folder: string): Map<string, Match[]> {
  const taken = new Map<string, Match[]>();
  for (const [file, matches] of noted) {
    const relative = path.relative(folder, file);
    if (relative.startsWith("..") || path.isAbsolute(relative)) continue;
    taken.set(relative.split(path.sep).join("/"), matches);
    noted.delete(file);
  }
  return taken;
}
