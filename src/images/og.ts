import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { hashOf } from "../util/hash.ts";
import { cachedFile } from "./cache.ts";
import { CARD_FONTS, drawCard, OG_SIZE, type CardInput } from "./card.ts";

/** The Open Graph image of a page, as `seo.njk` reads it through the `ogImageFor` filter. */
export interface OgImage {
  /** Site-relative URL without the path prefix, like `release.url`: `/og/releases/2026/11/budget.png`. */
  url: string;
  /** The same with the site's base URL (and path prefix): what `og:image` needs. */
  absoluteUrl: string;
  width: number;
  height: number;
  type: "image/png" | "image/jpeg";
  /** Text for `og:image:alt`: the release's `imageAlt`, or the title drawn on the card. */
  alt: string;
}

/**
 * Where the Open Graph image of a page is published: its URL path under `/og/`, with an extension.
 * @example ogPath("/releases/2026/11/budget/", "png") // → "/og/releases/2026/11/budget.png"
 */
export function ogPath(pageUrl: string, extension: "png" | "jpg"): string {
  const trimmed = pageUrl.replace(/^\/+|\/+$/g, "");
  return `/og/${trimmed || "index"}.${extension}`;
}

const CROP_VERSION = "1";

/** The release photo cropped to 1200×630 around its most interesting part; cached by content. */
export async function cropPhoto(file: string, cacheDir: string): Promise<string> {
  const bytes = readFileSync(file);
  const { file: cached } = await cachedFile(cacheDir, hashOf(CROP_VERSION, bytes), "jpg", () =>
    sharp(bytes)
      .rotate()
      .resize({ ...OG_SIZE, fit: "cover", position: sharp.strategy.attention })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer(),
  );
  return cached;
}

/**
 * What every card of a build shares and a cache key must include: the drawing code itself (a
 * version number someone must remember to bump once let stale cards through), the image
 * library's version, the logo's bytes and the fonts' bytes.
 */
export function cardFingerprint(logo: string | undefined): string {
  const drawing = readFileSync(path.join(import.meta.dirname, `card${path.extname(import.meta.filename)}`)); // card.js in the package
  return hashOf(drawing, sharp.versions.vips, logo ? readFileSync(logo) : "", readFileSync(CARD_FONTS.regular.file), readFileSync(CARD_FONTS.bold.file));
}

/** A card for a page without a photo; drawn once per distinct input, then taken from the cache. */
export async function cardFile(input: CardInput, fingerprint: string, cacheDir: string): Promise<{ file: string; made: boolean }> {
  const key = hashOf(fingerprint, input.title, input.dir, input.siteName, input.host, input.accent);
  return cachedFile(cacheDir, key, "png", () => drawCard(input));
}

/** The logo in RSS `<image>`: RSS 2.0 allows GIF, JPEG or PNG, at most 144 pixels wide. */
const FEED_LOGO_SIZE = 144;

/**
 * The site logo (usually SVG) as a PNG that fits 144×144, for RSS `<image>`; cached by the logo's
 * bytes. A vector logo is drawn at that size; a smaller raster logo is not enlarged.
 */
export async function feedLogo(file: string, cacheDir: string): Promise<{ file: string; width: number; height: number }> {
  const bytes = readFileSync(file);
  const { file: cached } = await cachedFile(cacheDir, hashOf("feed-logo", sharp.versions.vips, bytes), "png", async () => {
    const { width = FEED_LOGO_SIZE, height = FEED_LOGO_SIZE } = await sharp(bytes).metadata();
    const density = Math.max(72, Math.min(2400, (72 * FEED_LOGO_SIZE) / Math.max(width, height)));
    return sharp(bytes, { density }).resize(FEED_LOGO_SIZE, FEED_LOGO_SIZE, { fit: "inside", withoutEnlargement: true }).png().toBuffer();
  });
  const { width, height } = await sharp(cached).metadata();
  return { file: cached, width: width!, height: height! };
}
