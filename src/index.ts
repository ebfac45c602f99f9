import { existsSync } from "node:fs";
import path from "node:path";
import { HtmlBasePlugin, type EleventyConfig } from "@11ty/eleventy";
import { resolveOptions, type BayanOptions } from "./options.ts";
import { assetsPlugin } from "./plugins/assets.ts";
import { devErrorsPlugin } from "./plugins/dev-errors.ts";
import { feedsPlugin } from "./plugins/feeds.ts";
import { imagesPlugin } from "./plugins/images.ts";
import { mediaPlugin } from "./plugins/media.ts";
import { filtersPlugin } from "./plugins/filters.ts";
import { pagesToRender } from "./plugins/page-cache.ts";
import { pagesPlugin } from "./plugins/pages.ts";
import { releasesPlugin } from "./plugins/releases.ts";
import { searchPlugin } from "./plugins/search.ts";
import { createSource } from "./site/source.ts";
import { readJsonFile } from "./util/json.ts";

export type { BayanOptions } from "./options.ts";

/**
 * The Bayan plugin: release files → newsroom site. Wires the sub-plugins; each does one job.
 *
 * @example eleventyConfig.addPlugin(bayan, { site: loadSite("templates/site.json") })
 */
export default function bayan(eleventyConfig: EleventyConfig, userOptions: BayanOptions) {
  eleventyConfig.versionCheck(">=3.1");
  const options = resolveOptions(userOptions);
  const { site } = options;
  const root = process.cwd();
  const templates = path.resolve(root, eleventyConfig.dir.includes);
  const base = new URL(eleventyConfig.pathPrefix.replace(/^\/?/, "/"), `${site.url}/`).href;
  const source = createSource(options, root);

  // Frozen: Eleventy's data cascade passes frozen objects through as they are. Unfrozen ones it
  // copies into each template's data and, on paginated pages, wraps in a new proxy at every read.
  const siteData = Object.freeze({ ...site, base, pathPrefix: eleventyConfig.pathPrefix, preview: options.preview });
  eleventyConfig.addGlobalData("site", siteData);
  eleventyConfig.addGlobalData("i18n", Object.freeze(loadStrings(templates, site.languages)));
  const pages = pagesToRender(eleventyConfig, { root, templates, site: siteData });
  eleventyConfig.addGlobalData("newsroom", async () => pages.newsroom((await source.get()).newsroom));
  // Besides the sources: builds in progress and previous outputs being deleted (see site/build.ts), the preview and caches.
  const notPages = ["README.md", "docs/**", "test/**", "src/**", "tools/**", "assets/**", ".github/**", ".ci/**", "node_modules/**", "*.building-*/**", "*.old-*/**", ".cache/**"];
  for (const glob of notPages) {
    eleventyConfig.ignores.add(glob);
  }

  eleventyConfig.addPlugin(HtmlBasePlugin);
  eleventyConfig.addPlugin(filtersPlugin, { site, base });
  eleventyConfig.addPlugin(releasesPlugin, { source, archive: pages.archive });
  eleventyConfig.addPlugin(pagesPlugin, { templates, archive: pages.archive });
  eleventyConfig.addPlugin(assetsPlugin, { root, site, source, base });
  eleventyConfig.addPlugin(feedsPlugin, { site, source, base, archive: pages.archive });
  eleventyConfig.addPlugin(imagesPlugin, { site, source, base });
  eleventyConfig.addPlugin(mediaPlugin, { site, source, base });
  eleventyConfig.addPlugin(searchPlugin, { site, source, root });
  if (options.preview) eleventyConfig.addPlugin(devErrorsPlugin, { source, templates });
}

/**
 * UI strings per language from `templates/i18n/<lang>.json`; a language without a file uses
 * English. A file that is not JSON stops the build at its line (it is not served as English).
 */
function loadStrings(templates: string, languages: string[]): Record<string, Record<string, string>> {
  const read = (lang: string) => {
    const file = path.join(templates, "i18n", `${lang}.json`);
    return existsSync(file) ? (readJsonFile(file, process.cwd()) as Record<string, string>) : undefined;
  };
  const english = read("en");
  return Object.fromEntries(languages.map((lang) => [lang, { ...english, ...read(lang) }]));
}
