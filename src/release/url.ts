import type { Site } from "../config.ts";

/**
 * Site-relative URL of a release, without the path prefix, percent-encoded:
 * `/releases/2026/11/desalination-plant/` in the main language, `/en/releases/2026/11/desalination-plant/` in others.
 * `year` and `month` are those of the release date in the site time zone.
 */
export function releaseUrl(site: Pick<Site, "lang">, lang: string, year: number, month: number, slug: string): string {
  return `${languageRoot(site, lang)}releases/${year}/${String(month).padStart(2, "0")}/${encodeURIComponent(slug)}/`;
}

/**
 * Where a site URL is written in the output: its path with percent-encoding undone. URLs are kept
 * as links carry them (`/tags/%D8%B5%D8%AD%D8%A9/` with `"slugs": "arabic"`); files are named in
 * UTF-8 (`tags/صحة/index.html`), which a static host serves for either form.
 */
export function outputPath(url: string): string {
  return decodeURI(url);
}

/** `/` for the main language, `/en/` for another. */
export function languageRoot(site: Pick<Site, "lang">, lang: string): string {
  return lang === site.lang ? "/" : `/${lang}/`;
}
