import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import { globFrom } from "./defaults.ts";
import bayan from "./index.ts";
import type { BayanOptions } from "./options.ts";

/** Files of a project folder that are never pages, whatever they hold (this repository keeps its code and docs beside the site). */
const NOT_PAGES = ["README.md", "docs/**", "test/**", "src/**", "lib/**", "tools/**", "assets/**", ".github/**", ".ci/**", "node_modules/**"];

/**
 * The Eleventy config of a Bayan project as the `bayan` command builds it, handed to Eleventy as
 * `new Eleventy(root, output, { config: projectConfig(options) })`: no config file is read, so a
 * folder holding only `releases/` and `site.json` is a whole project. A site's own templates go
 * in `templates/` (the includes folder), each overriding Bayan's file of the same name.
 */
export function projectConfig(options: BayanOptions & { root: string }) {
  return (eleventyConfig: EleventyConfig) => {
    eleventyConfig.setIncludesDirectory("templates");
    eleventyConfig.setLayoutsDirectory("templates/layouts");
    eleventyConfig.setDataDirectory("templates/_data");
    eleventyConfig.setTemplateFormats(["njk"]);
    for (const glob of NOT_PAGES) eleventyConfig.ignores.add(globFrom(options.root, glob));
    eleventyConfig.addPlugin(bayan, { templates: path.join(options.root, "templates"), ...options });
  };
}
