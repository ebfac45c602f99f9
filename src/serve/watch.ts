import { readdirSync, statSync, watch, type FSWatcher } from "node:fs";
import path from "node:path";
import type { Eleventy } from "@11ty/eleventy";

/**
 * Watches the releases folder for `npm start` in Eleventy's place, and hands each change to
 * Eleventy only while no build is running.
 *
 * Why not Eleventy's own watcher: in Eleventy 3.1 every saved file clears the layout cache at
 * once, even in the middle of a build, and a build that was reading its layouts then fails
 * ("Cannot read properties of undefined (reading 'engine')") and the watch can stop for good.
 * Press officers save again while a rebuild runs; held back until the build ends, the change
 * starts the next one instead.
 *
 * Why one watch per folder, not `watch(folder, { recursive: true })`: on Linux, Node 20's recursive
 * watch follows each file, and an editor that saves by writing a temporary file and renaming it
 * over the release (so does `sed -i`) replaces the file it followed: the first such save shows,
 * later ones are lost. A folder's own watch reports whatever happens to the names in it: written,
 * created, renamed, deleted or restored.
 */
export function watchReleases(eleventy: Eleventy, folder: string): { close(): void } {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    if (!eleventy.watcher || eleventy.watchManager?.isBuildRunning()) {
      timer = setTimeout(flush, 100);
      return;
    }
    for (const file of pending) eleventy.watcher.emit("change", file);
    pending.clear();
  };
  const note = (file: string) => {
    pending.add(path.relative(process.cwd(), file).split(path.sep).join("/"));
    timer ??= setTimeout(flush, 50);
  };

  const watchers = new Map<string, FSWatcher>();
  const forget = (dir: string) => {
    for (const [watched, watcher] of watchers) {
      if (watched === dir || watched.startsWith(dir + path.sep)) watcher.close(), watchers.delete(watched);
    }
  };
  /** Watches `dir` and the folders in it; `announce`: note the files found (a folder moved or made after the watch began). */
  const watchFolder = (dir: string, announce: boolean) => {
    if (watchers.has(dir)) return;
    try {
      const watcher = watch(dir, (_event, name) => name && changed(dir, name.toString()));
      watcher.on("error", () => forget(dir)); // the folder was deleted
      watchers.set(dir, watcher);
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) watchFolder(path.join(dir, entry.name), announce);
        else if (announce && !ignored(entry.name)) note(path.join(dir, entry.name));
      }
    } catch {
      forget(dir); // gone before it could be watched: its parent's watch reports it
    }
  };
  const changed = (dir: string, name: string) => {
    if (ignored(name)) return;
    const file = path.join(dir, name);
    // A folder by that name may be a new one (deleted and made again): watch it afresh.
    forget(file);
    if (isFolder(file))
      watchFolder(file, true); // notes the files in it
    else note(file);
  };
  watchFolder(path.resolve(folder), false);
  return {
    close: () => {
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

/** Editors' swap, temporary and backup files. */
function ignored(name: string): boolean {
  return path.basename(name).startsWith(".") || name.endsWith("~");
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
