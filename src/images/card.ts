import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import sharp from "sharp";
import { escapeHtml } from "../util/html.ts";
import { oneAtATime } from "./limit.ts";

/** Size of Open Graph images: what Facebook, X, LinkedIn and WhatsApp crop least. */
export const OG_SIZE = { width: 1200, height: 630 } as const;

const require = createRequire(import.meta.url);
/**
 * Noto Naskh Arabic as TrueType (sharp's text renderer cannot read WOFF2). The family name
 * passed with it must be the one inside the file: a wrong one silently falls back to another face.
 */
export const CARD_FONTS = {
  regular: { file: require.resolve("@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf"), family: "Noto Naskh Arabic" },
  bold: { file: require.resolve("@expo-google-fonts/noto-naskh-arabic/700Bold/NotoNaskhArabic_700Bold.ttf"), family: "Noto Naskh Arabic Bold" },
};

/** What a card shows. */
export interface CardInput {
  title: string;
  dir: "rtl" | "ltr";
  /** Site name, beside the logo. */
  siteName: string;
  /** Host name printed at the bottom, e.g. `news.example.org`. */
  host: string;
  /** Theme colour: the bar at the bottom and the site name. */
  accent: string;
  /** Logo file (SVG, PNG or JPEG), or none. */
  logo?: string;
}

const PAD = 72;
const INK = "#1d2321";
const MUTED = "#55605c";
const PAPER = "#fdfcf9";
const TITLE_BOX = { top: 184, height: 296 };
/** Title size limits in pixels: short titles stay at the largest, long ones shrink to fit the box. */
const TITLE_PX = { max: 68, min: 34 };

/**
 * Draws a 1200×630 PNG card: logo and site name at the top, the title in Noto Naskh Arabic Bold,
 * aligned to the start side of its language (right for Arabic), the host name and a theme-coloured bar at the bottom.
 */
export async function drawCard(input: CardInput): Promise<Buffer> {
  const title = await within(await fitTitle(input.title, OG_SIZE.width - 2 * PAD), OG_SIZE.width - 2 * PAD, TITLE_BOX.height);
  const top = TITLE_BOX.top + Math.round((TITLE_BOX.height - title.height) / 2);
  const pixels = Buffer.from(await background(input));
  paint(pixels, title, { top, left: startEdge(input.dir, title.width) }, await rgb(INK));
  // No palette quantisation and no adaptive filtering: both cost ten times the drawing for a few kilobytes.
  return sharp(pixels, { raw: { ...OG_SIZE, channels: 3 } })
    .png({ compressionLevel: 6, adaptiveFiltering: false })
    .toBuffer();
}

/** Left offset of a block of `width` pixels set against the start side: right for Arabic, left for English. */
function startEdge(dir: "rtl" | "ltr", width: number): number {
  return dir === "rtl" ? OG_SIZE.width - PAD - width : PAD;
}

// Everything but the title is the same on every card of a site and direction: drawn once.
const backgrounds = new Map<string, Promise<Buffer>>();
function background(input: CardInput): Promise<Buffer> {
  const key = JSON.stringify([input.dir, input.siteName, input.host, input.accent, input.logo]);
  if (!backgrounds.has(key)) backgrounds.set(key, drawBackground(input));
  return backgrounds.get(key)!;
}

/** Logo and site name at the top, host name and bar at the bottom, as raw RGB pixels. */
async function drawBackground(input: CardInput): Promise<Buffer> {
  const rtl = input.dir === "rtl";
  const inner = OG_SIZE.width - 2 * PAD;
  const layers: sharp.OverlayOptions[] = [];
  let brandInset = 0;
  if (input.logo) {
    const logo = await sharp(readFileSync(input.logo), { density: 300 }).resize(88, 88, { fit: "contain", background: "#0000" }).png().toBuffer();
    layers.push({ input: logo, top: PAD - 8, left: startEdge(input.dir, 88) });
    brandInset = 88 + 24;
  }
  const bar = await sharp({ create: { width: OG_SIZE.width, height: 14, channels: 3, background: input.accent } })
    .png()
    .toBuffer();
  layers.push({ input: bar, top: OG_SIZE.height - 14, left: 0 });
  const pixels = await sharp({ create: { ...OG_SIZE, channels: 3, background: PAPER } })
    .composite(layers)
    .removeAlpha()
    .raw()
    .toBuffer();
  const name = await text(input.siteName, { font: CARD_FONTS.bold, px: 34, width: inner - brandInset });
  paint(
    pixels,
    name,
    { top: PAD + 36 - Math.round(name.height / 2), left: rtl ? startEdge(input.dir, name.width) - brandInset : PAD + brandInset },
    await rgb(input.accent),
  );
  const host = await text(input.host, { font: CARD_FONTS.regular, px: 26, width: inner });
  paint(pixels, host, { top: OG_SIZE.height - PAD - host.height + 8, left: startEdge(input.dir, host.width) }, await rgb(MUTED));
  return pixels;
}

/** Text as Pango draws it without colour: one byte of ink coverage per pixel, row by row. */
interface Mask {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Inks `mask` in `colour` onto raw RGB `pixels` of card size. Blending here costs a millisecond;
 * libvips' composite of a coloured text image over the whole card cost ten.
 */
function paint(pixels: Buffer, mask: Mask, at: { top: number; left: number }, colour: readonly number[]): void {
  for (let y = 0; y < mask.height; y++) {
    const row = (at.top + y) * OG_SIZE.width + at.left;
    for (let x = 0; x < mask.width; x++) {
      const ink = mask.data[y * mask.width + x];
      if (ink === 0) continue;
      const pixel = (row + x) * 3;
      for (let channel = 0; channel < 3; channel++) {
        const paper = pixels[pixel + channel];
        pixels[pixel + channel] = paper + Math.round(((colour[channel] - paper) * ink) / 255);
      }
    }
  }
}

/** A CSS colour as red, green and blue bytes, read the way sharp reads it. */
async function rgb(colour: string): Promise<readonly number[]> {
  return [
    ...(await sharp({ create: { width: 1, height: 1, channels: 3, background: colour } })
      .raw()
      .toBuffer()),
  ];
}

/**
 * The title as large as fits the title box: one render at the largest size, a second one
 * (libvips picks the size that fills the box) only if it overflows, and for an overlong title
 * the start of it at the smallest size, cut at a word.
 */
async function fitTitle(title: string, width: number): Promise<Mask> {
  const style = { font: CARD_FONTS.bold, width };
  const largest = await text(title, { ...style, px: TITLE_PX.max });
  if (largest.height <= TITLE_BOX.height) return largest;
  const fitted = await text(title, { ...style, px: TITLE_PX.max, boxHeight: TITLE_BOX.height });
  if (fitted.px >= TITLE_PX.min) return fitted;
  const smallest = await text(clip(title, 200), { ...style, px: TITLE_PX.min });
  if (smallest.height <= TITLE_BOX.height) return smallest;
  return { data: smallest.data.subarray(0, smallest.width * TITLE_BOX.height), width: smallest.width, height: TITLE_BOX.height };
}

/** The mask scaled down to fit `width`×`height` if it does not (Pango could not break the text). */
async function within(mask: Mask, width: number, height: number): Promise<Mask> {
  if (mask.width <= width && mask.height <= height) return mask;
  const { data, info } = await sharp(mask.data, { raw: { width: mask.width, height: mask.height, channels: 1 } })
    .resize(width, height, { fit: "inside" })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Pango sizes are points at a given dpi: 10 pt at 72 dpi is 10 px. */
const POINTS = 10;

type Font = (typeof CARD_FONTS)[keyof typeof CARD_FONTS];

// Handing libvips the font file costs about 20 ms a call; once it is registered with
// fontconfig (process-wide), the family name alone finds it.
const registered = new Map<Font, Promise<unknown>>();
function register(font: Font): Promise<unknown> {
  if (!registered.has(font))
    registered.set(
      font,
      oneTextAtATime(() =>
        sharp({ text: { text: "ب", font: font.family, fontfile: font.file } })
          .raw()
          .toBuffer(),
      ),
    );
  return registered.get(font)!;
}

// libvips' text rendering is not safe on two threads at once: a first build drawing 10,000 cards
// four at a time died once with SIGFPE inside libvips' font tables (g_hash_table, the race of
// sharp issue #4401). Text images are made one at a time; the rest of a card is not.
const oneTextAtATime = oneAtATime();

/** One block of text as an ink mask, wrapped at `width`; with `boxHeight`, scaled to fill that box. */
async function text(content: string, options: { font: Font; px: number; width: number; boxHeight?: number }): Promise<Mask & { px: number }> {
  await register(options.font);
  const { data, info } = await oneTextAtATime(() =>
    sharp({
      text: {
        // The closing tag makes a title that C cuts short (at a NUL) invalid markup, not a silently shorter card.
        text: `<span>${escapeHtml(content)}</span>`,
        font: `${options.font.family} ${POINTS}`,
        width: options.width,
        height: options.boxHeight,
        dpi: options.boxHeight ? undefined : Math.round((options.px * 72) / POINTS),
        // A word wider than the box (a tender number, an address) is broken between letters.
        wrap: "word-char",
        // Pango mirrors alignment in right-to-left paragraphs: "left" is the start side of either direction.
        align: "left",
      },
    })
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true }),
  );
  const px = info.textAutofitDpi ? (info.textAutofitDpi * POINTS) / 72 : options.px;
  return { data, width: info.width, height: info.height, px };
}

/** Cuts a very long title at a word boundary and marks the cut. */
function clip(title: string, characters: number): string {
  if (title.length <= characters) return title;
  return `${title.slice(0, characters).replace(/\s+\S*$/, "")}…`;
}
