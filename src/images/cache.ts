import { createHash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, mkdirSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Hex SHA-256 of the given parts, for cache keys. */
export function hashOf(...parts: Array<string | Uint8Array>): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
}

// Two releases with the same title need the same card: the second waits for the first drawing.
const drawing = new Map<string, Promise<{ file: string; made: boolean }>>();

/**
 * The file `<folder>/<key>.<extension>`, made by `make` only when it is not there yet: a rebuild
 * with the same inputs (same key) reuses it. Written to a temporary name and renamed, so a build
 * stopped halfway never leaves a truncated image in the cache.
 */
export async function cachedFile(folder: string, key: string, extension: string, make: () => Promise<Uint8Array>): Promise<{ file: string; made: boolean }> {
  const file = path.join(folder, `${key}.${extension}`);
  if (existsSync(file)) return { file, made: false };
  const pending = drawing.get(file);
  if (pending) return { file: (await pending).file, made: false };
  const work = (async () => {
    const bytes = await make();
    mkdirSync(folder, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, bytes);
    renameSync(partial, file);
    return { file, made: true };
  })().finally(() => drawing.delete(file));
  drawing.set(file, work);
  return work;
}

/**
 * Puts each cache file `from` at `to` in the output, as a hard link when the two folders share a
 * disk (cache files are never rewritten in place, only replaced, so a link stays valid) and as a
 * copy otherwise. A `to` already holding the same file is left alone: watch rebuilds do no work.
 * Each folder is made once: a 10,000-release site publishes 10,000 cards into a few hundred. A
 * build's fresh output costs one call a file: the link is tried before anything is looked at.
 */
export function publishFiles(files: Iterable<readonly [from: string, to: string]>): void {
  const folders = new Set<string>();
  for (const [from, to] of files) {
    const folder = path.dirname(to);
    if (!folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
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
