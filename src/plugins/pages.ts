import type { EleventyConfig } from "@11ty/eleventy";
import { firstHolding } from "../defaults.ts";
import { outputPath } from "../release/url.ts";
import { directionOf } from "../text/direction.ts";

/**
 * The site's own pages as virtual templates. Their bodies live in `templates/pages/`,
 * so a site can change them without touching code; the front matter here only says
 * what each page is made from and where it is written.
 *
 * Speed: Eleventy compiles a virtual template's body and a string permalink again for every
 * page of a pagination (thousands of list pages), so the body only includes its file (compiled
 * once, through the Nunjucks loader's cache) and permalinks are functions.
 */
type Data = Record<string, any>;
const bySection = { lang: (d: Data) => d.section.lang, dir: (d: Data) => d.section.dir };
const sectionPages = (key: string, folder: string) => ({
  pagination: { data: "bayan.newsroom.sections", size: 1, alias: "section" },
  permalink: (d: Data) => `${d.section.root}${folder}/`,
  eleventyComputed: { ...bySection, title: (d: Data) => d.bayan.i18n[d.section.lang][key] },
});

const PAGES: Array<{ file: string; data: Data }> = [
  {
    file: "listing.njk",
    data: {
      // Only the changed list pages in a watch rebuild after release edits (see Newsroom.listingsToWrite).
      pagination: { data: "bayan.newsroom.listingsToWrite", size: 1, alias: "listing" },
      permalink: (d: Data) => outputPath(d.listing.url),
      // No computed data (thousands of list pages): the page and `layouts/base.njk` take `lang`,
      // `dir`, `feeds` and `title` from `listing` at their top, as release pages do.
    },
  },
  { file: "tags.njk", data: sectionPages("allTags", "tags") },
  { file: "archive.njk", data: sectionPages("archive", "archive") },
  { file: "search.njk", data: sectionPages("search", "search") },
  {
    file: "404.njk",
    data: {
      permalink: "404.html",
      eleventyComputed: {
        lang: (d: Data) => d.bayan.site.lang,
        dir: (d: Data) => directionOf(d.bayan.site.lang),
        title: (d: Data) => d.bayan.i18n[d.bayan.site.lang].notFoundTitle,
      },
    },
  },
];

/** Page title of a list: empty on the first home page (the site name is enough), else what it lists. */
function listingTitle(listing: Data, ui: Record<string, string>): string {
  const base =
    listing.kind === "home"
      ? ""
      : listing.kind === "tag"
        ? listing.tag.name
        : listing.month
          ? `${ui.archiveOf} ${listing.year}/${listing.month}`
          : `${ui.archiveOf} ${listing.year}`;
  return listing.pageNumber > 1 ? `${base || ui.latestReleases} (${ui.page} ${listing.pageNumber})` : base;
}

/** `folders`: the site's templates, then Bayan's (see plugins/defaults.ts). */
export function pagesPlugin(eleventyConfig: EleventyConfig, { folders, archive }: { folders: string[]; archive: (kind: "listing") => object }) {
  eleventyConfig.addFilter("bayanListingTitle", (listing: Data, ui: Record<string, string>) => listingTitle(listing, ui));
  for (const page of PAGES) {
    if (!firstHolding(folders, `pages/${page.file}`)) throw new Error(`[bayan] missing template pages/${page.file} (looked in ${folders.join(", ")})`);
    eleventyConfig.addTemplate(`bayan-pages/${page.file}`, `{% include "bayan/pages/${page.file}" %}`, {
      eleventyExcludeFromCollections: true,
      layout: "bayan/base.njk",
      ...page.data,
      ...(page.file === "listing.njk" && { bayan: archive("listing") }),
    });
  }
}
