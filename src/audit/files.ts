/**
 * The embargo audit's check of whole files: a file of the project that only hidden releases use
 * (its own text, a photo in `assets/`, a document a draft links to) must not be in the output,
 * under its own name or any other. Text traces inside files are `audit.ts`'s job.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { locateImage } from "../images/locate.ts";
import type { Release } from "../release/model.ts";
import { linkedAssets, siteAssets } from "../build/asset-files.ts";
import { contentHash } from "../util/hash.ts";

/** Files only hidden releases use, by path and by content. */
export interface FileTargets {
  /** Project path (`assets/photos/x.jpg`, `releases/2026/photo.jpg`) → index of the hidden release using it. */
  paths: Record<string, number>;
  /** The same files by content, so a copy under another name is found too. */
  contents: Array<{ hidden: number; size: number; hash: string }>;
}

/**
 * The project files a release uses: its own file, its image and the files of `assets/` its body
 * links to. Its own file counts: a copy of a draft's text in the output (through a link in
 * `assets/` to `releases/`, or a copy under another name) is that draft, whatever its title.
 */
export function filesUsed(release: Pick<Release, "file" | "image" | "bodyHtml">, root: string, base: string): string[] {
  const files = [release.file, ...linkedAssets(release.bodyHtml, base)];
  if (release.image) {
    const found = locateImage(release, root);
    if ("file" in found) files.push(path.relative(root, found.file).split(path.sep).join("/"));
  }
  return files;
}

/**
 * The files `hidden` releases use that neither a published release nor the site itself (its
 * templates, stylesheets, logo) uses: the index of a hidden release is its place in `hidden`.
 */
export function fileTargets(root: string, base: string, logo: string | undefined, hidden: Release[], published: Release[]): FileTargets {
  const targets: FileTargets = { paths: {}, contents: [] };
  const used = hidden.map((release) => filesUsed(release, root, base));
  if (used.every((files) => files.length === 0)) return targets;
  const shared = siteAssets(root, logo);
  for (const release of published) for (const file of filesUsed(release, root, base)) shared.add(file);
  used.forEach((files, index) => {
    for (const file of files) {
      if (shared.has(file) || Object.hasOwn(targets.paths, file)) continue;
      const bytes = readOrUndefined(path.join(root, file));
      if (!bytes) continue;
      targets.paths[file] = index;
      // An empty file says nothing: by content it would be every other empty file published (found by its name all the same).
      if (bytes.length > 0) targets.contents.push({ hidden: index, size: bytes.length, hash: contentHash(bytes) });
    }
  });
  return targets;
}

/** Output files (relative paths under `folder`) that are, by name or by content, a file only a hidden release uses. */
export function fileLeaks(folder: string, outputs: string[], targets: FileTargets): Array<{ hidden: number; output: string }> {
  const found: Array<{ hidden: number; output: string }> = [];
  const sizes = new Set(targets.contents.map((c) => c.size));
  for (const output of outputs) {
    if (Object.hasOwn(targets.paths, output)) {
      found.push({ hidden: targets.paths[output], output });
      continue;
    }
    if (sizes.size === 0) continue;
    const file = path.join(folder, ...output.split("/"));
    // Only a file of the same size can be a copy: the others are not read.
    if (!sizes.has(statSync(file).size)) continue;
    const hash = contentHash(readFileSync(file));
    const same = targets.contents.find((c) => c.hash === hash);
    if (same) found.push({ hidden: same.hidden, output });
  }
  return found;
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
