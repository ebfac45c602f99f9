import type { MediaFile, MediaKit } from "../release/model.ts";

/** A file of a media kit as feeds carry it: enclosures (RSS, Atom) and attachments (JSON Feed). */
export interface Attachment extends MediaFile {
  title: string;
}

/**
 * The files of a kit that feeds list, in order: the photos' originals, then the documents. The
 * first is RSS's one `<enclosure>`: the lead photo, or the first document when there is no photo.
 */
export function attachments(kit: MediaKit): Attachment[] {
  return [
    ...kit.photos.map(({ entry, original }) => ({ url: original.url, bytes: original.bytes, type: original.type, title: entry.caption ?? entry.alt })),
    ...kit.documents.map(({ entry, download }) => ({
      url: download.url,
      bytes: download.bytes,
      type: download.type,
      title: entry.title ?? download.url.split("/").pop()!,
    })),
  ];
}

/**
 * The `image` of a release's JSON-LD: its share image, then each media-kit photo as an
 * `ImageObject` with its caption and credit; undefined when there is none.
 */
export function jsonLdImages(kit: MediaKit | undefined, ogImageUrl: string, base: string): unknown[] | undefined {
  const images: unknown[] = ogImageUrl ? [ogImageUrl] : [];
  for (const { entry, original } of kit?.photos ?? []) {
    const url = new URL(original.url.slice(1), base).href;
    images.push({
      "@type": "ImageObject",
      url,
      contentUrl: url,
      width: original.width,
      height: original.height,
      encodingFormat: original.type,
      description: entry.alt,
      caption: entry.caption,
      creditText: entry.credit,
      copyrightNotice: entry.credit,
    });
  }
  return images.length ? images : undefined;
}
