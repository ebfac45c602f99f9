import type { EleventyConfig } from "@11ty/eleventy";
import { once } from "./once.ts";
import { firstHolding } from "../defaults.ts";
import { localize, type Site } from "../config.ts";
import { toRfc3339, toRfc822 } from "../feeds/dates.ts";
import { scriptSafeJson } from "../feeds/json.ts";
import { ogLocale } from "../feeds/locale.ts";
import { sitemapEntries } from "../feeds/sitemap.ts";
import { xmlText } from "../feeds/xml.ts";
import { outputPath } from "../release/url.ts";
import type { Feed } from "../site/newsroom.ts";
import type { Source } from "../site/source.ts";

type Data = Record<string, any>;

/** What every feed format reads besides the feed itself: its texts in the feed's language, its dates. */
function feedData(site: Site, format: keyof Feed["links"]): Data {
  return {
    // Only the changed feeds in a watch rebuild after release edits (see Newsroom.feedsToWrite),
    // less those the page cache holds (see plugins/page-cache.ts).
    pagination: { data: `bayan.newsroom.feedsToRender.${format}`, size: 1, alias: "feed" },
    permalink: (d: Data) => outputPath(d.feed.links[format]),
    eleventyComputed: {
      lang: (d: Data) => d.feed.lang,
      dir: (d: Data) => d.feed.dir,
      title: (d: Data) => [localize(site.title, d.feed.lang, site), d.feed.tag?.name].filter(Boolean).join(" — "),
      description: (d: Data) => localize(site.description, d.feed.lang, site),
      publisher: (d: Data) => localize(site.publisher ?? site.title, d.feed.lang, site),
      updated: (d: Data) => d.feed.updated,
      // One preview stylesheet per language, so its explanation is in the feed's language.
      stylesheet: (d: Data) => `${d.bayan.newsroom.sectionByLang[d.feed.lang].root}feed.xsl`,
    },
  };
}

/** The files this plugin writes: template in `templates/feeds/` → what it is made from and where it goes. */
function outputs(site: Site, source: Source): Array<{ file: string; data: Data }> {
  // The sitemap's entries are worked out again only when a watch rebuild changed them.
  let entries: ReturnType<typeof sitemapEntries> | undefined;
  const sitemap = async () => {
    const { newsroom, changes } = await source.get();
    if (!entries || !changes || changes.sitemap) entries = sitemapEntries(newsroom, site);
    return entries;
  };
  return [
    { file: "rss.njk", data: feedData(site, "rss") },
    { file: "atom.njk", data: feedData(site, "atom") },
    { file: "json.njk", data: feedData(site, "json") },
    {
      file: "feed.xsl.njk",
      data: {
        pagination: { data: "bayan.newsroom.sections", size: 1, alias: "section" },
        permalink: (d: Data) => `${d.section.root}feed.xsl`,
        eleventyComputed: { lang: (d: Data) => d.section.lang, dir: (d: Data) => d.section.dir },
      },
    },
    {
      file: "sitemap.xml.njk",
      data: { permalink: "/sitemap.xml", eleventyComputed: { entries: sitemap } },
    },
    { file: "robots.txt.njk", data: { permalink: "/robots.txt" } },
  ];
}

/**
 * Feeds (RSS 2.0, Atom 1.0, JSON Feed 1.1) per language and per tag, their browser preview
 * stylesheet, the sitemap and robots.txt, and the filters they and `partials/seo.njk` use.
 * The markup lives in `templates/feeds/`; see docs/feeds.md for the rules.
 *
 * Only the RSS plugin's date function is used, not the plugin itself: adding it would replace
 * Bayan's one-argument `absoluteUrl` filter with its deprecated two-argument one.
 */
export function feedsPlugin(
  eleventyConfig: EleventyConfig,
  { site, source, folders, archive }: { site: Site; source: Source; base: string; folders: string[]; archive: (kind: "feed") => object },
) {
  // A release is in its language feed and each of its tags' feeds, in three formats, and in the
  // sitemap: work out its dates once per process (they depend on the date and the site's time
  // zone only) and its item HTML once per build (release text changes between watch rebuilds).
  const buildCaches: Array<Map<string, unknown>> = [];
  const oncePerBuild = <A extends string[], T>(work: (...args: A) => T) => {
    const cache = new Map<string, T>();
    buildCaches.push(cache);
    return once(work, cache);
  };
  eleventyConfig.on("eleventy.before", () => buildCaches.forEach((cache) => cache.clear()));

  eleventyConfig.addFilter("bayanXml", xmlText);
  eleventyConfig.addFilter(
    "bayanRfc822",
    once((iso: string) => toRfc822(iso, site.timezone)),
  );
  eleventyConfig.addFilter(
    "bayanRfc3339",
    once((iso: string) => toRfc3339(iso, site.timezone)),
  );
  eleventyConfig.addFilter("bayanJson", scriptSafeJson);
  eleventyConfig.addFilter("bayanJsonLd", scriptSafeJson);
  eleventyConfig.addFilter("bayanOgLocale", ogLocale);

  /**
   * `{{ html | bayanAbsoluteHtml(release.url) }}`: every URL in an item's HTML made absolute by Eleventy's
   * own `transformWithHtmlBase` (what the RSS plugin's feeds use; its older `htmlToAbsoluteUrls`
   * ignores the path prefix), so `/x` in a release becomes `https://host/<pathPrefix>/x` in the
   * feed exactly as it becomes `/<pathPrefix>/x` on the page.
   */
  const absoluteHtml = oncePerBuild((html: string, pageUrl: string) => {
    const transform = eleventyConfig.getFilter("transformWithHtmlBase");
    return Promise.resolve(transform(html, `${site.url}/`, pageUrl) as string | Promise<string>);
  });
  eleventyConfig.addFilter("bayanAbsoluteHtml", async (html: unknown, pageUrl: string) => absoluteHtml(String(html), pageUrl));

  // Eleventy compiles a virtual template's body again for every page of a pagination (hundreds
  // of tag feeds): the body only includes its file, which the Nunjucks loader compiles once.
  for (const { file, data } of outputs(site, source)) {
    if (!firstHolding(folders, `feeds/${file}`)) throw new Error(`[bayan] missing template feeds/${file} (looked in ${folders.join(", ")})`);
    eleventyConfig.addTemplate(`bayan-feeds/${file}`, `{% include "bayan/feeds/${file}" %}`, {
      eleventyExcludeFromCollections: true,
      ...data,
      ...(data.pagination?.alias === "feed" && { bayan: archive("feed") }),
    });
  }
}
