import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { localize, type Site } from "../config.ts";
import { ReleaseErrors } from "../diagnostics.ts";
import type { Diagnostic, Release } from "../release/model.ts";
import type { Section } from "../site/newsroom.ts";
import type { CardInput } from "./card.ts";
import { OG_SIZE } from "./card.ts";
import { atMost, mapLimit } from "./limit.ts";
import { locateImage } from "./locate.ts";
import { cardFile, cardFingerprint, cropPhoto, feedLogo, ogPath, type OgImage } from "./og.ts";
import { makePicture, type Picture } from "./picture.ts";

/** Everything the image work of one build produced. */
export interface ImageSet {
  /** `<picture>` data by release URL. */
  pictures: Map<string, Picture>;
  /** Open Graph image by release URL: its photo, its own card, or its language's site card. */
  releaseCards: Map<string, OgImage>;
  /** Open Graph image of the other pages, by language: a card with the site's name and description. */
  siteCards: Map<string, OgImage>;
  /** The logo as RSS `<image>` wants it (PNG, at most 144×144), when the site has one. */
  feedLogo?: { url: string; width: number; height: number };
  /** Files to publish: site-relative path (`/img/…`, `/og/…`) → cache file (one file may go to several places). */
  files: Map<string, string>;
  /** Cards drawn in this build (the others came from the cache). */
  cardsDrawn: number;
  /** Releases whose card could not be drawn, and share their language's site card instead. */
  warnings: Diagnostic[];
}

export interface ImageBuildOptions {
  site: Site;
  /** Project folder: release images and the logo are found from here. */
  root: string;
  /** Base URL with the path prefix, for `OgImage.absoluteUrl`. */
  base: string;
  /** Cache folder, kept between builds. Default `<root>/.cache`. */
  cacheDir?: string;
  /**
   * Which releases without a photo get a card of their own: all (`true`, the default), the newest
   * N (a number), or none (`false`). The others share their language's site card.
   */
  cards?: boolean | number;
  /** Work on these releases (URLs) only, as after an edit; their place among `releases` still decides their card. */
  only?: ReadonlySet<string>;
  /** Releases worked on at once (their photos are still made one per CPU). Default: twice the number of CPUs (sharp waits on its own threads). */
  concurrency?: number;
}

/**
 * Makes the pictures and Open Graph images of the given releases (newest first) and language sections.
 * A release whose image is missing fails the whole step with a `ReleaseErrors` naming every such file.
 */
export async function buildImages(releases: Release[], sections: Section[], options: ImageBuildOptions): Promise<ImageSet> {
  // libvips' operation cache (up to 50 MB and 100 operations by default) only held memory here: no
  // card or photo repeats another's operations, each starting from buffers of its own.
  sharp.cache(false);
  const { only } = options;
  const located = locateAll(only ? releases.filter((release) => only.has(release.url)) : releases, options.root);
  const cache = options.cacheDir ?? path.join(options.root, ".cache");
  const logo = options.site.logo ? logoFile(options.site.logo, options.root) : undefined;
  const fingerprint = cardFingerprint(logo);
  const host = new URL(options.site.url).host;
  const absolute = (url: string) => new URL(url.replace(/^\//, ""), options.base).href;
  const set: ImageSet = { pictures: new Map(), releaseCards: new Map(), siteCards: new Map(), files: new Map(), cardsDrawn: 0, warnings: [] };
  const card = async (input: Omit<CardInput, "siteName" | "host" | "accent" | "logo">, lang: string, pageUrl: string): Promise<OgImage> => {
    const siteName = localize(options.site.title, lang, options.site);
    const made = await cardFile({ ...input, siteName, host, accent: options.site.colors.accent, logo }, fingerprint, path.join(cache, "bayan-og"));
    if (made.made) set.cardsDrawn++;
    const url = ogPath(pageUrl, "png");
    set.files.set(url, made.file);
    return { url, absoluteUrl: absolute(url), ...OG_SIZE, type: "image/png", alt: input.title };
  };

  if (logo) {
    const { file, width, height } = await feedLogo(logo, path.join(cache, "bayan-og"));
    const url = `/img/logo-${path.basename(file).slice(0, 10)}.png`;
    set.files.set(url, file);
    set.feedLogo = { url, width, height };
  }
  for (const section of sections) {
    const title = localize(options.site.description, section.lang, options.site) || localize(options.site.title, section.lang, options.site);
    set.siteCards.set(section.lang, await card({ title, dir: section.dir }, section.lang, section.root));
  }
  const ownCards = options.cards === false ? 0 : options.cards === true || options.cards === undefined ? Infinity : options.cards;
  await mapLimit(releases, options.concurrency ?? 2 * os.availableParallelism(), async (release, index) => {
    if (only && !only.has(release.url)) return;
    const file = located.get(release.url);
    if (file) {
      const { picture, files, crop } = await processPhoto(release, file, cache);
      set.pictures.set(release.url, picture);
      for (const output of files) set.files.set(`/img/${path.basename(output)}`, output);
      const url = ogPath(release.url, "jpg");
      set.files.set(url, crop);
      set.releaseCards.set(release.url, { url, absoluteUrl: absolute(url), ...OG_SIZE, type: "image/jpeg", alt: release.imageAlt || release.title });
      return;
    }
    const shared = set.siteCards.get(release.lang);
    if (index < ownCards) {
      // One title the card cannot be drawn for must not stop the site: it shares the site card.
      // A failing disk (a full one) is no fault of the title: it stops the build with its own error.
      const own = await card({ title: release.title, dir: release.dir }, release.lang, release.url).catch((error: NodeJS.ErrnoException) => {
        if (error.syscall) throw error;
        set.warnings.push({
          file: release.file,
          severity: "warning",
          message: `its share card could not be drawn (${error.message}); the site's card is shared instead`,
          hint: "shorten the title or remove unusual characters from it",
        });
      });
      if (own) return void set.releaseCards.set(release.url, own);
    }
    if (shared) set.releaseCards.set(release.url, shared);
  });
  return set;
}

// Photos are made one per core (sharp gives each one thread here), not all at once: libvips'
// buffers for one photo's AVIF, WebP and JPEG widths are tens of MB, and what its threads took
// stays in the process until it ends.
const onePhotoPerCore = atMost(os.availableParallelism());

/** Pictures and crop of one release's photo; a file sharp cannot read is an error naming the release. */
function processPhoto(release: Release, file: string, cache: string) {
  return onePhotoPerCore(() => makePhoto(release, file, cache));
}

async function makePhoto(release: Release, file: string, cache: string) {
  try {
    const { picture, files } = await makePicture(file, release.imageAlt ?? "", path.join(cache, "bayan-img"));
    return { picture, files, crop: await cropPhoto(file, path.join(cache, "bayan-og")) };
  } catch (error) {
    throw new ReleaseErrors([
      {
        file: release.file,
        severity: "error",
        message: `image "${release.image}" could not be read as a picture (${(error as Error).message})`,
        hint: "save it again as JPEG, PNG, WebP or AVIF",
      },
    ]);
  }
}

/** Absolute image file by release URL; every missing image is reported at once. */
function locateAll(releases: Release[], root: string): Map<string, string> {
  const files = new Map<string, string>();
  const problems: Diagnostic[] = [];
  for (const release of releases) {
    if (!release.image) continue;
    const found = locateImage(release, root);
    if ("problem" in found) problems.push(found.problem);
    else files.set(release.url, found.file);
  }
  if (problems.length) throw new ReleaseErrors(problems);
  return files;
}

function logoFile(logo: string, root: string): string {
  const file = path.resolve(root, logo);
  if (!existsSync(file)) throw new Error(`[bayan] the site config's logo "${logo}" was not found: put the file there or fix "logo" in templates/site.json`);
  return file;
}
