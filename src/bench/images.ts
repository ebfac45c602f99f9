import type { Random } from "./random.ts";

const TILE = { width: 32, height: 20 };

/**
 * A photo-like 1600×1000 JPEG: a small random tile scaled up, so it has smooth gradients that
 * compress like a photo, unlike a flat colour (too easy) or noise (too hard).
 * sharp comes with `@11ty/eleventy-img`.
 */
export async function writeImage(random: Random): Promise<Buffer> {
  const { default: sharp } = await import("sharp");
  const pixels = Buffer.alloc(TILE.width * TILE.height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = random.int(0, 255);
  return sharp(pixels, { raw: { ...TILE, channels: 3 } })
    .resize(1600, 1000, { kernel: "cubic" })
    .jpeg({ quality: 82 })
    .toBuffer();
}
