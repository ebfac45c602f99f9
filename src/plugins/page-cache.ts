import type { EleventyConfig } from "@11ty/eleventy";
import type { Feed, FeedLinks, ListingPage, Newsroom, ReleasePage } from "../site/newsroom.ts";
import { cacheKeys, renderFingerprint, type PageCacheSession } from "../build/page-cache.ts";
import { archiveView, newsroomData, pageViews, type PageKind } from "../site/shows.ts";

/** The pages and feeds a build renders; the feeds by format, since each format's file is cached on its own. */
export interface PagesToRender {
  releasePagesToWrite: ReleasePage[];
  listingsToWrite: ListingPage[];
  feedsToRender: Record<keyof FeedLinks, Feed[]>;
}

/**
 * The newsroom the templates read, and the `newsroom` each kind of cached page reads instead
 * (`archive(kind)`, the template data of that kind's virtual templates).
 *
 * Its pages to write are all a build has to write, less those `pageCache` (`buildSite`'s, for its
 * output) holds (see `build/page-cache.ts`), which it links into the output instead, as the views
 * of `shows.ts`: templates see what the cache keys hold and no more. Worked out once per build,
 * after `eleventy.before` (release pictures and the feed logo are known by then).
 */
export function pagesToRender(
  eleventyConfig: EleventyConfig,
  { root, templates, site, pageCache }: { root: string; templates: string; site: { logo?: string }; pageCache?: PageCacheSession },
) {
  let toFiles = false;
  let planned: Record<string, unknown> | undefined;
  let session: PageCacheSession | undefined;
  eleventyConfig.on("eleventy.before", ({ outputMode }: { outputMode: string }) => {
    toFiles = outputMode === "fs";
    planned = undefined;
    session = undefined;
  });
  const plan = (newsroom: Newsroom): PagesToRender => {
    const { releasePagesToWrite: pages, listingsToWrite: listings, feedsToWrite: feeds } = newsroom;
    // Not for JSON output (`toJSON()`), which writes no files to link.
    session = toFiles ? pageCache : undefined;
    if (!session) return { releasePagesToWrite: pages, listingsToWrite: listings, feedsToRender: { rss: feeds, atom: feeds, json: feeds } };
    const cache = session;
    const fingerprint = renderFingerprint({ root, templates, site, sections: newsroom.sections });
    const keys = cacheKeys(fingerprint, eleventyConfig.getFilter("bayanReleasePicture"), eleventyConfig.getFilter("bayanFeedLogo")(site.logo));
    const feedsOf = (format: keyof FeedLinks) =>
      cache.toRender(
        "feed",
        fingerprint,
        feeds,
        (feed) => keys.feed(feed, format),
        (feed) => feed.links[format],
      );
    return {
      releasePagesToWrite: cache.toRender("release", fingerprint, pages, keys.releasePage, (page) => page.release.url),
      listingsToWrite: cache.toRender("listing", fingerprint, listings, keys.listing, (listing) => listing.url),
      feedsToRender: { rss: feedsOf("rss"), atom: feedsOf("atom"), json: feedsOf("json") },
    };
  };
  const views = ({ releasePagesToWrite, listingsToWrite, feedsToRender }: PagesToRender) => ({
    releasePagesToWrite: releasePagesToWrite.map(pageViews.release),
    listingsToWrite: listingsToWrite.map(pageViews.listing),
    feedsToRender: { rss: feedsToRender.rss.map(pageViews.feed), atom: feedsToRender.atom.map(pageViews.feed), json: feedsToRender.json.map(pageViews.feed) },
  });
  const readsMore = (kind: PageKind, what: string) => session?.uncache(kind, what);
  return {
    /** The `newsroom` global data of a build. */
    newsroom: (newsroom: Newsroom) => (planned ??= newsroomData(newsroom, views(plan(newsroom)))),
    /** The `newsroom` the templates of `kind` read. */
    archive: (kind: PageKind) => archiveView(kind, () => planned, readsMore),
  };
}
