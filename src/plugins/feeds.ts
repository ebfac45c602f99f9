import type { EleventyConfig } from "@11ty/eleventy";
import type { Site } from "../config.ts";
import type { Source } from "../site/source.ts";

/** Placeholder: filled in by the feeds work. */
export function feedsPlugin(_eleventyConfig: EleventyConfig, _options: { site: Site; source: Source; base: string }) {}
