/** Bayan's own modules as files: which ones a part of it is made from, for the hashes its caches are kept under. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The modules of `source` (the folder holding `src/` or `lib/`'s files) that the `entries` (paths
 * without an extension, e.g. `search/worker`) import or load by path (a worker), directly or not;
 * sorted relative paths.
 */
export function modulesOf(source: string, entries: string[]): string[] {
  // `.ts` in the repository, `.js` in the installed package (compiled to `lib/`). Read here, not
  // when the module loads: the search worker imports it from code whose `import.meta` has no file.
  const extension = path.extname(import.meta.filename);
  const found = new Set<string>();
  const visit = (file: string) => {
    if (found.has(file) || !existsSync(path.join(source, file))) return;
    found.add(file);
    const text = readFileSync(path.join(source, file), "utf8");
    for (const [, specifier] of text.matchAll(/(?:\bfrom|\bimport\s*\(?)\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      visit(path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)));
    }
    // `worker.ts` by name, or `worker${path.extname(import.meta.filename)}` (`worker.js` in the compiled package).
    for (const [, name, ts] of text.matchAll(/import\.meta\.dirname,\s*(?:"([^"]+)\.ts"|`([^`$]+)\$\{path\.extname\(import\.meta\.filename\)\}`)/g)) {
      visit(path.posix.join(path.posix.dirname(file), `${name ?? ts}${extension}`));
    }
  };
  for (const entry of entries) visit(`${entry}${extension}`);
  return [...found].sort();
}
