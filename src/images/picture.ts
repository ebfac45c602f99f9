import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import eleventyImage, { type ImageStat } from "@11ty/eleventy-img";
import sharp from "sharp";
import { hashOf } from "../util/hash.ts";
import { isSealed, writeSealed } from "./cache.ts";

/** What `release-image.njk` needs to write a responsive `<picture>`. */
export interface Picture {
  /** Modern formats, best first: `image/avif`, then `image/webp`. */
  sources: Array<{ type: string; srcset: string }>;
  /** The JPEG every browser can show, with the intrinsic size of its largest width. */
  img: { src: string; srcset: string; width: number; height: number };
  alt: string;
}

/** Widths for a column about 44rem wide at 1× and 2×, and phones; smaller sources are never enlarged. */
export const PICTURE_WIDTHS = [480, 800, 1200];
const FORMATS = ["avif", "webp", "jpeg"];

// eleventy-img's caches miss on a second build in the same process (it remembers that the
// outputs did not exist before the first), so watch rebuilds keep results here.
const resized = new Map<string, Promise<Record<string, ImageStat[]>>>();

/**
 * Resizes one image into AVIF, WebP and JPEG at `PICTURE_WIDTHS`, kept in `cacheDir` under
 * content-hashed names with a manifest by the source's bytes, so an unchanged image is processed
 * once. Every entry is checked before it is reused (see `isSealed`) and made again when it is not
 * what was written. Returns the `<picture>` data (URLs under `/img/`) and the files to publish.
 */
export async function makePicture(file: string, alt: string, cacheDir: string): Promise<{ picture: Picture; files: string[] }> {
  const { size, mtimeMs } = statSync(file);
  const key = JSON.stringify([file, size, mtimeMs, cacheDir]);
  // Outputs remembered from an earlier build of this process are checked like any cache entry.
  if (
    resized.has(key) &&
    !Object.values(await resized.get(key)!)
      .flat()
      .every((stat) => isSealed(stat.outputPath))
  )
    resized.delete(key);
  if (!resized.has(key)) {
    // A failure is not remembered: the next build tries again once the file is fixed.
    resized.set(
      key,
      resize(file, cacheDir).catch((error: unknown) => {
        resized.delete(key);
        throw error;
      }),
    );
  }
  const stats = await resized.get(key)!;
  const srcset = (format: string) => stats[format].map((stat) => `${stat.url} ${stat.width}w`).join(", ");
  const largest = stats.jpeg[stats.jpeg.length - 1];
  return {
    picture: {
      sources: ["avif", "webp"].map((format) => ({ type: stats[format][0].sourceType, srcset: srcset(format) })),
      img: { src: largest.url, srcset: srcset("jpeg"), width: largest.width, height: largest.height },
      alt,
    },
    files: Object.values(stats)
      .flat()
      .map((stat) => stat.outputPath),
  };
}

const RESIZE_OPTIONS = {
  widths: PICTURE_WIDTHS,
  formats: FORMATS,
  urlPath: "/img/",
  fixOrientation: true,
  sharpJpegOptions: { quality: 80, mozjpeg: true },
  sharpWebpOptions: { quality: 78 },
  // AVIF's default effort (4) takes about 9 s a photo on two cores; effort 1 about 1 s,
  // and its files are still smaller than the WebP ones.
  sharpAvifOptions: { quality: 50, effort: 1 },
};

/** The outputs of one image, from the cache when every one of them is sound, else made again. */
async function resize(file: string, cacheDir: string): Promise<Record<string, ImageStat[]>> {
  const manifest = path.join(cacheDir, `${hashOf("picture", sharp.versions.vips, JSON.stringify(RESIZE_OPTIONS), readFileSync(file))}.json`);
  if (isSealed(manifest)) {
    const stats = JSON.parse(readFileSync(manifest, "utf8")) as Record<string, ImageStat[]>;
    if (
      Object.values(stats)
        .flat()
        .every((stat) => isSealed(stat.outputPath))
    )
      return stats;
  }
  // eleventy-img's own cache only checks that an output exists: it writes nothing here, we do.
  // One format at a time (eleventy-img otherwise runs all nine outputs at once): three AVIF
  // encodes of a photo side by side take about 185 MB, and what libvips' threads took stays in
  // the process's memory until it ends. File names do not depend on the formats asked for.
  const stats: Record<string, ImageStat[]> = {};
  for (const format of FORMATS)
    Object.assign(stats, await eleventyImage(file, { ...RESIZE_OPTIONS, formats: [format], outputDir: cacheDir, dryRun: true, useCache: false }));
  for (const stat of Object.values(stats).flat()) {
    stat.outputPath = path.join(cacheDir, stat.filename);
    await writeSealed(stat.outputPath, stat.buffer!);
    delete stat.buffer;
  }
  await writeSealed(manifest, Buffer.from(JSON.stringify(stats)));
  return stats;
}
