import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { CARD_FONTS, drawCard, OG_SIZE, type CardInput } from "../../src/images/card.ts";
import { REPO } from "../helpers/project.ts";

const ARABIC: CardInput = {
  title: "وزيري الدفاع السعودي والقطري يناقشان تعزيز التعاون العسكري المشترك",
  dir: "rtl",
  siteName: "المركز الإعلامي",
  host: "news.example.org",
  accent: "#0b6e4f",
  logo: `${REPO}/assets/logo.svg`,
};

/** Pixels of one line of text drawn with the given family (and font file), as raw greyscale. */
async function drawn(family: string, fontfile?: string): Promise<Buffer> {
  return sharp({ text: { text: "بيان صحفي", font: `${family} 40`, fontfile, dpi: 72 } })
    .raw()
    .toBuffer();
}

/** Horizontal extent of dark ink in the title band of a card (rows 184–480). */
async function titleInk(png: Buffer): Promise<{ left: number; right: number }> {
  const { data, info } = await sharp(png)
    .extract({ left: 0, top: 184, width: OG_SIZE.width, height: 296 })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let left = info.width,
    right = 0;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (data[y * info.width + x] < 100) (left = Math.min(left, x)), (right = Math.max(right, x));
    }
  }
  return { left, right };
}

describe("Open Graph cards", () => {
  it("draws a 1200×630 PNG", async () => {
    const { width, height, format } = await sharp(await drawCard(ARABIC)).metadata();
    expect({ width, height, format }).toEqual({ width: 1200, height: 630, format: "png" });
  });

  it("names the family the font file really holds: a wrong name silently falls back to another face", async () => {
    const naskh = await drawn(CARD_FONTS.bold.family, CARD_FONTS.bold.file);
    const fallback = await drawn("No Such Family");
    expect(naskh.equals(fallback)).toBe(false);
    // The check above means something: a misspelt family with the right file is the fallback too.
    expect((await drawn("Noto Naskh", CARD_FONTS.bold.file)).equals(fallback)).toBe(true);
    expect((await drawn(CARD_FONTS.regular.family, CARD_FONTS.regular.file)).equals(fallback)).toBe(false);
  });

  it("sets an Arabic title against the right margin and an English one against the left", async () => {
    const arabic = await titleInk(await drawCard(ARABIC));
    expect(OG_SIZE.width - arabic.right).toBeLessThan(80);
    expect(arabic.left).toBeGreaterThan(80);
    const english = await titleInk(await drawCard({ ...ARABIC, dir: "ltr", title: "First solar desalination plant opens", siteName: "Media Centre" }));
    expect(english.left).toBeLessThan(80);
    expect(OG_SIZE.width - english.right).toBeGreaterThan(80);
  });

  it("inks the title, site name and host in their colours on the paper", async () => {
    const { data } = await sharp(await drawCard(ARABIC))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const colourAt = (x: number, y: number) => [...data.subarray((y * OG_SIZE.width + x) * 3, (y * OG_SIZE.width + x) * 3 + 3)];
    const count = (rgb: number[], rows: [number, number]) => {
      let found = 0;
      for (let y = rows[0]; y < rows[1]; y++)
        for (let x = 0; x < OG_SIZE.width; x++) if (colourAt(x, y).every((value, channel) => value === rgb[channel])) found++;
      return found;
    };
    const [paper, ink, accent, muted] = [
      [0xfd, 0xfc, 0xf9],
      [0x1d, 0x23, 0x21],
      [0x0b, 0x6e, 0x4f],
      [0x55, 0x60, 0x5c],
    ];
    expect(colourAt(100, 200)).toEqual(paper);
    expect(count(ink, [184, 480])).toBeGreaterThan(2000); // the title's glyphs, fully covered pixels
    expect(count(accent, [60, 160])).toBeGreaterThan(3000); // the site name and the logo's tile
    expect(count(muted, [520, 600])).toBeGreaterThan(100); // the host name
  });

  it("keeps a very long title inside the card, and markup characters as text", async () => {
    const long = `${ARABIC.title} <b>&</b> `.repeat(8);
    const { width, height } = await sharp(await drawCard({ ...ARABIC, title: long })).metadata();
    expect([width, height]).toEqual([1200, 630]);
  });

  it.each([
    ["a 32-character tender number", "طرح المناقصة رقم TND2026000123456789ABCDEFGHIJKLMN لتوريد الأجهزة", "rtl"],
    ["a long address", "Details at https://tenders.example.gov.sa/notices/2026/TND2026000123456789/attachments", "ltr"],
    ["60 Arabic letters without a space", `إعلان ${"ميزانيةالدولة".repeat(5)}`, "rtl"],
    ["45 Latin letters without a space", "x".repeat(45), "ltr"],
  ] as const)("keeps a title with %s inside the title box", async (_, title, dir) => {
    const card = await drawCard({ ...ARABIC, title, dir });
    const { width, height } = await sharp(card).metadata();
    expect([width, height]).toEqual([1200, 630]);
    const ink = await titleInk(card);
    expect(ink.left).toBeGreaterThanOrEqual(60);
    expect(OG_SIZE.width - ink.right).toBeGreaterThanOrEqual(60);
  });
});
