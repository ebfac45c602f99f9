/**
 * Files a build wrote besides Eleventy's pages and searched for the embargo audit as it wrote them,
 * with what was found, so the audit neither holds nor reads them again: the pages the page cache
 * links into the output and the search index's files. One set per build (its `BuildContext`).
 */
import path from "node:path";
import type { Match } from "./audit.ts";

/** The files of one build searched already, by absolute path, with the traces found in each. */
export interface AuditedFiles {
  /** Notes files just written and searched, by absolute path, with the traces found in each. */
  note(files: Iterable<readonly [file: string, matches: Match[]]>): void;
  /** The files noted under `folder`, by path relative to it with `/` separators; forgets them. */
  take(folder: string): Map<string, Match[]>;
}

/** An empty set of audited files, for one build. */
export function auditedFiles(): AuditedFiles {
  const noted = new Map<string, Match[]>();
  return {
    note(files) {
      for (const [file, matches] of files) noted.set(file, matches);
    },
    take(folder) {
      const taken = new Map<string, Match[]>();
      for (const [file, matches] of noted) {
        const relative = path.relative(folder, file);
        if (relative.startsWith("..") || path.isAbsolute(relative)) continue;
        taken.set(relative.split(path.sep).join("/"), matches);
        noted.delete(file);
      }
      return taken;
    },
  };
}
