import type { Release } from "../release/model.ts";
import type { Feed, ListingPage, Newsroom, ReleaseLinks } from "./newsroom.ts";

/**
 * What differs between two newsrooms of one watch session: the pages a rebuild must write again.
 * Releases are compared by identity: the loader hands back the same `Release` object while its
 * file, the site and the clock are unchanged, so any edit of a file makes a new object.
 */
export interface NewsroomChanges {
  /** Release pages to write again (URLs): edited or added, or showing a changed neighbour, translation or tag. */
  releaseUrls: Set<string>;
  /** List pages (URLs) whose releases, page numbers or page links differ. */
  listingUrls: Set<string>;
  /** Feeds (by RSS URL) whose releases differ. */
  feedUrls: Set<string>;
  /** Tags or archive months were added, removed or recounted: the tag and archive indexes differ. */
  sections: boolean;
  /** Anything at all differs (the sitemap lists every page). */
  any: boolean;
}

/** The pages of `after` that differ from `before`. */
export function diffNewsroom(before: Newsroom, after: Newsroom): NewsroomChanges {
  const releaseUrls = new Set<string>();
  const beforeByUrl = new Map(before.releases.map((release) => [release.url, release]));
  for (const release of after.releases) {
    const old = beforeByUrl.get(release.url);
    if (old !== release || linksKey(before.links.get(release.url)) !== linksKey(after.links.get(release.url))) releaseUrls.add(release.url);
  }
  const listingUrls = changedUrls(before.listings, after.listings, (page) => page.url, sameListing);
  const feedUrls = changedUrls(before.feeds, after.feeds, (feed) => feed.links.rss, sameFeed);
  const sections = JSON.stringify(before.sections) !== JSON.stringify(after.sections);
  const any = releaseUrls.size > 0 || listingUrls.size > 0 || feedUrls.size > 0 || sections || before.releases.length !== after.releases.length;
  return { releaseUrls, listingUrls, feedUrls, sections, any };
}

function changedUrls<T>(before: T[], after: T[], urlOf: (item: T) => string, same: (a: T, b: T) => boolean): Set<string> {
  const old = new Map(before.map((item) => [urlOf(item), item]));
  return new Set(after.filter((item) => !old.has(urlOf(item)) || !same(old.get(urlOf(item))!, item)).map(urlOf));
}

function sameListing(a: ListingPage, b: ListingPage): boolean {
  return a.pageCount === b.pageCount && a.previousUrl === b.previousUrl && a.nextUrl === b.nextUrl && a.tag?.name === b.tag?.name && sameReleases(a.releases, b.releases);
}

function sameFeed(a: Feed, b: Feed): boolean {
  return a.tag?.name === b.tag?.name && a.updated === b.updated && sameReleases(a.releases, b.releases);
}

function sameReleases(a: Release[], b: Release[]): boolean {
  return a.length === b.length && a.every((release, i) => release === b[i]);
}

/** What a release page shows of other releases: neighbours, translations and its tags' pages. */
function linksKey(links: ReleaseLinks | undefined): string {
  if (!links) return "";
  const link = (l?: { url: string; title: string; lang: string }) => (l ? [l.url, l.title, l.lang] : null);
  return JSON.stringify([link(links.previous), link(links.next), links.translations.map(link), links.tags.map((tag) => [tag.name, tag.url])]);
}
