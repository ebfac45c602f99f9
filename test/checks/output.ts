/** Test helpers for whole-output checks: list, read and snapshot a built folder. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { readOutputText } from "../../src/audit/audit.ts";

/** Every file under `dir`, relative, with `/` separators, sorted. */
export function outputFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

/** Files whose contents are text (compressed ones decompressed), by relative path. */
export function outputTexts(dir: string): Map<string, string> {
  const texts = new Map<string, string>();
  for (const file of outputFiles(dir)) {
    if (/\.(woff2?|png|jpe?g|webp|avif|gif|ico)$/.test(file)) continue;
    texts.set(file, readOutputText(path.join(dir, file)).text);
  }
  return texts;
}

/** Every file's bytes, by relative path: two snapshots are equal when the folders are byte-identical. */
export function snapshot(dir: string): Map<string, Buffer> {
  return new Map(outputFiles(dir).map((file) => [file, readFileSync(path.join(dir, file))]));
}

/** Files that differ between two snapshots (added, removed or changed). */
export function differences(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const files = new Set([...a.keys(), ...b.keys()]);
  return [...files].filter((file) => !a.get(file)?.equals(b.get(file) ?? Buffer.alloc(0)) || !b.has(file)).sort();
}
