import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ReleaseErrors } from "../diagnostics.ts";
import { cachedFile } from "../images/cache.ts";
import { hashOf } from "../util/hash.ts";
import { mapLimit } from "../images/limit.ts";
import { makePicture } from "../images/picture.ts";
import type { DocumentEntry, MediaFile, MediaKit, PhotoEntry, Release } from "../release/model.ts";
import { slugify } from "../text/slug.ts";
import { readMediaFile, type MediaSource } from "./check.ts";
import { DOCUMENT_TYPES, PHOTO_TYPES } from "./sniff.ts";
import { stripPhoto } from "./strip.ts";
import { reproducibleZip, type ZipEntry } from "./zip.ts";

/** The media kits of one build. */
export interface MediaSet {
  /** Kit by release URL, for releases that list photos or documents. */
  kits: Map<string, MediaKit>;
  /** Files to publish: site-relative path (`/releases/…/media/…`, `/img/…`) → cache file. */
  files: Map<string, string>;
}

export interface MediaBuildOptions {
  /** Project folder: media files are found from here. */
  root: string;
  /** Base URL with the path prefix: the text in the ZIP ends with the release's address. */
  base: string;
  /** Cache folder, kept between builds. */
  cacheDir: string;
}

// Bumped when what is made from the same inputs changes, so the cache is not reused.
const VERSION = "media-1";

/**
 * Makes the media kit of every given release that lists photos or documents (the releases the
 * pages are built from: published ones only, outside a preview). Every file is written by Bayan
 * under the release's own address, `<release url>media/`: photos' originals without their
 * metadata, documents as they are, and `media-kit.zip` with the text, the photos and the documents.
 */
export async function buildMediaKits(releases: Release[], options: MediaBuildOptions): Promise<MediaSet> {
  const set: MediaSet = { kits: new Map(), files: new Map() };
  const withKit = releases.filter((release) => release.photos?.length || release.files?.length);
  await mapLimit(withKit, 2, async (release) => set.kits.set(release.url, await buildKit(release, options, set.files)));
  return set;
}

async function buildKit(release: Release, options: MediaBuildOptions, files: Map<string, string>): Promise<MediaKit> {
  const folder = `${release.url}media/`;
  const cache = path.join(options.cacheDir, "bayan-media");
  const name = uniqueNames();
  const zipped: ZipEntry[] = [{ name: `${release.slug}/${release.slug}.txt`, bytes: Buffer.from(releaseText(release, options.base), "utf8") }];
  const publish = async (fileName: string, bytes: Uint8Array, type: string): Promise<MediaFile> => {
    const made = await cachedFile(cache, hashOf(VERSION, bytes), path.extname(fileName).slice(1), async () => bytes);
    files.set(folder + fileName, made.file);
    return { url: folder + fileName, bytes: bytes.length, type };
  };

  const photos: MediaKit["photos"] = [];
  for (const entry of release.photos ?? []) {
    const source = found(release, entry, "photo", options.root);
    if (!source) continue;
    const format = source.content as "jpeg" | "png";
    const stripped = stripPhoto(readFileSync(source.file), format, entry.credit);
    const fileName = name(source.shown, format === "jpeg" ? ".jpg" : ".png");
    const original = await publish(fileName, stripped.bytes, PHOTO_TYPES[format]!);
    const sideways = stripped.orientation >= 5; // EXIF 5–8 turn the photo a quarter
    const [width, height] = sideways ? [stripped.height, stripped.width] : [stripped.width, stripped.height];
    const { picture, files: sizes } = await picturePhoto(release, entry, source.file, options.cacheDir);
    for (const output of sizes) files.set(`/img/${path.basename(output)}`, output);
    photos.push({ entry, original: { ...original, width, height }, picture });
    zipped.push({ name: `${release.slug}/photos/${fileName}`, bytes: stripped.bytes, compressed: true });
  }
  const documents: MediaKit["documents"] = [];
  for (const entry of release.files ?? []) {
    const source = found(release, entry, "document", options.root);
    if (!source) continue;
    const type = DOCUMENT_TYPES[path.extname(source.shown).toLowerCase()];
    const bytes = readFileSync(source.file);
    const fileName = name(source.shown, path.extname(source.shown).toLowerCase());
    documents.push({ entry, download: await publish(fileName, bytes, type.mime), label: type.label });
    zipped.push({ name: `${release.slug}/documents/${fileName}`, bytes, compressed: type.content === "zip" });
  }
  const key = hashOf(VERSION, JSON.stringify(zipped.map((entry) => [entry.name, hashOf(entry.bytes)])), release.date);
  const zip = await cachedFile(cache, key, "zip", async () => reproducibleZip(zipped, wallClock(release.date)));
  files.set(`${folder}media-kit.zip`, zip.file);
  return { photos, documents, zip: { url: `${folder}media-kit.zip`, bytes: statSync(zip.file).size, type: "application/zip" } };
}

/**
 * The checked file of an entry. A bad one stops the build (a file that changed since the check),
 * except in a preview, where a draft's or embargoed release's bad entry (a warning) is left out.
 */
function found(release: Release, entry: PhotoEntry | DocumentEntry, kind: "photo" | "document", root: string): MediaSource | undefined {
  const result = readMediaFile(release.file, entry, kind, root);
  if ("source" in result) return result.source;
  if (!release.published) return undefined;
  throw new ReleaseErrors([
    { file: release.file, line: entry.line, severity: "error", message: `${kind} "${entry.file}": ${result.problem}`, hint: result.hint },
  ]);
}

/** The grid's responsive versions (as for the lead image); a photo sharp cannot decode is an error at its entry. */
async function picturePhoto(release: Release, entry: PhotoEntry, file: string, cacheDir: string) {
  try {
    return await makePicture(file, entry.alt, path.join(cacheDir, "bayan-img"));
  } catch (error) {
    throw new ReleaseErrors([
      {
        file: release.file,
        line: entry.line,
        severity: "error",
        message: `photo "${entry.file}" could not be read as a picture (${(error as Error).message})`,
        hint: "export or download the photo again as JPEG or PNG",
      },
    ]);
  }
}

/** File names within one kit: the source's name made URL-safe, numbered when two are the same. */
function uniqueNames() {
  const taken = new Set<string>();
  return (shown: string, extension: string): string => {
    const stem = slugify(path.basename(shown, path.extname(shown))) || "file";
    let fileName = `${stem}${extension}`;
    for (let n = 2; taken.has(fileName); n++) fileName = `${stem}-${n}${extension}`;
    taken.add(fileName);
    return fileName;
  };
}

/** The release as plain text for the ZIP: title, dateline and body, and the address it is published at. */
function releaseText(release: Release, base: string): string {
  const opening = release.dateline ? `${release.dateline.text} – ` : "";
  return `\uFEFF${release.title}\n\n${opening}${release.bodyText}\n\n${new URL(release.url.slice(1), base).href}\n`;
}

/** The wall-clock fields of a release's ISO date in the site's zone (`2026-11-24T09:30:00.000+03:00`). */
function wallClock(iso: string) {
  const [, year, month, day, hour, minute] = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(iso)!.map(Number);
  return { year, month, day, hour, minute };
}
