import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import type { Site } from "../config.ts";
import { publishFiles } from "../util/files.ts";
import { buildMediaKits } from "../media/build.ts";
import { formatFileSize, languageName } from "../media/format.ts";
import type { Source } from "../site/source.ts";
import type { MediaKit } from "../release/model.ts";
import { attachments, jsonLdImages } from "../media/feeds.ts";

/** Options of the media plugin. */
export interface MediaOptions {
  site: Site;
  source: Source;
  /** Base URL with the path prefix. */
  base: string;
  /** Project folder. Default: the working directory (the build runs from the project). */
  root?: string;
}

/**
 * Media kits: before each build, every shown release that lists `photos:` or `files:` gets its
 * kit made (see `media/build.ts`) and set as `release.mediaKit` (read by `partials/media-kit.njk`,
 * the feeds and `seo.njk`); its files are published under the release's address. Only the
 * releases the pages are built from are worked on, so a hidden release's kit never reaches the output.
 * Templates also get `bytes | bayanFileSize(lang)` (`2.4 MB`, `٢٫٤ ميغابايت`), `code | bayanLanguageName(lang)`
 * (`en` on an Arabic page: `الإنجليزية`), `url | bayanBasename`, `kit | bayanMediaAttachments` (feeds) and
 * `kit | bayanJsonLdImages(ogImageUrl)` (`seo.njk`).
 */
export function mediaPlugin(eleventyConfig: EleventyConfig, { site, source, base, root = process.cwd() }: MediaOptions) {
  eleventyConfig.on("eleventy.before", async ({ directories, outputMode }: { directories: { output: string }; outputMode: string }) => {
    const { newsroom } = await source.get();
    const made = await buildMediaKits(newsroom.releases, { root, base, cacheDir: path.join(root, ".cache") });
    for (const release of newsroom.releases) release.mediaKit = made.kits.get(release.url);
    if (outputMode !== "fs") return;
    const output = path.resolve(root, directories.output);
    publishFiles(Array.from(made.files, ([url, file]) => [file, path.join(output, ...url.split("/"))] as const));
  });
  eleventyConfig.addFilter("bayanFileSize", (bytes: number, lang: string) => formatFileSize(bytes, lang, site.digits));
  eleventyConfig.addFilter("bayanLanguageName", (code: string, lang: string) => languageName(code, lang));
  eleventyConfig.addFilter("bayanBasename", (url: string) => path.posix.basename(url));
  eleventyConfig.addFilter("bayanMediaAttachments", (kit: MediaKit | undefined) => (kit ? attachments(kit) : []));
  eleventyConfig.addFilter("bayanJsonLdImages", (kit: MediaKit | undefined, ogImageUrl: string) => jsonLdImages(kit, ogImageUrl, base));
}
