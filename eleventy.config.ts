import type { EleventyConfig } from "@11ty/eleventy";
import { loadSite } from "./src/config.ts";
import { projectConfig } from "./src/project.ts";

/**
 * For a plain `npx @11ty/eleventy` run in this repository (with a TypeScript loader, e.g.
 * `node --import tsx node_modules/.bin/eleventy`). `npm run build` and `bayan build` give Eleventy
 * the same config themselves (see src/project.ts), with the clock and the preview flag.
 */
const site = loadSite("templates/site.json");

export default function (eleventyConfig: EleventyConfig) {
  projectConfig({ site, root: import.meta.dirname })(eleventyConfig);
}

export const config = {
  pathPrefix: site.pathPrefix,
  // Releases are text, never templates: `{{ 7*7 }}` in a release stays `{{ 7*7 }}`.
  markdownTemplateEngine: false,
  htmlTemplateEngine: "njk",
};
