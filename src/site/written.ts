/**
 * Texts of files a build wrote besides Eleventy's pages (the search index), as the embargo audit
 * reads them, so it need not read them back from disk. Kept on `globalThis`: the plugins run in
 * Eleventy's own import of the config, which may hold another copy of this module than `buildSite`.
 */
import path from "node:path";

const KEY = Symbol.for("bayan.written");
const texts: Map<string, string> = ((globalThis as Record<symbol, unknown>)[KEY] as Map<string, string> | undefined) ??
  ((globalThis as Record<symbol, unknown>)[KEY] = new Map<string, string>());

/** Notes the texts of files just written, by absolute path. */
export function noteWritten(files: ReadonlyMap<string, string>): void {
  for (const [file, text] of files) texts.set(file, text);
}

/** The texts noted under `folder`, by path relative to it with `/` separators; forgets them. */
export function takeWritten(folder: string): Map<string, string> {
  const taken = new Map<string, string>();
  for (const [file, text] of texts) {
    const relative = path.relative(folder, file);
    if (relative.startsWith("..") || path.isAbsolute(relative)) continue;
    taken.set(relative.split(path.sep).join("/"), text);
    texts.delete(file);
  }
  return taken;
}
