/** Photos and documents for media-kit tests, made here: photos carry camera EXIF, GPS and XMP, as real ones do. */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { zipSync } from "fflate";
import sharp from "sharp";
import { samplePdf } from "../../tools/sample-media.ts";

/** Words a published original must never carry: from the EXIF, GPS and XMP the fixtures write. */
export const CAMERA_SECRETS = ["SecretCam", "SN-4417", "Jubail Safe House"];

const XMP = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"><photoshop:City>Jubail Safe House</photoshop:City></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

/**
 * A photo as a camera delivers it: a colour pattern with EXIF (make, model, serial), GPS, an
 * orientation and (for JPEG) an XMP packet with a place name.
 */
export async function cameraPhoto(
  options: { width?: number; height?: number; format?: "jpeg" | "png"; orientation?: number; hue?: number } = {},
): Promise<Buffer> {
  const { width = 1600, height = 1067, format = "jpeg", orientation = 1, hue = 30 } = options;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g"><stop offset="0" stop-color="hsl(${hue},70%,45%)"/><stop offset="1" stop-color="hsl(${hue + 150},60%,35%)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width / 3}" cy="${height / 2}" r="${height / 4}" fill="#fff8"/></svg>`;
  const image = sharp(Buffer.from(svg))
    .withMetadata({ orientation })
    .withExif({
      IFD0: { Make: "SecretCam", Model: "SecretCam X1", Copyright: "camera default" },
      IFD2: { BodySerialNumber: "SN-4417" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "27/1 0/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "49/1 40/1 0/1" },
    })
    .withIccProfile("srgb");
  const bytes = format === "jpeg" ? await image.jpeg({ quality: 85 }).toBuffer() : await image.png().toBuffer();
  return format === "jpeg" ? withXmp(bytes) : bytes;
}

/** The JPEG with an XMP segment after SOI. */
function withXmp(jpeg: Buffer): Buffer {
  const payload = Buffer.concat([Buffer.from("http://ns.adobe.com/xap/1.0/\0", "latin1"), Buffer.from(XMP)]);
  const header = Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

/** A small valid one-page PDF with the given line of text (made by the sample's own tool). */
export const pdf = (text: string): Buffer => samplePdf([text]);

/** A DOCX-shaped ZIP ([Content_Types].xml and a document part), with extra entries if given. */
export function docx(extra: Record<string, string> = {}): Buffer {
  const files: Record<string, Uint8Array> = { "[Content_Types].xml": Buffer.from("<Types/>"), "word/document.xml": Buffer.from("<w:document/>") };
  for (const [name, text] of Object.entries(extra)) files[name] = Buffer.from(text);
  return Buffer.from(zipSync(files, { mtime: new Date(2026, 0, 1) }));
}

/** A release with two photos (one turned by its EXIF orientation, one PNG) and a PDF, as an editor writes it. */
export async function kitRelease(): Promise<Record<string, string | Uint8Array>> {
  return {
    "2026/2026-11-20-plant-kit.txt": [
      "---",
      "summary: صور المحطة وبيانها الكامل.",
      "photos:",
      "  - file: plant-dawn.jpg",
      "    alt: محطة التحلية على ساحل الجبيل عند الفجر",
      "    caption: المحطة عند الفجر",
      "    credit: واس",
      "  - file: assets/press/panels.png",
      "    alt: ألواح شمسية تغذي المحطة",
      "files:",
      "  - file: statement.pdf",
      "    title: البيان الكامل",
      "    lang: en",
      "---",
      "صور محطة الجبيل وبيانها",
      "",
      "نشرت الهيئة اليوم صوراً لمحطة التحلية في الجبيل وبيانها الكامل.",
    ].join("\n"),
    "2026/plant-dawn.jpg": await cameraPhoto({ width: 1600, height: 1000, orientation: 6 }),
    "2026/statement.pdf": pdf("Full statement"),
  };
}

/** Writes `assets/press/panels.png` into a project (a photo kept under assets/). */
export async function addAssetPhoto(root: string): Promise<void> {
  mkdirSync(path.join(root, "assets/press"), { recursive: true });
  writeFileSync(path.join(root, "assets/press/panels.png"), await cameraPhoto({ width: 900, height: 600, format: "png", hue: 200 }));
}
