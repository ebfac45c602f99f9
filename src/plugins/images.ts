import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import type { Site } from "../config.ts";
import { buildImages, type ImageSet } from "../images/build.ts";
import { publishFile } from "../images/cache.ts";
import type { OgImage } from "../images/og.ts";
import type { Picture } from "../images/picture.ts";
import type { Source } from "../site/source.ts";

export type { OgImage } from "../images/og.ts";
export type { Picture } from "../images/picture.ts";

/** Options of the images plugin. */
export interface ImagesOptions {
  site: Site;
  source: Source;
  /** Base URL with the path prefix. */
  base: string;
  /** Project folder. Default: the working directory (the build runs from the project). */
  root?: string;
}

/**
 * Release images and Open Graph images. Before each build, every shown release's `image` is
 * made into AVIF/WebP/JPEG widths and a 1200×630 crop, and every release without one gets a
 * drawn card (the site option `ogCards` limits that: see `cardsWanted`); all are cached in
 * `.cache/` and published into the output. Templates read them as:
 *
 * - `release.ogImage` → `OgImage | undefined` on release pages (set on the loaded releases);
 * - `releasePicture(url)` → `Picture | undefined`, for `partials/release-image.njk`;
 * - `ogImageFor(url, lang)` → `OgImage | undefined`: the release's image or card, else the
 *   language's site card (home, lists, search).
 */
export function imagesPlugin(eleventyConfig: EleventyConfig, { site, source, base, root = process.cwd() }: ImagesOptions) {
  let images: ImageSet | undefined;
  eleventyConfig.on("eleventy.before", async ({ directories, outputMode }: { directories: { output: string }; outputMode: string }) => {
    const { newsroom } = await source.get();
    images = await buildImages(newsroom.releases, newsroom.sections, { site, root, base, cards: cardsWanted(site) });
    // `seo.njk` reads `release.ogImage`: set on the loaded releases before any page renders.
    for (const release of newsroom.releases) release.ogImage = images.releaseCards.get(release.url);
    // JSON output (tests, `check`) writes no files; only the file system output gets copies.
    if (outputMode !== "fs") return;
    const output = path.resolve(root, directories.output);
    for (const [url, file] of images.files) publishFile(file, path.join(output, ...url.split("/")));
  });
  eleventyConfig.addFilter("releasePicture", (url: string): Picture | undefined => images?.pictures.get(url));
  eleventyConfig.addFilter("ogImageFor", (url: string, lang?: string): OgImage | undefined =>
    images?.releaseCards.get(url) ?? (lang ? images?.siteCards.get(lang) : undefined),
  );
}

/**
 * The site option `ogCards`: `true` (default) draws a card for every release without a photo,
 * a number only for the newest N, `false` for none; the others share the site card. A card takes
 * 15–30 ms to draw the first time (cached after), so a 10,000-release archive's first build
 * spends minutes on them.
 */
function cardsWanted(site: Site): boolean | number {
  const option = (site as Site & { ogCards?: boolean | number }).ogCards;
  return option ?? true;
}
