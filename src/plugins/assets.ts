import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import type { Site } from "../config.ts";
import { BrokenPhoto, stripPhoto } from "../media/strip.ts";
import { sniff } from "../media/sniff.ts";
import { publishedAssets } from "../site/asset-files.ts";
import type { Source } from "../site/source.ts";

/** Font files copied from their npm packages: Naskh for reading, Sans for the interface. */
export const FONT_FILES = [
  "noto-naskh-arabic/files/noto-naskh-arabic-arabic-400-normal.woff2",
  "noto-naskh-arabic/files/noto-naskh-arabic-arabic-700-normal.woff2",
  "noto-naskh-arabic/files/noto-naskh-arabic-latin-400-normal.woff2",
  "noto-naskh-arabic/files/noto-naskh-arabic-latin-700-normal.woff2",
  "noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2",
  "noto-sans-arabic/files/noto-sans-arabic-arabic-600-normal.woff2",
  "noto-sans-arabic/files/noto-sans-arabic-latin-400-normal.woff2",
  "noto-sans-arabic/files/noto-sans-arabic-latin-600-normal.woff2",
];

/** Options of the assets plugin. */
export interface AssetsOptions {
  /** Project folder. */
  root: string;
  site: Site;
  source: Source;
  /** Base URL with the path prefix: a release's link to its own site's `/assets/…` is a file of the project. */
  base: string;
}

/**
 * Publishes the self-hosted fonts and the files of `assets/` that the site or a shown release
 * uses (see `site/asset-files.ts`), photos without their camera data: the rest of the folder — a
 * photo kept there for a release under embargo, the originals of release images — stays out of the
 * site. Nothing is ever loaded from another site.
 */
export function assetsPlugin(eleventyConfig: EleventyConfig, { root, site, source, base }: AssetsOptions) {
  for (const file of FONT_FILES) {
    eleventyConfig.addPassthroughCopy({ [`${root}/node_modules/@fontsource/${file}`]: `assets/fonts/${file.split("/").pop()}` });
  }
  eleventyConfig.addWatchTarget("assets/");
  eleventyConfig.on("eleventy.before", async ({ directories, outputMode }: { directories: { output: string }; outputMode: string }) => {
    if (outputMode !== "fs") return;
    const { newsroom } = await source.get();
    const output = path.resolve(root, directories.output);
    // Copies, not links: an edit of the published file must never reach the project's own.
    for (const file of publishedAssets(root, site.logo, newsroom.releases, base)) {
      const to = path.join(output, ...file.split("/"));
      mkdirSync(path.dirname(to), { recursive: true });
      writeFileSync(to, withoutCameraData(readFileSync(path.join(root, ...file.split("/")))));
    }
  });
}

/**
 * A file of `assets/` as published: a JPEG or PNG without its EXIF, XMP and GPS (a release may
 * link to a photo as to any file, `[photo](/assets/photos/visit.jpg)`), anything else as it is.
 * A photo too damaged to strip is published as it is, as a browser would still show it.
 */
function withoutCameraData(bytes: Buffer): Uint8Array {
  const format = sniff(bytes);
  if (format !== "jpeg" && format !== "png") return bytes;
  try {
    return stripPhoto(bytes, format).bytes;
  } catch (error) {
    if (error instanceof BrokenPhoto) return bytes;
    throw error;
  }
}
