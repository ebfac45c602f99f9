/**
 * `npm run check -- --fix`: removes invisible characters from the release files in place (see
 * `src/release/fix.ts`), one file at a time, each written whole or not at all. A file with
 * nothing to fix is not written: its bytes and times stay as they were.
 */
import { chmodSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { findReleaseFiles, MAX_FILE_BYTES } from "../release/load.ts";
import { describeFixes, fixRelease } from "../release/fix.ts";

/** One file `--fix` changed, and how. */
export interface FixedFile {
  /** Path relative to the project, e.g. `releases/2015/spa-1234.txt`. */
  file: string;
  /** What was removed, e.g. `U+001A on lines 4, 9`. */
  change: string;
  /** Why the fixed text could not be written (the file is then unchanged). */
  failure?: string;
}

/**
 * Fixes every release file under `root/releasesDir` that needs it, and says what changed.
 * @example fixReleases(".", "releases") // [{ file: "releases/2015/a.txt", change: "U+001A on line 7" }]
 */
export function fixReleases(root: string, releasesDir: string): FixedFile[] {
  const fixed: FixedFile[] = [];
  const realRoot = realpathSync(root);
  // A link inside the folder: the file it points to is fixed (once), and the link stays a link.
  const targets = new Set(findReleaseFiles(path.resolve(root, releasesDir), root, []).map((file) => realpathSync(path.resolve(root, file))));
  for (const target of targets) {
    const file = path.relative(realRoot, target).split(path.sep).join("/");
    const stat = statSync(target);
    if (stat.size > MAX_FILE_BYTES) continue; // refused by the check: not a release to edit
    const result = fixRelease(readFileSync(target));
    if (!result) continue;
    const change = describeFixes(result.fixes);
    try {
      writeAtomically(target, result.bytes, stat.mode);
      fixed.push({ file, change });
    } catch (error) {
      fixed.push({ file, change, failure: (error as Error).message });
    }
  }
  return fixed;
}

/** Writes a temporary file next to `file`, then renames it over: a crash leaves the old file or the new one. */
function writeAtomically(file: string, bytes: Uint8Array, mode: number): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.bayan-fix-${process.pid}`);
  try {
    writeFileSync(temporary, bytes, { flag: "wx" });
    chmodSync(temporary, mode);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
