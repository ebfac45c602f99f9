import { readFileSync, statSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { contentHash } from "../util/hash.ts";

/** Beside each cache entry: its size and content hash when written (`<entry>.sum`). */
const SEAL = ".sum";

/** Writes in this process so far: each names its temporary file. */
let writes = 0;

/**
 * Writes `bytes` to `file` as a cache entry: to a temporary name, renamed into place (a build
 * stopped halfway never leaves a truncated entry), then its seal. An entry without a good seal
 * is never reused (see `isSealed`). Off the main thread: a first build writes a thousand cards'
 * files beside the pages Eleventy writes (about 0.4 s of the main thread's time when synchronous).
 */
export async function writeSealed(file: string, bytes: Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  for (const [target, content] of [
    [file, bytes],
    [file + SEAL, `${bytes.length} ${contentHash(bytes)}`],
  ] as const) {
    // A name of this write's own: two releases with the same photo write the same entry at once.
    const partial = `${target}.${process.pid}-${++writes}.partial`;
    await writeFile(partial, content);
    await rename(partial, target);
  }
}

// Entries checked in this process, by path → size, inode and change time then (a write in place
// changes the last, whatever it does to the modification time): a watch rebuild does not read them again.
const checked = new Map<string, string>();

/**
 * True when the cache entry `file` is there and is what was written: the size and content hash of
 * its seal. Output folders hold hard links to entries, so an entry changes when its published copy
 * is edited in place; a disk that filled up or a build that was killed can leave it cut short.
 */
export function isSealed(file: string): boolean {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) return false;
  const identity = `${stat.size}:${stat.ino}:${stat.ctimeMs}`;
  if (checked.get(file) === identity) return true;
  let seal: string;
  try {
    seal = readFileSync(file + SEAL, "utf8");
  } catch {
    return false;
  }
  const good = seal === `${stat.size} ${contentHash(readFileSync(file))}`;
  if (good) checked.set(file, identity);
  return good;
}

// Two releases with the same title need the same card: the second waits for the first drawing.
const drawing = new Map<string, Promise<{ file: string; made: boolean }>>();

/**
 * The file `<folder>/<key>.<extension>`, made by `make` only when it is not there yet or is not
 * what was written (see `isSealed`): a rebuild with the same inputs (same key) reuses it.
 */
export async function cachedFile(folder: string, key: string, extension: string, make: () => Promise<Uint8Array>): Promise<{ file: string; made: boolean }> {
  const file = path.join(folder, `${key}.${extension}`);
  const pending = drawing.get(file);
  if (pending) return { file: (await pending).file, made: false };
  if (isSealed(file)) return { file, made: false };
  const work = (async () => {
    await writeSealed(file, await make());
    return { file, made: true };
  })().finally(() => drawing.delete(file));
  drawing.set(file, work);
  return work;
}
