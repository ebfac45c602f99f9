import type { EleventyConfig } from "@11ty/eleventy";
import { loadSite } from "./src/config.ts";
import bayan from "./src/index.ts";
import { optionsFromEnv } from "./src/options.ts";

const site = loadSite("templates/site.json");

export default function (eleventyConfig: EleventyConfig) {
  eleventyConfig.addPlugin(bayan, { site, releases: "releases", ...optionsFromEnv() });
}

export const config = {
  dir: {
    input: ".",
    includes: "templates",
    layouts: "templates/layouts",
    data: "templates/_data",
  },
  pathPrefix: site.pathPrefix,
  templateFormats: ["njk"],
  // Releases are text, never templates: `{{ 7*7 }}` in a release stays `{{ 7*7 }}`.
  markdownTemplateEngine: false,
  htmlTemplateEngine: "njk",
};
