/**
 * Which files of `assets/` a build publishes: an allow-list, never a copy of the folder. A photo
 * dropped into `assets/` for a release under embargo must not reach the site before the release.
 *
 * - The site's own assets: every `/assets/…` path the templates name (stylesheet, scripts,
 *   icons), what those stylesheets name with `url(…)`, the logo, and a favicon at `assets/favicon.*`.
 * - Files a shown release links to (`[report](/assets/docs/report.pdf)` in Markdown, or the
 *   file's full address on the site).
 *
 * A release's `image` is not a link: its original (with the camera's EXIF data, often GPS) is
 * never published, only the processed versions the images plugin makes.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { linkedOutside } from "../images/locate.ts";
import { filesUnder } from "../util/files.ts";

const ASSETS = "assets/";
/** Sources that are bundled, never published as they are (the search client). */
const SOURCE_ONLY = /\.ts$/;

/** A project file, by its path from the project folder with `/` separators, e.g. `assets/css/bayan.css`. */
type ProjectPath = string;

/**
 * The site's own assets: those the templates and their stylesheets name, the logo and the favicon.
 * Only files that exist are returned (fonts come from npm packages, not from `assets/`).
 */
export function siteAssets(root: string, logo: string | undefined): Set<ProjectPath> {
  const templates = path.join(root, "templates");
  const found = new Set<ProjectPath>();
  for (const file of existsSync(templates) ? filesUnder(templates) : []) {
    for (const match of readFileSync(path.join(templates, file), "utf8").matchAll(/\/assets\/[^"'`\s)?#{}]+/g)) addAsset(found, root, match[0].slice(1));
  }
  if (logo && !path.isAbsolute(logo)) addAsset(found, root, path.posix.normalize(logo.replace(/\\/g, "/")));
  for (const name of existsSync(path.join(root, ASSETS)) ? readdirSync(path.join(root, ASSETS)) : []) {
    if (/^favicon\./i.test(name)) addAsset(found, root, ASSETS + name);
  }
  // What the stylesheets name (fonts, backgrounds), relative to each stylesheet; breadth first.
  for (const file of found) {
    if (!file.endsWith(".css")) continue;
    for (const match of readFileSync(path.join(root, file), "utf8").matchAll(/url\(\s*["']?([^"')?#]+)/g)) {
      if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(match[1])) continue;
      const target = match[1].startsWith("/") ? match[1].slice(1) : path.posix.join(path.posix.dirname(file), match[1]);
      addAsset(found, root, path.posix.normalize(target));
    }
  }
  return found;
}

/**
 * The files of `assets/` a release's body links to: `/assets/…`, `assets/…`, or the same on the
 * site's own address (`base`, with the path prefix). Links elsewhere are not files of the project.
 * @example linkedAssets('<a href="/assets/docs/plan.pdf">', "https://news.example.org/") // → ["assets/docs/plan.pdf"]
 */
export function linkedAssets(bodyHtml: string, base: string): ProjectPath[] {
  if (!bodyHtml.includes(ASSETS)) return []; // most releases link to no file: one scan, no parsing
  const site = new URL(base);
  const files: ProjectPath[] = [];
  for (const [, href] of bodyHtml.matchAll(/href="([^"]*)"/g)) {
    let url: URL;
    try {
      url = new URL(href.replace(/&amp;/g, "&"), base);
    } catch {
      continue;
    }
    if (url.origin !== site.origin) continue;
    const pathname = safeDecode(url.pathname);
    const under = [site.pathname, "/"].find((prefix) => pathname.startsWith(prefix + ASSETS));
    if (under !== undefined) files.push(path.posix.normalize(pathname.slice(under.length)));
  }
  return files.filter((file) => file.startsWith(ASSETS));
}

/**
 * Every file of `assets/` to publish for these shown releases: the site's own assets and the
 * files the releases link to, as long as they exist in the project.
 */
export function publishedAssets(root: string, logo: string | undefined, releases: Array<{ bodyHtml: string }>, base: string): Set<ProjectPath> {
  const files = siteAssets(root, logo);
  for (const release of releases) for (const file of linkedAssets(release.bodyHtml, base)) addAsset(files, root, file);
  return files;
}

function addAsset(files: Set<ProjectPath>, root: string, file: ProjectPath): void {
  if (!file.startsWith(ASSETS) || SOURCE_ONLY.test(file) || files.has(file)) return;
  const absolute = path.join(root, ...file.split("/"));
  if (!existsSync(absolute) || !statSync(absolute).isFile()) return;
  // A link inside assets/ to a file elsewhere on the machine is not the project's to publish.
  if (!linkedOutside(absolute, root)) files.add(file);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
