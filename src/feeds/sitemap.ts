import type { Site } from "../config.ts";
import type { Release } from "../release/model.ts";
import type { Newsroom } from "../site/newsroom.ts";
import { newestDate } from "./dates.ts";

/** One `<url>` of the sitemap. URLs are site-relative, without the path prefix. */
export interface SitemapEntry {
  url: string;
  /** ISO 8601; absent when nothing on the page has a date (an empty section). */
  lastmod?: string;
  /** Every language version of the page, itself included, then `x-default`; empty without translations. */
  alternates: Array<{ lang: string; url: string }>;
}

/**
 * Every page a search engine should know, with the date it last changed: release pages, the home
 * pages, tag pages and archive pages with all their numbered pages, and the tag and archive
 * indexes. Not the 404 page, the feeds or the search page (it has no content of its own).
 *
 * A list page shows a window onto its whole list, which moves whenever any release of the list
 * changes, so every page of a list gets the newest `updated` of the list.
 */
export function sitemapEntries(newsroom: Newsroom, site: Pick<Site, "lang">): SitemapEntry[] {
  const entries: SitemapEntry[] = [];
  const newestOf = (releases: Release[]) => newestDate(releases.map((release) => release.updated));

  const newestByList = new Map<string, string | undefined>();
  const listOf = (url: string) => url.replace(/page\/\d+\/$/, "");
  for (const listing of newsroom.listings) {
    const key = listOf(listing.url);
    newestByList.set(key, newestDate([newestByList.get(key), newestOf(listing.releases)].filter((d) => d !== undefined)));
  }
  for (const listing of newsroom.listings) {
    entries.push({ url: listing.url, lastmod: newestByList.get(listOf(listing.url)), alternates: [] });
  }

  for (const section of newsroom.sections) {
    const lastmod = newestOf(newsroom.releases.filter((release) => release.lang === section.lang));
    for (const index of ["tags/", "archive/"]) entries.push({ url: `${section.root}${index}`, lastmod, alternates: [] });
  }

  for (const release of newsroom.releases) {
    entries.push({ url: release.url, lastmod: release.updated, alternates: alternatesOf(release, newsroom, site) });
  }
  return entries;
}

/** hreflang alternates of a release: its translation group, and the main-language version as x-default. */
function alternatesOf(release: Release, newsroom: Newsroom, site: Pick<Site, "lang">): SitemapEntry["alternates"] {
  const translations = newsroom.links.get(release.url)?.translations ?? [];
  if (!translations.length) return [];
  const group = [{ lang: release.lang, url: release.url }, ...translations.map(({ lang, url }) => ({ lang, url }))];
  const main = group.find((version) => version.lang === site.lang);
  return main ? [...group, { lang: "x-default", url: main.url }] : group;
}
