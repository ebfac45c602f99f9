/**
 * Texts of files a build wrote besides Eleventy's pages (the search index), as the embargo audit
 * reads them, so it need not read them back from disk: noted by the plugins, taken by `buildSite`.
 */
import path from "node:path";
import { processWide } from "./process-wide.ts";

const texts = processWide("written", () => new Map<string, string>());

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
