import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import type { Feed, FeedLinks, ListingPage, Newsroom, ReleasePage } from "../site/newsroom.ts";
import { cacheKeys, pageCacheFor, renderFingerprint } from "../site/page-cache.ts";

/** The pages and feeds a build renders; the feeds by format, since each format's file is cached on its own. */
export interface PagesToRender {
  releasePagesToWrite: ReleasePage[];
  listingsToWrite: ListingPage[];
  feedsToRender: Record<keyof FeedLinks, Feed[]>;
}

/**
 * The release pages, list pages and feeds a build renders: all it has to write, less those
 * `buildSite`'s page cache holds for this output (see `site/page-cache.ts`), which it links into
 * the output instead. Worked out once per build, after `eleventy.before` (release pictures and
 * the feed logo are known by then).
 */
export function pagesToRender(eleventyConfig: EleventyConfig, { root, templates, site }: { root: string; templates: string; site: { logo?: string } }) {
  let output: string | undefined;
  let planned: PagesToRender | undefined;
  eleventyConfig.on("eleventy.before", ({ directories, outputMode }: { directories: { output: string }; outputMode: string }) => {
    output = outputMode === "fs" ? path.resolve(directories.output) : undefined;
    planned = undefined;
  });
  return (newsroom: Newsroom): PagesToRender => {
    const { releasePagesToWrite: pages, listingsToWrite: listings, feedsToWrite: feeds } = newsroom;
    const session = output ? pageCacheFor(output) : undefined;
    if (!session) return { releasePagesToWrite: pages, listingsToWrite: listings, feedsToRender: { rss: feeds, atom: feeds, json: feeds } };
    if (planned) return planned;
    const fingerprint = renderFingerprint({ root, templates, site, sections: newsroom.sections });
    // The templates each kind is made with: a page is cached only when none of them reads more of the archive.
    const cached = (made: RegExp) => !fingerprint.readers.some((file) => made.test(file));
    const keys = cacheKeys(fingerprint.hash, eleventyConfig.getFilter("bayanReleasePicture"), eleventyConfig.getFilter("bayanFeedLogo")(site.logo));
    const feedsOf = (format: keyof FeedLinks) => session.toRender(feeds, (feed) => keys.feed(feed, format), (feed) => feed.links[format]);
    planned = {
      releasePagesToWrite: cached(/^(layouts|partials)\//) ? session.toRender(pages, keys.releasePage, (page) => page.release.url) : pages,
      listingsToWrite: cached(/^(layouts|partials)\/|^pages\/listing\.njk$/) ? session.toRender(listings, keys.listing, (listing) => listing.url) : listings,
      feedsToRender: cached(/^partials\/|^feeds\/(rss|atom|json|item)\.njk$/)
        ? { rss: feedsOf("rss"), atom: feedsOf("atom"), json: feedsOf("json") }
        : { rss: feeds, atom: feeds, json: feeds },
    };
    return planned;
  };
}
