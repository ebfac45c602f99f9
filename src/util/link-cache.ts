import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { publishFiles } from "./files.ts";
import { contentHash } from "./hash.ts";

const MANIFEST = "manifest.json";

interface Manifest {
  /** What the user of the cache keeps beside the files (the page cache: whose traces its pages were searched for). */
  note: string;
  /** Key → the file's size and content hash when stored. */
  files: Record<string, [size: number, hash: string]>;
}

/** Files kept between builds under keys of what they are made from (see `openLinkCache`). */
export interface LinkCache {
  /** What the build that saved the cache noted. */
  note: string;
  /** The cache's file for `key`, to link into the output, when it has a good copy; kept for this build. */
  take(key: string): string | undefined;
  /** Notes `file`, made by this build, to be stored under `key` at `save` (or `stage`) if it is there by then. */
  add(key: string, file: string): void;
  /**
   * Reads, hashes and links into the cache the files added so far, as `save` would, for a moment
   * the build waits anyway (for its audit). Staged files are not taken until `save` notes them in
   * the manifest; a build that never saves leaves them to the next save, which deletes them. A file
   * changed after this is stored with the size and hash it had here, so it is never taken.
   */
  stage(): void;
  /** Stores the files added and not staged, writes the manifest with `note`, and deletes the files of keys neither taken nor added. */
  save(note: string): void;
}

/**
 * A folder of `.cache/` whose files are hard-linked into a build's fresh output (see
 * `publishFiles`). Since the output holds links to them, a file changed in place there (a minifier
 * run over `dist/`, `cp -p` or `rsync --inplace`, which keep the modification time) changes the
 * cache too: a file is used only while its size and content hash are those it was stored with.
 */
export function openLinkCache(folder: string): LinkCache {
  const manifest = readManifest(folder);
  const fileOf = (key: string) => path.join(folder, key);
  const kept = new Map<string, [number, string] | string>();
  const staged = new Map<string, [number, string]>();
  /** The size and content hash of `file`; none when it is not there. */
  const measureOf = (file: string): [number, string] | undefined => {
    try {
      const bytes = readFileSync(file);
      return [bytes.length, contentHash(bytes)];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  };
  /**
   * The files added and not staged yet, measured. A file that is not there is dropped: its page was
   * written elsewhere than planned (a site's own data gave it another permalink), so there is
   * nothing to store under its key, and the other files are stored all the same.
   */
  const unstaged = () => {
    const added: Array<[key: string, file: string, record: [number, string]]> = [];
    for (const [key, entry] of kept) {
      if (typeof entry !== "string" || staged.has(key)) continue;
      const record = measureOf(entry);
      if (record) added.push([key, entry, record]);
      else kept.delete(key);
    }
    return added;
  };
  /** Links the added files not staged yet under their keys, measured first: from then on they are staged. */
  const stage = () => {
    const added = unstaged();
    if (added.length === 0) return;
    mkdirSync(folder, { recursive: true });
    // A file already at an added key (a damaged entry, or one a build stored but never noted) is
    // replaced: one listing of the folder finds them, not a look for each of 10,000 pages.
    const present = new Set(readdirSync(folder));
    for (const [key] of added) if (present.has(key)) rmSync(fileOf(key), { force: true });
    publishFiles(added.map(([key, file]) => [file, fileOf(key)]));
    for (const [key, , record] of added) staged.set(key, record);
  };
  return {
    note: manifest.note,
    take(key) {
      const record = manifest.files[key];
      const stat = record && statSync(fileOf(key), { throwIfNoEntry: false });
      if (!stat || stat.size !== record[0] || contentHash(readFileSync(fileOf(key))) !== record[1]) return undefined;
      kept.set(key, record);
      return fileOf(key);
    },
    add: (key, file) => void kept.set(key, file),
    stage,
    save(note) {
      stage();
      mkdirSync(folder, { recursive: true });
      const files: Manifest["files"] = {};
      for (const [key, record] of kept) files[key] = typeof record !== "string" ? record : staged.get(key)!;
      writeFileSync(path.join(folder, `${MANIFEST}.tmp`), JSON.stringify({ note, files } satisfies Manifest));
      renameSync(path.join(folder, `${MANIFEST}.tmp`), path.join(folder, MANIFEST));
      for (const name of readdirSync(folder)) {
        if (!name.startsWith(MANIFEST) && !Object.hasOwn(files, name)) unlinkSync(path.join(folder, name));
      }
    },
  };
}

function readManifest(folder: string): Manifest {
  try {
    return JSON.parse(readFileSync(path.join(folder, MANIFEST), "utf8")) as Manifest;
  } catch {
    return { note: "", files: {} };
  }
}
