import { readFileSync } from "node:fs";
import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import { directionOf } from "../text/direction.ts";

/**
 * The site's own pages as virtual templates. Their bodies live in `templates/pages/`,
 * so a site can change them without touching code; the front matter here only says
 * what each page is made from and where it is written.
 */
type Data = Record<string, any>;
const bySection = { lang: (d: Data) => d.section.lang, dir: (d: Data) => d.section.dir };
const sectionPages = (key: string, folder: string) => ({
  pagination: { data: "newsroom.sections", size: 1, alias: "section" },
  permalink: `{{ section.root }}${folder}/`,
  eleventyComputed: { ...bySection, title: (d: Data) => d.i18n[d.section.lang][key] },
});

const PAGES: Array<{ file: string; data: Data }> = [
  {
    file: "listing.njk",
    data: {
      pagination: { data: "newsroom.listings", size: 1, alias: "listing" },
      permalink: "{{ listing.url }}",
      eleventyComputed: {
        lang: (d: Data) => d.listing.lang,
        dir: (d: Data) => d.listing.dir,
        feeds: (d: Data) => d.listing.feeds,
        title: (d: Data) => listingTitle(d.listing, d.i18n[d.listing.lang]),
      },
    },
  },
  { file: "tags.njk", data: sectionPages("allTags", "tags") },
  { file: "archive.njk", data: sectionPages("archive", "archive") },
  { file: "search.njk", data: sectionPages("search", "search") },
  { file: "404.njk", data: { permalink: "404.html", eleventyComputed: { lang: (d: Data) => d.site.lang, dir: (d: Data) => directionOf(d.site.lang), title: (d: Data) => d.i18n[d.site.lang].notFoundTitle } } },
];

/** Page title of a list: empty on the first home page (the site name is enough), else what it lists. */
function listingTitle(listing: Data, ui: Record<string, string>): string {
  const base = listing.kind === "home" ? "" : listing.kind === "tag" ? listing.tag.name : listing.month ? `${ui.archiveOf} ${listing.year}/${listing.month}` : `${ui.archiveOf} ${listing.year}`;
  return listing.pageNumber > 1 ? `${base || ui.latestReleases} (${ui.page} ${listing.pageNumber})` : base;
}

export function pagesPlugin(eleventyConfig: EleventyConfig, { templates }: { templates: string }) {
  for (const page of PAGES) {
    const body = readFileSync(path.join(templates, "pages", page.file), "utf8");
    eleventyConfig.addTemplate(`bayan-pages/${page.file}`, body, { eleventyExcludeFromCollections: true, layout: "base.njk", ...page.data });
  }
}
