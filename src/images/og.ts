import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { cachedFile, hashOf } from "./cache.ts";
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
  const drawing = readFileSync(path.join(import.meta.dirname, "card.ts"));
  return hashOf(drawing, sharp.versions.vips, logo ? readFileSync(logo) : "", readFileSync(CARD_FONTS.regular.file), readFileSync(CARD_FONTS.bold.file));
}

/** A card for a page without a photo; drawn once per distinct input, then taken from the cache. */
export async function cardFile(input: CardInput, fingerprint: string, cacheDir: string): Promise<{ file: string; made: boolean }> {
  const key = hashOf(fingerprint, input.title, input.dir, input.siteName, input.host, input.accent);
  return cachedFile(cacheDir, key, "png", () => drawCard(input));
}
