import type { Site } from "../config.ts";

/**
 * Site-relative URL of a release, without the path prefix:
 * `/releases/2026/11/desalination-plant/` in the main language, `/en/releases/2026/11/desalination-plant/` in others.
 * `year` and `month` are those of the release date in the site time zone.
 */
export function releaseUrl(site: Pick<Site, "lang">, lang: string, year: number, month: number, slug: string): string {
  return `${languageRoot(site, lang)}releases/${year}/${String(month).padStart(2, "0")}/${slug}/`;
}

/** `/` for the main language, `/en/` for another. */
export function languageRoot(site: Pick<Site, "lang">, lang: string): string {
  return lang === site.lang ? "/" : `/${lang}/`;
}
