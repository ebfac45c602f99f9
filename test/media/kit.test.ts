/** A release's media kit, built into a real project: page markup, published files, the ZIP and the metadata of every photo. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { makeProject, type TestProject } from "../helpers/project.ts";
import { readFeed } from "../feeds/feed-files.ts";
import { addAssetPhoto, CAMERA_SECRETS, kitRelease } from "./fixtures.ts";

const URL_PATH = "/releases/2026/11/plant-kit/";

describe("a release with photos and a PDF", () => {
  let project: TestProject;
  let dist: string;
  beforeAll(async () => {
    project = makeProject(await kitRelease());
    await addAssetPhoto(project.root);
    const result = await project.build();
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    dist = path.join(project.root, "dist");
  }, 120_000);

  it("publishes the originals, the PDF and the ZIP under the release's own address", () => {
    expect(readdirSync(path.join(dist, URL_PATH, "media")).sort()).toEqual(["media-kit.zip", "panels.png", "plant-dawn.jpg", "statement.pdf"]);
    expect(readFileSync(path.join(dist, URL_PATH, "media/statement.pdf"))).toEqual(readFileSync(path.join(project.root, "releases/2026/statement.pdf")));
  });

  it("strips EXIF, GPS and XMP from every published photo, keeping orientation, colour profile and credit", async () => {
    // dist/assets/ is the assets passthrough, which the allow-list of issue 18 replaces: not the media kit's.
    const published = walk(dist).filter((file) => /\.(jpe?g|png|webp|avif)$/.test(file) && !file.startsWith(path.join(dist, "assets")));
    expect(published.length).toBeGreaterThan(6);
    const source = readFileSync(path.join(project.root, "releases/2026/plant-dawn.jpg"));
    for (const secret of CAMERA_SECRETS) expect(source.includes(secret), `the fixture carries ${secret}`).toBe(true);
    for (const file of published) {
      const bytes = readFileSync(file);
      for (const secret of CAMERA_SECRETS) expect(bytes.includes(secret), `${secret} in ${file}`).toBe(false);
      const meta = await sharp(bytes).metadata();
      if (meta.exif) expect(exifTags(meta.exif), file).toEqual([0x0112]); // only the orientation
    }
    const dawn = await sharp(path.join(dist, URL_PATH, "media/plant-dawn.jpg")).metadata();
    expect(dawn.orientation).toBe(6);
    expect(dawn.icc).toBeDefined();
    expect(dawn.xmp?.toString()).toContain("<photoshop:Credit>واس</photoshop:Credit>");
    const panels = await sharp(path.join(dist, URL_PATH, "media/panels.png")).metadata();
    expect([panels.exif, panels.xmp]).toEqual([undefined, undefined]);
  });

  it("shows the grid lazily from resized versions, with caption, credit, size and pixel dimensions", () => {
    const page = project.page(URL_PATH);
    const kit = page.querySelector("section.media-kit")!;
    expect(page.querySelector(".release-body + section.media-kit")).toBe(kit);
    const images = [...kit.querySelectorAll(".media-photos img")];
    expect(images.map((img) => img.getAttribute("alt"))).toEqual(["محطة التحلية على ساحل الجبيل عند الفجر", "ألواح شمسية تغذي المحطة"]);
    for (const img of images) {
      expect(img.getAttribute("loading")).toBe("lazy");
      expect(img.getAttribute("src")).toMatch(/^\/img\//);
      expect(`${img.getAttribute("srcset")}`).not.toContain("/media/");
    }
    expect(kit.querySelector("figcaption")!.textContent).toBe("المحطة عند الفجر تصوير: واس");
    const download = kit.querySelector(".media-download")!;
    expect(download.querySelector("a")!.getAttribute("href")).toBe(`${URL_PATH}media/plant-dawn.jpg`);
    // Orientation 6 turns the 1600×1000 frame upright: 1000 wide, 1600 high.
    expect(download.querySelector(".media-meta")!.textContent).toMatch(/^JPEG · 1000 × 1600 بكسل · [\d.]+ (كيلوبايت|ميغابايت)$/);
    const document = kit.querySelector(".media-documents li")!;
    expect(document.querySelector("a")!.getAttribute("hreflang")).toBe("en");
    expect(document.querySelector("a")!.textContent).toBe("البيان الكامل");
    expect(document.querySelector(".media-meta")!.textContent).toMatch(/^PDF · \d+ كيلوبايت · الإنجليزية$/);
    expect(kit.querySelector(".media-zip a")!.getAttribute("href")).toBe(`${URL_PATH}media/media-kit.zip`);
  });

  it("packs the text, the stripped originals and the PDF into media-kit.zip", () => {
    const zip = unzipSync(readFileSync(path.join(dist, URL_PATH, "media/media-kit.zip")));
    expect(Object.keys(zip)).toEqual([
      "plant-kit/plant-kit.txt",
      "plant-kit/photos/plant-dawn.jpg",
      "plant-kit/photos/panels.png",
      "plant-kit/documents/statement.pdf",
    ]);
    const text = Buffer.from(zip["plant-kit/plant-kit.txt"]).toString("utf8");
    expect(text).toContain("صور محطة الجبيل وبيانها\n\nنشرت الهيئة اليوم");
    expect(text.endsWith(`\n\nhttps://news.example.org${URL_PATH}\n`)).toBe(true); // its address
    expect(Buffer.from(zip["plant-kit/photos/plant-dawn.jpg"])).toEqual(readFileSync(path.join(dist, URL_PATH, "media/plant-dawn.jpg")));
    expect(Buffer.from(zip["plant-kit/documents/statement.pdf"])).toEqual(readFileSync(path.join(dist, URL_PATH, "media/statement.pdf")));
  });

  it("puts the files in every feed with their length and type: RSS the lead photo, Atom and JSON Feed all", () => {
    const feed = readFeed(project, { rss: "feed.xml", atom: "atom.xml", json: "feed.json" });
    const absolute = (name: string) => `https://news.example.org${URL_PATH}media/${name}`;
    const size = (name: string) => readFileSync(path.join(dist, URL_PATH, "media", name)).length;
    const rssItem = feed.rss.items.find((item) => item.url === `https://news.example.org${URL_PATH}`)!;
    expect(rssItem.media.filter((m) => m.url.includes("/media/"))).toEqual([
      {
        url: absolute("plant-dawn.jpg"),
        image: absolute("plant-dawn.jpg"),
        title: null,
        length: size("plant-dawn.jpg"),
        type: "image",
        mimeType: "image/jpeg",
      },
    ]);
    const atomEntry = feed.atom.items.find((item) => item.url === `https://news.example.org${URL_PATH}`)!;
    expect(atomEntry.media.filter((m) => m.url.includes("/media/")).map((m) => [m.url, m.length, m.mimeType, m.title])).toEqual([
      [absolute("plant-dawn.jpg"), size("plant-dawn.jpg"), "image/jpeg", "المحطة عند الفجر"],
      [absolute("panels.png"), size("panels.png"), "image/png", "ألواح شمسية تغذي المحطة"],
      [absolute("statement.pdf"), size("statement.pdf"), "application/pdf", "البيان الكامل"],
    ]);
    const jsonItem = feed.json.items.find((item: { url: string }) => item.url === `https://news.example.org${URL_PATH}`);
    expect(jsonItem.attachments.map((a: Record<string, unknown>) => [a.url, a.size_in_bytes, a.mime_type])).toEqual([
      [absolute("plant-dawn.jpg"), size("plant-dawn.jpg"), "image/jpeg"],
      [absolute("panels.png"), size("panels.png"), "image/png"],
      [absolute("statement.pdf"), size("statement.pdf"), "application/pdf"],
    ]);
  });

  it("lists the photos in the page's JSON-LD with caption and credit", () => {
    const data = JSON.parse(project.page(URL_PATH).querySelector('script[type="application/ld+json"]')!.textContent!);
    const photos = data.image.filter((image: unknown) => typeof image === "object");
    expect(photos.map((p: Record<string, unknown>) => [p.contentUrl, p.width, p.height, p.caption, p.creditText])).toEqual([
      [`https://news.example.org${URL_PATH}media/plant-dawn.jpg`, 1000, 1600, "المحطة عند الفجر", "واس"],
      [`https://news.example.org${URL_PATH}media/panels.png`, 900, 600, undefined, undefined],
    ]);
  });
});

/** Every file under a folder. */
function walk(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** The tags of an EXIF block's first IFD (sharp gives the block with its `Exif\0\0` prefix). */
function exifTags(exif: Buffer): number[] {
  const tiff = exif.subarray(6);
  const little = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const ifd = little ? tiff.readUInt32LE(4) : tiff.readUInt32BE(4);
  return Array.from({ length: u16(ifd) }, (_, i) => u16(ifd + 2 + i * 12));
}
