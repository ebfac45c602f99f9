/** Files on disk: walking a folder, publishing cache files into an output folder. */
import { copyFileSync, linkSync, mkdirSync, readdirSync, statSync, unlinkSync } from "node:fs";
import path from "node:path";

/** Files under `folder`, relative to it with `/` separators, sorted. */
export function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

/**
 * Makes the folder of each file it is given, once per folder: a build writes thousands of files
 * into far fewer folders, and each `mkdir` costs a call even when the folder is there.
 */
export function folderMaker(): (file: string) => void {
  const made = new Set<string>();
  return (file) => {
    const folder = path.dirname(file);
    if (made.has(folder)) return;
    mkdirSync(folder, { recursive: true });
    made.add(folder);
  };
}

/**
 * Puts each cache file `from` at `to` in the output, as a hard link when the two folders share a
 * disk (cache files are never rewritten in place, only replaced, so a link stays valid) and as a
 * copy otherwise. A `to` already holding the same file is left alone: watch rebuilds do no work.
 * Each folder is made once: a 10,000-release site publishes 10,000 cards into a few hundred. A
 * build's fresh output costs one call a file: the link is tried before anything is looked at.
 */
export function publishFiles(files: Iterable<readonly [from: string, to: string]>): void {
  const makeFolder = folderMaker();
  for (const [from, to] of files) {
    makeFolder(to);
    if (place(from, to)) continue;
    const [target, source] = [statSync(to), statSync(from)];
    if (target.ino === source.ino || (target.size === source.size && target.mtimeMs >= source.mtimeMs)) continue;
    unlinkSync(to);
    place(from, to);
  }
}

/** Links `from` at `to`, or copies it (another disk); false when `to` is already there. */
function place(from: string, to: string): boolean {
  try {
    linkSync(from, to);
  } catch (error) {
    // Any other failure (another disk) means `to` was not there: link(2) reports that first.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    copyFileSync(from, to);
  }
  return true;
}
