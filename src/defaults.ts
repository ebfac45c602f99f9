/**
 * Bayan's own templates and assets: every site's defaults. A site overrides any single file by
 * putting one of the same name in its own `templates/` or `assets/`; everything else comes from
 * here, so upgrading Bayan never means merging. Found from this module, not the working folder:
 * the same from `src/` (this repository, the tests) and from the compiled `lib/` of the package.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { filesUnder } from "./util/files.ts";
import { hashOf } from "./util/hash.ts";

/** The package folder (this repository when run from its source). */
export const PACKAGE_ROOT = path.resolve(import.meta.dirname, "..");

/** The default templates: `templates/` of the package. */
export const DEFAULT_TEMPLATES = path.join(PACKAGE_ROOT, "templates");

/**
 * The site config of a project: `templates/site.json` (this repository's layout) or else
 * `site.json` at the top (a standalone site); a project with neither is told about the first.
 * @example siteConfigFile("/srv/newsroom") // "templates/site.json"
 */
export function siteConfigFile(root: string): string {
  return ["templates/site.json", "site.json"].find((file) => existsSync(path.join(root, file))) ?? "templates/site.json";
}

/** `folders` without repeats, in order: a site whose templates are the defaults (this repository) has one. */
export function layered(...folders: string[]): string[] {
  return [...new Set(folders.map((folder) => path.resolve(folder)))];
}

/** The first of `folders` that holds `file` (a path with `/`), as an absolute path; undefined when none does. */
export function firstHolding(folders: string[], file: string): string | undefined {
  return folders.map((folder) => path.join(folder, ...file.split("/"))).find((candidate) => existsSync(candidate));
}

/**
 * `glob` of the folder `root` as Eleventy reads its ignores and watch targets: from the working
 * folder, whatever its input folder.
 * @example globFrom("/srv/site", ".cache/**") // "../srv/site/.cache/**" when working in /home
 */
export function globFrom(root: string, glob: string): string {
  return path.posix.join(path.relative(process.cwd(), root).split(path.sep).join("/") || ".", glob);
}

/** A digest of every default template (names and bytes): a page the page cache keeps was made with them too. */
export function defaultTemplatesDigest(): string {
  return hashOf(...filesUnder(DEFAULT_TEMPLATES).flatMap((file) => [file, readFileSync(path.join(DEFAULT_TEMPLATES, file), "utf8")]));
}
