import type { EleventyConfig } from "@11ty/eleventy";
import type { Source } from "../site/source.ts";

/**
 * The `.txt` and `.md` template formats. Eleventy never reads these files itself (`read: false`):
 * Bayan's own parser does, so no front matter engine (`---js`) and no template language ever
 * touches release text (a `{{` in a release is text).
 */
export function releasesPlugin(eleventyConfig: EleventyConfig, { source }: { source: Source }) {
  eleventyConfig.addTemplateFormats(["txt", "md"]);
  eleventyConfig.addExtension(["txt", "md"], {
    outputFileExtension: "html",
    read: false,
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
}
