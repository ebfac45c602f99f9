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
  /** A page was added or removed, or a release's `updated` date or translations changed: the sitemap differs. */
  sitemap: boolean;
}

/** The pages of `after` that differ from `before`. */
export function diffNewsroom(before: Newsroom, after: Newsroom): NewsroomChanges {
  const releaseUrls = new Set<string>();
  const beforeByUrl = new Map(before.releases.map((release) => [release.url, release]));
  const sameUrl = (a: { url: string }, b: { url: string }) => a.url === b.url;
  let sitemap = !sameList(before.releases, after.releases, sameUrl) || !sameList(before.listings, after.listings, sameUrl);
  for (const release of after.releases) {
    const old = beforeByUrl.get(release.url);
    const [oldLinks, newLinks] = [before.links.get(release.url), after.links.get(release.url)];
    if (old !== release || !sameLinks(oldLinks, newLinks)) releaseUrls.add(release.url);
    if (old !== release && (old?.updated !== release.updated || !sameList(oldLinks?.translations, newLinks?.translations, sameLink))) sitemap = true;
  }
  const listingUrls = changedUrls(before.listings, after.listings, (page) => page.url, sameListing);
  const feedUrls = changedUrls(before.feeds, after.feeds, (feed) => feed.links.rss, sameFeed);
  const sections = JSON.stringify(before.sections) !== JSON.stringify(after.sections);
  return { releaseUrls, listingUrls, feedUrls, sections, sitemap: sitemap || sections };
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
  return sameList(a, b, (x, y) => x === y);
}

/** Whether a release page shows the same of other releases: neighbours, translations and its tags' pages. */
function sameLinks(a: ReleaseLinks | undefined, b: ReleaseLinks | undefined): boolean {
  if (!a || !b) return a === b;
  return sameLink(a.previous, b.previous) && sameLink(a.next, b.next) && sameList(a.translations, b.translations, sameLink) &&
    sameList(a.tags, b.tags, (x, y) => x.name === y.name && x.url === y.url);
}

type Link = { url: string; title: string; lang: string };

function sameLink(a: Link | undefined, b: Link | undefined): boolean {
  return a === b || (!!a && !!b && a.url === b.url && a.title === b.title && a.lang === b.lang);
}

function sameList<T>(a: T[] | undefined, b: T[] | undefined, same: (x: T, y: T) => boolean): boolean {
  return a === b || (!!a && !!b && a.length === b.length && a.every((item, i) => same(item, b[i])));
}
