import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import nunjucks from "nunjucks";
import { firstHolding } from "../defaults.ts";

/** Bayan's templates are named under this prefix (`bayan/partials/header.njk`), its layouts too (`bayan/base.njk`). */
const PREFIX = "bayan/";
const LAYOUTS = ["base.njk", "release.njk"];

/**
 * Nunjucks' file loader for the names under `bayan/` only, looked up in the site's own templates
 * first, then Bayan's: a host site's `partials/header.njk` is never taken for Bayan's, nor Bayan's for the host's.
 */
class BayanLoader extends nunjucks.FileSystemLoader {
  declare pathsToNames: Record<string, string>;
  getSource(name: string): nunjucks.LoaderSource {
    // Nunjucks asks the next loader on null (its types do not say so).
    if (!name.startsWith(PREFIX)) return null as unknown as nunjucks.LoaderSource;
    const source = super.getSource(name.slice(PREFIX.length));
    // Under the name it is cached by, so Eleventy's watcher forgets the right entry when the file changes.
    if (source) this.pathsToNames[source.path] = name;
    return source;
  }
}

/** A Nunjucks loader as Eleventy's environment holds them (`cache` is set by the environment at its start). */
interface Loader {
  cache?: Record<string, unknown>;
}

/**
 * Bayan's templates as the fallback of the site's own (`folders`: the site's first, the defaults
 * last): a template the site does not have comes from the package. Includes go through a loader
 * added to Eleventy's Nunjucks; a layout is an alias of the first file found. Overrides are
 * looked up at start-up: a file added while `bayan start` runs shows after a restart.
 */
export function defaultTemplatesPlugin(eleventyConfig: EleventyConfig, { folders, layouts }: { folders: string[]; layouts: string }) {
  eleventyConfig.on("eleventy.engine.njk", ({ environment }: { environment: { loaders: Loader[] } }) => {
    const loader = new BayanLoader(folders) as Loader;
    loader.cache = {};
    environment.loaders.push(loader);
  });
  for (const layout of LAYOUTS) {
    const file = firstHolding(
      folders.map((folder) => path.join(folder, "layouts")),
      layout,
    );
    // Eleventy joins an alias to the layouts folder: the file, relative to it.
    if (file) eleventyConfig.addLayoutAlias(PREFIX + layout, path.relative(layouts, file).split(path.sep).join("/"));
  }
}
