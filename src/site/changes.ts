import type { Newsroom } from "./newsroom.ts";
import { PAGE_KINDS, shownText, WHOLE_ARCHIVE_PAGES } from "./shows.ts";

/**
 * What differs between two newsrooms of one watch session: the pages a rebuild must write again.
 * The loader hands back the same `Release` object while its file, the site and the clock are
 * unchanged, so only pages holding a new object are compared by what they show.
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

/**
 * The pages of `after` that differ from `before`: those whose views (`shows.ts`) differ, the
 * very text their cache keys hash. An edit to what no page shows (the file's name, a field no
 * template is handed) writes no page.
 */
export function diffNewsroom(before: Newsroom, after: Newsroom): NewsroomChanges {
  const beforeByUrl = new Map(before.releases.map((release) => [release.url, release]));
  const sameUrl = (a: { url: string }, b: { url: string }) => a.url === b.url;
  let sitemap = !sameList(before.releases, after.releases, sameUrl) || !sameList(before.listings, after.listings, sameUrl);
  for (const release of after.releases) {
    const old = beforeByUrl.get(release.url);
    const [oldLinks, newLinks] = [before.links.get(release.url), after.links.get(release.url)];
    if (old !== release && (old?.updated !== release.updated || !sameList(oldLinks?.translations, newLinks?.translations, sameUrl))) sitemap = true;
  }
  const releaseUrls = changedUrls(before.releasePages, after.releasePages, (page) => page.release.url, shownText.release);
  const listingUrls = changedUrls(before.listings, after.listings, (page) => page.url, shownText.listing);
  const feedUrls = changedUrls(before.feeds, after.feeds, (feed) => feed.links.rss, shownText.feed);
  const sections = JSON.stringify(before.sections) !== JSON.stringify(after.sections);
  return { releaseUrls, listingUrls, feedUrls, sections, sitemap: sitemap || sections };
}

/**
 * Whether a watch rebuild after release edits renders the virtual template `inputPath` again, as
 * `shows.ts` declares; any other template: yes.
 */
export function rendersAgain(inputPath: string, changes: NewsroomChanges): boolean {
  const id = inputPath.replace(/^\.\//, "");
  const kind = Object.values(PAGE_KINDS).find((declared) => (declared.templates as readonly string[]).includes(id));
  if (kind) return changes[kind.changed].size > 0;
  if (!Object.hasOwn(WHOLE_ARCHIVE_PAGES, id)) return true;
  const shown = WHOLE_ARCHIVE_PAGES[id];
  return shown !== undefined && changes[shown];
}

/** The URLs of the pages of `after` that are new or show other than in `before`. */
function changedUrls<T>(before: T[], after: T[], urlOf: (item: T) => string, shown: (item: T) => string): Set<string> {
  const old = new Map(before.map((item) => [urlOf(item), item]));
  return new Set(after.filter((item) => !old.has(urlOf(item)) || (old.get(urlOf(item)) !== item && shown(old.get(urlOf(item))!) !== shown(item))).map(urlOf));
}

function sameList<T>(a: T[] | undefined, b: T[] | undefined, same: (x: T, y: T) => boolean): boolean {
  return a === b || (!!a && !!b && a.length === b.length && a.every((item, i) => same(item, b[i])));
}
