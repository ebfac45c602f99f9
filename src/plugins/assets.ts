import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import type { Site } from "../config.ts";
import { globFrom, PACKAGE_ROOT } from "../defaults.ts";
import { BrokenPhoto, stripPhoto } from "../media/strip.ts";
import { sniff } from "../media/sniff.ts";
import { publishedAssets, siteAssets } from "../build/asset-files.ts";
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

/** Where a font file of `FONT_FILES` is: resolved as a module from Bayan's own folder, wherever the site is. */
const fontFile = (file: string) => createRequire(import.meta.url).resolve(`@fontsource/${file}`);

/**
 * Publishes the self-hosted fonts, Bayan's own assets that its templates name (the stylesheet:
 * the site's file of the same name instead, when it has one) and the files of `assets/` that the
 * site or a shown release uses (see `build/asset-files.ts`), photos without their camera data: the
 * rest of the folder — a photo kept there for a release under embargo, the originals of release
 * images — stays out of the site. Nothing is ever loaded from another site.
 */
export function assetsPlugin(eleventyConfig: EleventyConfig, { root, site, source, base }: AssetsOptions) {
  for (const file of FONT_FILES) {
    eleventyConfig.addPassthroughCopy({ [fontFile(file)]: `assets/fonts/${file.split("/").pop()}` });
  }
  eleventyConfig.addWatchTarget(globFrom(root, "assets/"));
  eleventyConfig.on("eleventy.before", async ({ directories, outputMode }: { directories: { output: string }; outputMode: string }) => {
    if (outputMode !== "fs") return;
    const { newsroom } = await source.get();
    const output = path.resolve(root, directories.output);
    const ownFile = (file: string) => path.join(root, ...file.split("/"));
    const files = new Map([...publishedAssets(root, site.logo, newsroom.releases, base)].map((file) => [file, ownFile(file)]));
    for (const file of root === PACKAGE_ROOT ? [] : siteAssets(PACKAGE_ROOT, undefined)) {
      if (!files.has(file)) files.set(file, existsSync(ownFile(file)) ? ownFile(file) : path.join(PACKAGE_ROOT, ...file.split("/")));
    }
    // Copies, not links: an edit of the published file must never reach the project's own.
    for (const [file, from] of files) {
      const to = path.join(output, ...file.split("/"));
      mkdirSync(path.dirname(to), { recursive: true });
      writeFileSync(to, withoutCameraData(readFileSync(from)));
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
