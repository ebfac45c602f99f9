/**
 * Every check of the image files a project names — release images and the logo — that the build
 * would otherwise meet only halfway through: run by `npm run check` and by the build before
 * Eleventy starts, so both refuse the same files with `file:line: error: …` and a hint.
 *
 * Files are read as far as their headers (format and size), which finds a file that is not an
 * image, is damaged at its start, or is larger than the image library will open.
 */
import { siteConfigFile } from "../defaults.ts";
import { readFileSync } from "node:fs";
import path from "node:path";
import { imageSize } from "image-size";
import type { Site } from "../config.ts";
import type { Diagnostic, Release } from "../release/model.ts";
import { linkedOutside, locateImage } from "./locate.ts";

/** Formats the image library reads, as `image-size` names them. */
const PHOTO_FORMATS = new Set(["jpg", "png", "webp", "heif", "avif", "gif", "tiff", "svg"]);
const LOGO_FORMATS = new Set(["svg", "png", "jpg", "webp", "gif"]);
/** sharp's default `limitInputPixels`: larger images are refused when the build opens them. */
export const MAX_PIXELS = 268_402_689;

/**
 * Problems with the images of `releases` and the site's logo. An image of a release that is not
 * published (draft, embargo) is a warning: it would stop the build only once the release is due.
 */
export function imageProblems(root: string, site: Site, releases: Release[]): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const release of releases) {
    if (!release.image) continue;
    const line = keyLine(path.join(root, release.file), "image");
    const severity = release.published ? ("error" as const) : ("warning" as const);
    const found = locateImage(release, root);
    const problem = "problem" in found ? found.problem : headerProblem(found.file, `image "${release.image}"`, PHOTO_FORMATS, release.file);
    if (problem) problems.push({ ...problem, line, severity });
  }
  const logo = site.logo ? logoProblem(root, site.logo) : undefined;
  if (logo) problems.push(logo);
  return problems;
}

/** The logo must be a readable image file under `assets/`, inside the project. */
function logoProblem(root: string, logo: string): Diagnostic | undefined {
  const file = path.resolve(root, logo);
  const relative = path.relative(root, file).split(path.sep).join("/");
  const SITE_FILE = siteConfigFile(root);
  const line = keyLine(path.join(root, SITE_FILE), '"logo"');
  const problem = (message: string, hint: string): Diagnostic => ({ file: SITE_FILE, line, severity: "error", message, hint });
  const rule = "the logo is published from the project: give a path under assets/, e.g. assets/logo.svg";
  if (/^[a-z][a-z0-9+.-]*:|^[\\/]{2}/i.test(logo)) return problem(`logo "${logo}" is a web address; Bayan loads nothing from another site`, rule);
  if (path.isAbsolute(logo) || /^[\\/]/.test(logo))
    return problem(`logo "${logo}" is an absolute path; it would be requested from another host on every page`, rule);
  if (!relative.startsWith("assets/")) return problem(`logo "${logo}" is not under assets/, so it would never be published`, rule);
  const unreadable = headerProblem(file, `logo "${logo}"`, LOGO_FORMATS, SITE_FILE);
  if (unreadable) return { ...unreadable, line };
  const outside = linkedOutside(file, root);
  return outside ? problem(`logo "${logo}" is a link to ${outside}, outside the project`, "copy the logo into assets/ instead of linking to it") : undefined;
}

/**
 * 1-based line of a key: `image:` in a release's front matter, `"logo"` in the site config.
 * Undefined when the file cannot be read or does not hold it.
 */
function keyLine(file: string, key: string): number | undefined {
  let lines: string[];
  try {
    lines = readFileSync(file, "utf8").split(/\r\n?|\n/);
  } catch {
    return undefined;
  }
  const pattern = new RegExp(`^\\s*${key}\\s*:`);
  const index = lines.findIndex((line) => pattern.test(line.replace(/^\uFEFF/, "")));
  return index >= 0 ? index + 1 : undefined;
}

/** A file that is missing, is not an image of `formats`, or is too large to open. */
function headerProblem(file: string, what: string, formats: Set<string>, reportedIn: string): Diagnostic | undefined {
  const problem = (message: string, hint: string): Diagnostic => ({ file: reportedIn, severity: "error", message, hint });
  let size: { type?: string; width?: number; height?: number };
  try {
    size = imageSize(file); // reads only the header (a path: TIFF cannot be read from a buffer)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return problem(`${what} was not found`, "put the file there, or fix the path (from the project folder, e.g. assets/logo.svg)");
    return problem(`${what} is not an image Bayan can read (${(error as Error).message})`, "save it again as JPEG, PNG, WebP or AVIF");
  }
  if (!size.type || !formats.has(size.type)) {
    return problem(
      `${what} is not an image Bayan can read (its first bytes look like ${size.type ? size.type.toUpperCase() : "no image format"})`,
      `save it again as ${[...formats].map((f) => f.toUpperCase()).join(", ")}`,
    );
  }
  if ((size.width ?? 0) * (size.height ?? 0) > MAX_PIXELS) {
    return problem(
      `${what} is ${size.width}×${size.height} pixels, more than the ${Math.floor(MAX_PIXELS / 1e6)} million the image library opens`,
      "save a smaller copy: 2400 pixels wide is plenty for a web page",
    );
  }
  return undefined;
}
