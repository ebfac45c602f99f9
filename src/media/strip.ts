/**
 * A photo's original without what the camera and the editing software wrote into it: EXIF (camera,
 * serial numbers, GPS, dates), XMP (edit history, GPS, people), IPTC and comments. Done on the
 * file's structure, without decoding the pixels, so the published original is the photographer's
 * image byte for byte. The colour profile is kept, and the orientation (as a one-entry EXIF), so
 * the photo looks as before; a credit is written as XMP `dc:rights` and `photoshop:Credit`.
 */
import { crc32 } from "node:zlib";

/** A stripped photo and what its structure says about it. */
export interface StrippedPhoto {
  bytes: Uint8Array;
  width: number;
  height: number;
  /** EXIF orientation, 1 (as stored) to 8. */
  orientation: number;
}

/** Thrown for a file whose structure cannot be read: a truncated or damaged photo. */
export class BrokenPhoto extends Error {}

/** Strips a JPEG or PNG; throws `BrokenPhoto` when the file is damaged or cut short. */
export function stripPhoto(bytes: Uint8Array, format: "jpeg" | "png", credit?: string): StrippedPhoto {
  return format === "jpeg" ? stripJpeg(bytes, credit) : stripPng(bytes, credit);
}

const be16 = (bytes: Uint8Array, at: number) => (bytes[at] << 8) | bytes[at + 1];
const be32 = (bytes: Uint8Array, at: number) => ((bytes[at] << 24) >>> 0) + (bytes[at + 1] << 16) + (bytes[at + 2] << 8) + bytes[at + 3];
const latin = (bytes: Uint8Array, from: number, length: number) => String.fromCharCode(...bytes.subarray(from, from + length));
const concat = (parts: Uint8Array[]) => Buffer.concat(parts);

// JPEG segments kept besides the image data itself (tables, frame, scans): JFIF, the ICC profile, Adobe's colour transform.
const KEPT_APP = [
  [0xe0, "JFIF\0"],
  [0xe2, "ICC_PROFILE\0"],
  [0xee, "Adobe"],
] as const;

function stripJpeg(bytes: Uint8Array, credit?: string): StrippedPhoto {
  const kept: Uint8Array[] = [];
  let [width, height, orientation, pos] = [0, 0, 1, 2];
  while (true) {
    if (pos + 1 >= bytes.length) throw new BrokenPhoto("the JPEG ends before its end marker (the file is cut short)");
    if (bytes[pos] !== 0xff) throw new BrokenPhoto(`the JPEG is damaged (no marker at byte ${pos})`);
    const marker = bytes[pos + 1];
    if (marker === 0xff) {
      pos++;
      continue;
    } // fill byte
    if (marker === 0xd9) break;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      kept.push(bytes.subarray(pos, pos + 2));
      pos += 2;
      continue;
    }
    const end = pos + 2 + be16(bytes, pos + 2);
    if (end > bytes.length) throw new BrokenPhoto("the JPEG ends inside a segment (the file is cut short)");
    const segment = bytes.subarray(pos, end);
    const payload = bytes.subarray(pos + 4, end);
    if (marker === 0xe1 && latin(payload, 0, 6) === "Exif\0\0") orientation = readOrientation(payload.subarray(6)) ?? orientation;
    const isApp = (marker >= 0xe0 && marker <= 0xef) || marker === 0xfe;
    if (!isApp || KEPT_APP.some(([app, name]) => app === marker && latin(payload, 0, name.length) === name)) kept.push(segment);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) [height, width] = [be16(bytes, pos + 5), be16(bytes, pos + 7)];
    pos = end;
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart.
      let at = pos;
      while (at + 1 < bytes.length && !(bytes[at] === 0xff && bytes[at + 1] !== 0 && bytes[at + 1] !== 0xff && (bytes[at + 1] < 0xd0 || bytes[at + 1] > 0xd7)))
        at++;
      kept.push(bytes.subarray(pos, at));
      pos = at;
    }
  }
  if (!width || !height) throw new BrokenPhoto("the JPEG has no image frame");
  const added = [
    orientation !== 1 ? jpegSegment(0xe1, concat([Buffer.from("Exif\0\0", "latin1"), orientationExif(orientation)])) : undefined,
    credit ? jpegSegment(0xe1, concat([Buffer.from("http://ns.adobe.com/xap/1.0/\0", "latin1"), xmpPacket(credit)])) : undefined,
  ].filter((s) => s !== undefined);
  // JFIF, when there, stays the first segment.
  const first = kept[0] && kept[0][1] === 0xe0 ? 1 : 0;
  const parts = [Uint8Array.of(0xff, 0xd8), ...kept.slice(0, first), ...added, ...kept.slice(first), Uint8Array.of(0xff, 0xd9)];
  return { bytes: concat(parts), width, height, orientation };
}

function jpegSegment(marker: number, payload: Uint8Array): Uint8Array {
  if (payload.length + 2 > 0xffff) throw new BrokenPhoto("the credit is too long to write into the photo");
  return concat([Uint8Array.of(0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff), payload]);
}

// PNG chunks kept: the image, its palette and transparency, and how its colours and pixels are to be read.
const KEPT_CHUNKS = new Set(["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "pHYs", "bKGD", "acTL", "fcTL", "fdAT"]);

function stripPng(bytes: Uint8Array, credit?: string): StrippedPhoto {
  const chunks: Uint8Array[] = [];
  let [width, height, orientation, pos, ended] = [0, 0, 1, 8, false];
  while (!ended) {
    if (pos + 12 > bytes.length) throw new BrokenPhoto("the PNG ends before its IEND chunk (the file is cut short)");
    const length = be32(bytes, pos);
    const type = latin(bytes, pos + 4, 4);
    const end = pos + 12 + length;
    if (end > bytes.length) throw new BrokenPhoto(`the PNG ends inside its ${type} chunk (the file is cut short)`);
    if (type === "IHDR") [width, height] = [be32(bytes, pos + 8), be32(bytes, pos + 12)];
    if (type === "eXIf") orientation = readOrientation(bytes.subarray(pos + 8, end - 4)) ?? orientation;
    if (KEPT_CHUNKS.has(type)) chunks.push(bytes.subarray(pos, end));
    ended = type === "IEND";
    pos = end;
  }
  if (!width || !height) throw new BrokenPhoto("the PNG has no IHDR chunk");
  const added = [
    orientation !== 1 ? pngChunk("eXIf", orientationExif(orientation)) : undefined,
    credit ? pngChunk("iTXt", concat([Buffer.from("XML:com.adobe.xmp\0\0\0\0\0", "latin1"), xmpPacket(credit)])) : undefined,
  ].filter((c) => c !== undefined);
  return { bytes: concat([bytes.subarray(0, 8), chunks[0], ...added, ...chunks.slice(1)]), width, height, orientation };
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typed = concat([Buffer.from(type, "latin1"), data]);
  const frame = Buffer.alloc(4);
  frame.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return concat([frame, typed, crc]);
}

/** The Orientation (0x0112) of a TIFF structure's first IFD (EXIF without its `Exif\0\0` prefix), if it has one. */
function readOrientation(tiff: Uint8Array): number | undefined {
  if (tiff.length < 8) return undefined;
  const little = latin(tiff, 0, 2) === "II";
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return undefined;
  for (let i = 0, count = view.getUint16(ifd, little); i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (view.getUint16(entry, little) === 0x0112) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

/** A TIFF structure (big-endian) whose only entry is Orientation. */
function orientationExif(orientation: number): Uint8Array {
  return Uint8Array.of(0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0);
}

const escapeXml = (text: string) => text.replace(/[&<>"]/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot" }[c]};`);

/** An XMP packet that says only who holds the photo's rights. */
function xmpPacket(credit: string): Uint8Array {
  const text = escapeXml(credit);
  return Buffer.from(
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
      '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">' +
      `<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© ${text}</rdf:li></rdf:Alt></dc:rights><photoshop:Credit>${text}</photoshop:Credit>` +
      '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="r"?>',
    "utf8",
  );
}
