/** Stripping a photo's metadata on its structure, and the sizes pages show. */
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { formatFileSize, languageName } from "../../src/media/format.ts";
import { BrokenPhoto, stripPhoto } from "../../src/media/strip.ts";
import { CAMERA_SECRETS, cameraPhoto } from "./fixtures.ts";

describe("stripPhoto", () => {
  it.each(["jpeg", "png"] as const)(
    "keeps a %s's pixels and colour profile, drops every camera detail, writes no EXIF for an upright photo",
    async (format) => {
      const original = await cameraPhoto({ width: 320, height: 200, format });
      const { bytes, width, height, orientation } = stripPhoto(original, format);
      expect([width, height, orientation]).toEqual([320, 200, 1]);
      for (const secret of CAMERA_SECRETS) expect(Buffer.from(bytes).includes(secret)).toBe(false);
      const meta = await sharp(bytes).metadata();
      expect([meta.exif, meta.xmp, meta.iptc]).toEqual([undefined, undefined, undefined]);
      expect(meta.icc).toBeDefined();
      const [before, after] = await Promise.all([sharp(original).raw().toBuffer(), sharp(bytes).raw().toBuffer()]);
      expect(after.equals(before)).toBe(true);
    },
  );

  it("writes the credit as XMP rights, escaped, that sharp reads back", async () => {
    const { bytes } = stripPhoto(await cameraPhoto({ width: 64, height: 64 }), "jpeg", 'A & B <"Agency">');
    const xmp = (await sharp(bytes).metadata()).xmp!.toString();
    expect(xmp).toContain("<photoshop:Credit>A &amp; B &lt;&quot;Agency&quot;&gt;</photoshop:Credit>");
    expect(xmp).toContain('<rdf:li xml:lang="x-default">© A &amp; B');
  });

  it("refuses a photo cut short, naming why", async () => {
    const photo = await cameraPhoto({ width: 64, height: 64, format: "png" });
    expect(() => stripPhoto(photo.subarray(0, photo.length - 20), "png")).toThrow(BrokenPhoto);
    expect(() => stripPhoto(photo.subarray(0, photo.length - 20), "png")).toThrow(/cut short/);
  });
});

describe("sizes and languages on pages", () => {
  it.each([
    [2_430_000, "ar", "arab", "٢٫٤ ميغابايت"],
    [2_430_000, "ar", "latn", "2.4 ميغابايت"],
    [243_400, "en", "arab", "243 kB"],
    [120, "en", "latn", "1 kB"],
  ] as const)("%i bytes on a %s page (%s digits): %s", (bytes, lang, digits, shown) => {
    expect(formatFileSize(bytes, lang, digits)).toBe(shown);
  });

  it("names a document's language in the page's language", () => {
    expect([languageName("en", "ar"), languageName("ar", "en"), languageName("xx", "en")]).toEqual(["الإنجليزية", "Arabic", "xx"]);
  });
});
