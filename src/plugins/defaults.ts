import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import { DEFAULT_TEMPLATES, firstHolding } from "../defaults.ts";

/** The layouts Bayan's pages name (`layout:` in their data and front matter). */
const LAYOUTS = ["base.njk", "release.njk"];

/** A Nunjucks loader as Eleventy's environment holds them (`cache` is set by the environment). */
interface Loader {
  cache?: Record<string, unknown>;
}

/**
 * Bayan's templates as the fallback of the site's own (`folders`: the site's first, the defaults
 * last): a template the site does not have comes from the package. Nunjucks looks up includes in
 * a loader added after Eleventy's, which reads the site's includes folder; a layout the site's
 * layouts folder does not have is aliased to the package's file. Overrides are read at start-up:
 * a file added while `bayan start` runs shows after a restart.
 */
export function defaultTemplatesPlugin(eleventyConfig: EleventyConfig, { folders, layouts }: { folders: string[]; layouts: string }) {
  if (!folders.includes(DEFAULT_TEMPLATES)) return;
  if (folders[0] !== DEFAULT_TEMPLATES) {
    eleventyConfig.on("eleventy.engine.njk", ({ nunjucks, environment }: { nunjucks: typeof import("nunjucks"); environment: { loaders: Loader[] } }) => {
      const loader = new nunjucks.FileSystemLoader(DEFAULT_TEMPLATES) as Loader;
      loader.cache = {};
      environment.loaders.push(loader);
    });
  }
  for (const layout of LAYOUTS) {
    const file = firstHolding([layouts, path.join(DEFAULT_TEMPLATES, "layouts")], layout);
    // Eleventy joins an alias to the layouts folder: the package's file, relative to it.
    if (file && path.dirname(file) !== layouts) eleventyConfig.addLayoutAlias(layout, path.relative(layouts, file).split(path.sep).join("/"));
  }
}
