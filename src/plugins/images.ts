import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import type { Site } from "../config.ts";
import { formatDiagnostic } from "../diagnostics.ts";
import { buildImages, type ImageSet } from "../images/build.ts";
import { publishFiles } from "../util/files.ts";
import type { OgImage } from "../images/og.ts";
import type { Picture } from "../images/picture.ts";
import type { Release } from "../release/model.ts";
import { outputPath } from "../release/url.ts";
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
  /** The build's cache folder, `buildSite`'s (a temporary one when `.cache/` cannot be written). Default: `.cache/` of `root`. */
  cacheDir?: string;
}

/**
 * Release images and Open Graph images. Before each build, every shown release's `image` is
 * made into AVIF/WebP/JPEG widths and a 1200×630 crop, and every release without one gets a
 * drawn card; all are cached in `.cache/` and published into the output. A card takes about 15 ms
 * of CPU to draw the first time, so the site option `ogCards` draws cards for the newest 500 only
 * by default (the others share their language's site card); `true` draws all, `false` none.
 * Templates read them as:
 *
 * - `release.ogImage` → `OgImage | undefined` on release pages (set on the loaded releases);
 * - `releasePicture(url)` → `Picture | undefined`, for `partials/release-image.njk`;
 * - `ogImageFor(url, lang)` → `OgImage | undefined`: the release's image or card, else the
 *   language's site card (home, lists, search);
 * - `site.logo | feedLogo` → `{ url, width, height } | undefined`: the logo as a PNG for RSS `<image>`.
 */
export function imagesPlugin(eleventyConfig: EleventyConfig, { site, source, base, root = process.cwd(), cacheDir }: ImagesOptions) {
  let images: ImageSet | undefined;
  let newestBefore: string | undefined;
  eleventyConfig.on("eleventy.before", async ({ directories, outputMode }: { directories: { output: string }; outputMode: string }) => {
    const { newsroom, changes } = await source.get();
    // A watch rebuild after release edits (npm start): only the edited releases' images can have
    // changed, and the others are already in the output, unless the edit moved which releases are
    // the newest `ogCards` (then everything is worked out again).
    const newest = newestCards(newsroom.releases, site.ogCards);
    const incremental = changes && images && newest === newestBefore;
    newestBefore = newest;
    const edited = incremental ? newsroom.releases.filter((release) => changes.releaseUrls.has(release.url)) : undefined;
    const only = edited && new Set(edited.map((release) => release.url));
    const made = await buildImages(newsroom.releases, newsroom.sections, { site, root, base, cards: site.ogCards, cacheDir, only });
    images = edited && images ? merged(images, made, edited) : made;
    for (const warning of made.warnings) console.warn(formatDiagnostic(warning));
    // `seo.njk` reads `release.ogImage`: set on the loaded releases before any page renders.
    for (const release of newsroom.releases) release.ogImage = images.releaseCards.get(release.url);
    // JSON output (tests, `check`) writes no files; only the file system output gets copies.
    if (outputMode !== "fs") return;
    const output = path.resolve(root, directories.output);
    publishFiles(Array.from(made.files, ([url, file]) => [file, path.join(output, ...outputPath(url).split("/"))] as const));
  });
  eleventyConfig.addFilter("bayanReleasePicture", (url: string): Picture | undefined => images?.pictures.get(url));
  eleventyConfig.addFilter("bayanFeedLogo", (logo: string | undefined) => (logo ? images?.feedLogo : undefined));
  eleventyConfig.addFilter(
    "bayanOgImageFor",
    (url: string, lang?: string): OgImage | undefined => images?.releaseCards.get(url) ?? (lang ? images?.siteCards.get(lang) : undefined),
  );
}

/** The releases that get a card of their own with `ogCards: N`, as one string to compare between builds. */
function newestCards(releases: Release[], cards: boolean | number): string {
  return typeof cards === "number"
    ? releases
        .slice(0, cards)
        .map((release) => release.url)
        .join("\n")
    : String(cards);
}

/** The previous build's images with those of the edited releases (and the site cards) made again. */
function merged(previous: ImageSet, made: ImageSet, edited: Release[]): ImageSet {
  const pictures = new Map(previous.pictures);
  const releaseCards = new Map(previous.releaseCards);
  for (const { url } of edited) pictures.delete(url), releaseCards.delete(url); // a photo may have been removed
  for (const [url, picture] of made.pictures) pictures.set(url, picture);
  for (const [url, card] of made.releaseCards) releaseCards.set(url, card);
  // `files` stays this build's: the previous ones are already in the output.
  return { ...made, pictures, releaseCards };
}
