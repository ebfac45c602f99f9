import { watch } from "node:fs";
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
  const watcher = watch(folder, { recursive: true }, (_event, name) => {
    if (!name || path.basename(name).startsWith(".") || name.endsWith("~")) return; // editors' swap and backup files
    pending.add(path.join(path.relative(process.cwd(), folder), name).split(path.sep).join("/"));
    timer ??= setTimeout(flush, 50);
  });
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
