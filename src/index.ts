import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { HtmlBasePlugin, type EleventyConfig } from "@11ty/eleventy";
import { DEFAULT_TEMPLATES, defaultTemplatesDigest, firstHolding, globFrom, layered } from "./defaults.ts";
import { resolveOptions, type BayanOptions } from "./options.ts";
import { auditPlugin, type AfterBuild, type AfterBuildSteps } from "./plugins/audit.ts";
import { assetsPlugin } from "./plugins/assets.ts";
import { defaultTemplatesPlugin } from "./plugins/defaults.ts";
import { devErrorsPlugin } from "./plugins/dev-errors.ts";
import { feedsPlugin } from "./plugins/feeds.ts";
import { imagesPlugin } from "./plugins/images.ts";
import { filtersPlugin } from "./plugins/filters.ts";
import { pagesToRender } from "./plugins/page-cache.ts";
import { pagesPlugin } from "./plugins/pages.ts";
import { releasesPlugin } from "./plugins/releases.ts";
import { searchPlugin } from "./plugins/search.ts";
import { createSource } from "./site/source.ts";

export type { BayanOptions } from "./options.ts";
export { loadSite, type Site } from "./config.ts";
export { buildSite, type BuildOptions, type BuildResult } from "./site/build.ts";

/**
 * The Bayan plugin: release files → newsroom site. Wires the sub-plugins; each does one job.
 * Its paths come from the options and Eleventy's folders, never from the working folder; its
 * templates are the site's (option `templates`, default `bayan/` in Eleventy's includes folder)
 * where it has them, else the package's (see plugins/defaults.ts).
 *
 * @example eleventyConfig.addPlugin(bayan, { site: loadSite("site.json") })
 */
export default function bayan(eleventyConfig: EleventyConfig, userOptions: BayanOptions) {
  eleventyConfig.versionCheck(">=3.1");
  const options = resolveOptions(userOptions);
  const { site } = options;
  const { directories } = eleventyConfig;
  const root = path.resolve(options.root ?? directories.input);
  const folders = layered(options.templates ?? path.join(directories.includes, "bayan"), DEFAULT_TEMPLATES);
  const base = new URL(eleventyConfig.pathPrefix.replace(/^\/?/, "/"), `${site.url}/`).href;
  const source = createSource(options, root);

  // Frozen: Eleventy's data cascade passes frozen objects through as they are. Unfrozen ones it
  // copies into each template's data and, on paginated pages, wraps in a new proxy at every read.
  // One global, `bayan` (its `site`, `i18n` and `newsroom`), and filters named `bayan…`: nothing of a host site's is shadowed.
  const siteData = Object.freeze({ ...site, base, pathPrefix: eleventyConfig.pathPrefix, preview: options.preview });
  const i18n = Object.freeze(loadStrings(folders, site.languages));
  // The page cache hashes the site's own templates; with the defaults beside them, those count too.
  const templates = folders.find((folder) => existsSync(folder)) ?? DEFAULT_TEMPLATES;
  const made = templates === DEFAULT_TEMPLATES ? siteData : { ...siteData, defaults: defaultTemplatesDigest() };
  const toRender = pagesToRender(eleventyConfig, { root, templates, site: made });
  eleventyConfig.addGlobalData("bayan", async () => {
    const { newsroom } = await source.get();
    const shown = Object.freeze({ ...newsroom, ...toRender(newsroom), sectionByLang: Object.fromEntries(newsroom.sections.map((s) => [s.lang, s])) });
    return Object.freeze({ site: siteData, i18n, newsroom: shown });
  });
  // What Bayan itself writes: builds in progress and previous outputs being deleted (see site/build.ts), the preview and caches.
  // And its releases, never pages of a host site's (a host renders `.md` files).
  for (const glob of ["*.building-*/**", "*.old-*/**", ".cache/**", `${options.releases.replace(/\/+$/, "")}/**`]) eleventyConfig.ignores.add(globFrom(root, glob));

  eleventyConfig.addPlugin(defaultTemplatesPlugin, { folders, layouts: path.resolve(directories.layouts ?? directories.includes) });
  eleventyConfig.addPlugin(HtmlBasePlugin);
  eleventyConfig.addPlugin(filtersPlugin, { site, base });
  eleventyConfig.addPlugin(releasesPlugin, { source });
  eleventyConfig.addPlugin(pagesPlugin, { folders });
  eleventyConfig.addPlugin(assetsPlugin, { root, site, source, base });
  eleventyConfig.addPlugin(feedsPlugin, { site, source, base, folders });
  eleventyConfig.addPlugin(imagesPlugin, { site, source, base, root });
  const after: AfterBuildSteps = { steps: [], audited: new Map() };
  eleventyConfig.addPlugin(searchPlugin, { site, source, after });
  eleventyConfig.addPlugin(auditPlugin, { root, site, source, after });
  eleventyConfig.on("eleventy.after", async (event: AfterBuild) => {
    for (const step of after.steps) await step(event);
  });
  if (options.preview) eleventyConfig.addPlugin(devErrorsPlugin, { source, folders });
}

/** UI strings per language from `i18n/<lang>.json` of the site's templates or the defaults; a language without a file uses English. */
function loadStrings(folders: string[], languages: string[]): Record<string, Record<string, string>> {
  const read = (lang: string) => JSON.parse(readFileSync(firstHolding(folders, `i18n/${lang}.json`) ?? "", "utf8"));
  const english = read("en");
  return Object.fromEntries(
    languages.map((lang) => {
      try {
        return [lang, { ...english, ...read(lang) }];
      } catch {
        return [lang, english];
      }
    }),
  );
}
