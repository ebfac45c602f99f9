import { existsSync } from "node:fs";
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
import { mediaPlugin } from "./plugins/media.ts";
import { filtersPlugin } from "./plugins/filters.ts";
import { pagesToRender } from "./plugins/page-cache.ts";
import { pagesPlugin } from "./plugins/pages.ts";
import { releasesPlugin } from "./plugins/releases.ts";
import { searchPlugin } from "./plugins/search.ts";
import { buildContext } from "./build/context.ts";
import type { PageKind } from "./site/shows.ts";
import { createSource } from "./site/source.ts";
import { readJsonFile } from "./util/json.ts";

export type { BayanOptions } from "./options.ts";
export { loadSite, type Site } from "./config.ts";
export { buildSite, type BuildOptions, type BuildResult } from "./build/build.ts";

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
  // `buildSite`'s for its build; else this plugin's own, for every build of its Eleventy (a watch session's rebuilds).
  const context = options.context ?? buildContext();

  // Frozen: Eleventy's data cascade passes frozen objects through as they are. Unfrozen ones it
  // copies into each template's data and, on paginated pages, wraps in a new proxy at every read.
  // One global, `bayan` (its `site`, `i18n` and `newsroom`), and filters named `bayan…`: nothing of a host site's is shadowed.
  const siteData = Object.freeze({ ...site, base, pathPrefix: eleventyConfig.pathPrefix, preview: options.preview });
  const i18n = Object.freeze(loadStrings(folders, site.languages, root));
  // The page cache hashes the site's own templates; with the defaults beside them, those count too.
  const templates = folders.find((folder) => existsSync(folder)) ?? DEFAULT_TEMPLATES;
  const made = templates === DEFAULT_TEMPLATES ? siteData : { ...siteData, defaults: defaultTemplatesDigest() };
  const pages = pagesToRender(eleventyConfig, { root, templates, site: made, pageCache: context.pageCache });
  const bayanData = (newsroom: object) => Object.freeze(Object.assign(new BayanData(), { site: siteData, i18n, newsroom }));
  eleventyConfig.addGlobalData("bayan", async () => bayanData(pages.newsroom((await source.get()).newsroom)));
  /** The `bayan` a kind of page's templates read: its `newsroom` is that kind's view of the archive (see site/shows.ts). */
  const archive = (kind: PageKind) => bayanData(pages.archive(kind));
  // What Bayan itself writes: builds in progress and previous outputs being deleted (see build/build.ts), the preview and caches.
  // And its releases, never pages of a host site's (a host renders `.md` files).
  for (const glob of ["*.building-*/**", "*.old-*/**", ".cache/**", `${options.releases.replace(/\/+$/, "")}/**`])
    eleventyConfig.ignores.add(globFrom(root, glob));

  eleventyConfig.addPlugin(defaultTemplatesPlugin, { folders, layouts: path.resolve(directories.layouts ?? directories.includes) });
  eleventyConfig.addPlugin(HtmlBasePlugin);
  eleventyConfig.addPlugin(filtersPlugin, { site, base });
  eleventyConfig.addPlugin(releasesPlugin, { source, archive });
  eleventyConfig.addPlugin(pagesPlugin, { folders, archive });
  eleventyConfig.addPlugin(assetsPlugin, { root, site, source, base });
  eleventyConfig.addPlugin(feedsPlugin, { site, source, base, folders, archive });
  eleventyConfig.addPlugin(imagesPlugin, { site, source, base, root, cacheDir: context.pageCache?.cacheDir });
  eleventyConfig.addPlugin(mediaPlugin, { site, source, base, root });
  const after: AfterBuildSteps = { steps: [] };
  eleventyConfig.addPlugin(searchPlugin, { site, source, after, context });
  const meanwhile = () => context.pageCache?.prepare();
  eleventyConfig.addPlugin(auditPlugin, { root, site, source, after, context, meanwhile });
  eleventyConfig.on("eleventy.after", async (event: AfterBuild) => {
    for (const step of after.steps) await step(event);
  });
  if (options.preview) eleventyConfig.addPlugin(devErrorsPlugin, { source, folders });
}

/**
 * The `bayan` global and its per-kind views: not a plain object, which Eleventy would merge a
 * kind's `bayan` into (keeping the global's `newsroom`), or copy into each page's data.
 */
class BayanData {}

/**
 * UI strings per language from `i18n/<lang>.json` of the site's templates or the defaults; a
 * language without a file uses English. A file that is not JSON stops the build at its line (it
 * is not served as English).
 */
function loadStrings(folders: string[], languages: string[], root: string): Record<string, Record<string, string>> {
  const read = (lang: string) => {
    const file = firstHolding(folders, `i18n/${lang}.json`);
    return file ? (readJsonFile(file, root) as Record<string, string>) : undefined;
  };
  const english = read("en");
  return Object.fromEntries(languages.map((lang) => [lang, { ...english, ...read(lang) }]));
}
