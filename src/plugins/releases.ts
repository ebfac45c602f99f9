import type { EleventyConfig } from "@11ty/eleventy";
import type { NewsroomChanges } from "../site/changes.ts";
import type { Source } from "../site/source.ts";

/**
 * The `.txt` and `.md` template formats. Eleventy never reads these files itself (`read: false`):
 * Bayan's own parser does, so no front matter engine (`---js`) and no template language ever
 * touches release text (a `{{` in a release is text).
 */
export function releasesPlugin(eleventyConfig: EleventyConfig, { source }: { source: Source }) {
  eleventyConfig.addTemplateFormats(["txt", "md"]);
  eleventyConfig.addExtension("txt", {
    outputFileExtension: "html",
    read: false,
    isIncrementalMatch: incrementalMatch(source, (inputPath) => source.releaseChanged(inputPath)),
    getData: async (inputPath: string) => {
      const { newsroom, byFile } = await source.get();
      const release = byFile.get(source.fileOf(inputPath));
      const links = release && newsroom.links.get(release.url);
      // Drafts and embargoed releases (outside preview) get no page at all.
      if (!release || !links) return { permalink: false, eleventyExcludeFromCollections: true };
      return {
        release,
        links,
        lang: release.lang,
        dir: release.dir,
        title: release.title,
        description: release.summary,
        languageSwitch: Object.fromEntries(links.translations.map((t) => [t.lang, t.url])),
        layout: "release.njk",
        permalink: release.url,
        eleventyExcludeFromCollections: true,
      };
    },
    compile: () => (data: { release?: { bodyHtml: string } }) => data.release?.bodyHtml ?? "",
  });
  // `.md` is an alias of `txt`, not an override of Eleventy's Markdown: in Eleventy 3.1 an
  // overridden built-in engine lacks its extension map, and every incremental rebuild (npm start)
  // then fails with "missing `extensionMap` in TemplateEngine".
  eleventyConfig.addExtension("md", { key: "txt" });

  // Incremental rebuilds (npm start): a release edit rewrites its page and the pages that show it.
  // The watch queue tells the source what changed; the source is loaded before Eleventy asks
  // which templates to render (a load error still surfaces where the templates read it).
  eleventyConfig.on("eleventy.beforeWatch", (queue: string[]) => source.invalidate(queue));
  eleventyConfig.on("eleventy.before", () => source.get().then(() => undefined, () => undefined));
  // Eleventy asks every `addExtension` entry keyed `njk` whether a Nunjucks template is affected
  // by the changed file; this alias (no file has its extension) is how the site's own Nunjucks
  // pages and feeds get that answer.
  eleventyConfig.addExtension("bayan-pages", {
    key: "njk",
    isIncrementalMatch: incrementalMatch(source, (inputPath, changes) => (PAGE_SHOWS[inputPath.replace(/^\.\//, "")] ?? (() => true))(changes)),
  });
}

/** What Eleventy tells `isIncrementalMatch` besides the changed file. */
interface IncrementalContext {
  inputPath: string;
  isFileRelevantToInputPath: boolean;
  doesFileHaveDependencies: boolean;
  isFullTemplate: boolean;
}

/**
 * Whether a template must be rendered again in an incremental rebuild: after release edits,
 * as `affected` says; after any other change, as Eleventy decides by default (a layout is
 * relevant to the templates that use it, an unknown file to all).
 */
function incrementalMatch(source: Source, affected: (inputPath: string, changes: NewsroomChanges) => boolean) {
  return function (this: IncrementalContext): boolean {
    const changes = source.changes();
    if (changes) return affected(this.inputPath, changes);
    return this.isFileRelevantToInputPath || (!this.doesFileHaveDependencies && !this.isFullTemplate);
  };
}

/** What the site's virtual Nunjucks templates (pages.ts, feeds.ts) show; any other template counts as affected. */
const PAGE_SHOWS: Record<string, (changes: NewsroomChanges) => boolean> = {
  "bayan-pages/listing.njk": (changes) => changes.listingUrls.size > 0,
  "bayan-pages/tags.njk": (changes) => changes.sections,
  "bayan-pages/archive.njk": (changes) => changes.sections,
  "bayan-pages/search.njk": () => false,
  "bayan-pages/404.njk": () => false,
  "bayan-feeds/rss.njk": (changes) => changes.feedUrls.size > 0,
  "bayan-feeds/atom.njk": (changes) => changes.feedUrls.size > 0,
  "bayan-feeds/json.njk": (changes) => changes.feedUrls.size > 0,
  "bayan-feeds/feed.xsl.njk": () => false,
  "bayan-feeds/robots.txt.njk": () => false,
  "bayan-feeds/sitemap.xml.njk": (changes) => changes.any,
};
