import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { validateSite } from "../../src/config.ts";
import { buildImages } from "../../src/images/build.ts";
import { mapLimit } from "../../src/images/limit.ts";
import { cardFile, cardFingerprint, cropPhoto, feedLogo, ogPath } from "../../src/images/og.ts";
import { makePicture } from "../../src/images/picture.ts";
import type { Release } from "../../src/release/model.ts";
import { REPO } from "../helpers/project.ts";

const PHOTO = path.join(REPO, "test/fixtures/images/jubail-plant.jpg");
const LOGO = path.join(REPO, "assets/logo.svg");
const temp = () => mkdtempSync(path.join(os.tmpdir(), "bayan-og-"));
/** A plain PNG file of the given size. */
const png = async (width: number, height: number) => {
  const file = path.join(temp(), "logo.png");
  await sharp({ create: { width, height, channels: 3, background: "#0b6e4f" } })
    .png()
    .toFile(file);
  return file;
};
const card = { title: "تدشين محطة تحلية", dir: "rtl" as const, siteName: "المركز الإعلامي", host: "news.example.org", accent: "#0b6e4f", logo: LOGO };

describe("ogPath", () => {
  it.each([
    ["/releases/2026/11/budget/", "png", "/og/releases/2026/11/budget.png"],
    ["/en/releases/2026/11/budget/", "jpg", "/og/en/releases/2026/11/budget.jpg"],
    ["/", "png", "/og/index.png"],
    ["/en/", "png", "/og/en.png"],
  ] as const)("%s → %s", (url, extension, expected) => expect(ogPath(url, extension)).toBe(expected));
});

describe("images of a release", () => {
  it("crops a photo to a 1200×630 JPEG", async () => {
    const { width, height, format } = await sharp(await cropPhoto(PHOTO, temp())).metadata();
    expect({ width, height, format }).toEqual({ width: 1200, height: 630, format: "jpeg" });
  });

  it("makes AVIF, WebP and JPEG widths for a <picture>, never wider than the photo", async () => {
    const { picture, files } = await makePicture(PHOTO, "محطة", temp());
    expect(picture.sources.map((source) => source.type)).toEqual(["image/avif", "image/webp"]);
    expect(picture.sources[0].srcset).toMatch(/^\/img\/\S+-480\.avif 480w, \/img\/\S+-800\.avif 800w, \/img\/\S+-1200\.avif 1200w$/);
    expect(picture.img).toMatchObject({ width: 1200, height: 750, src: expect.stringMatching(/^\/img\/\S+-1200\.jpeg$/) });
    expect(files).toHaveLength(9);
    for (const file of files) expect(existsSync(file)).toBe(true);
  });

  it("draws a card once and takes it from the cache after; a new title or logo draws a new one", async () => {
    const cache = temp();
    const fingerprint = cardFingerprint(LOGO);
    const first = await cardFile(card, fingerprint, cache);
    expect(first.made).toBe(true);
    const again = await cardFile(card, fingerprint, cache);
    expect(again).toEqual({ file: first.file, made: false });
    expect(statSync(again.file).mtimeMs).toBe(statSync(first.file).mtimeMs);
    expect((await cardFile({ ...card, title: "عنوان آخر" }, fingerprint, cache)).made).toBe(true);
    expect((await cardFile(card, cardFingerprint(undefined), cache)).made).toBe(true);
  });

  it.each([
    ["the SVG logo, drawn at the size", async () => LOGO, [144, 144]],
    ["a wide PNG, scaled into the box", async () => png(600, 150), [144, 36]],
    ["a small PNG, not enlarged", async () => png(64, 64), [64, 64]],
  ] as const)("makes RSS's logo from %s: a PNG that fits 144×144", async (_, logo, size) => {
    const { file, width, height } = await feedLogo(await logo(), temp());
    const made = await sharp(file).metadata();
    expect([made.format, made.width, made.height]).toEqual(["png", ...size]);
    expect([width, height]).toEqual(size);
  });

  it("runs at most `limit` tasks at once", async () => {
    let running = 0,
      most = 0;
    const results = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, n * 5));
      running--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });
});

describe("buildImages", () => {
  const site = validateSite(JSON.parse(readFileSync(path.join(REPO, "templates/site.json"), "utf8")), "site.json");
  const release = (over: Partial<Release>) =>
    ({ file: "releases/x.txt", url: "/releases/2026/11/x/", title: "عنوان", lang: "ar", dir: "rtl", ...over }) as Release;
  const sections = [{ lang: "ar", dir: "rtl", root: "/" }] as Parameters<typeof buildImages>[1];

  it("gives each release an Open Graph image with its absolute URL, and each language a site card", async () => {
    const root = REPO;
    const set = await buildImages(
      [release({ file: "releases/a.txt", url: "/releases/2026/11/a/", image: "../test/fixtures/images/jubail-plant.jpg", imageAlt: "محطة" }), release({})],
      sections,
      { site, root, base: "https://news.example.org/newsroom/", cacheDir: temp() },
    );
    expect(set.releaseCards.get("/releases/2026/11/a/")).toEqual({
      url: "/og/releases/2026/11/a.jpg",
      absoluteUrl: "https://news.example.org/newsroom/og/releases/2026/11/a.jpg",
      width: 1200,
      height: 630,
      type: "image/jpeg",
      alt: "محطة",
    });
    expect(set.releaseCards.get("/releases/2026/11/x/")).toMatchObject({ url: "/og/releases/2026/11/x.png", type: "image/png", alt: "عنوان" });
    expect(set.siteCards.get("ar")).toMatchObject({ url: "/og/index.png", width: 1200, height: 630 });
    expect(set.pictures.get("/releases/2026/11/a/")?.alt).toBe("محطة");
    expect([...set.files.keys()]).toEqual(expect.arrayContaining(["/og/releases/2026/11/a.jpg", "/og/releases/2026/11/x.png", "/og/index.png"]));
    expect(set.cardsDrawn).toBe(2);
  });

  it.each([
    [false, ["/og/index.png", "/og/index.png", "/og/index.png"], 1],
    [1, ["/og/releases/2026/11/a.png", "/og/index.png", "/og/index.png"], 2],
    [true, ["/og/releases/2026/11/a.png", "/og/releases/2026/11/b.png", "/og/releases/2026/11/c.png"], 4],
  ])("with ogCards %s, gives releases without a photo these images: %j", async (cards, expected, drawn) => {
    const releases = ["a", "b", "c"].map((slug) => release({ file: `releases/${slug}.txt`, url: `/releases/2026/11/${slug}/`, title: `عنوان ${slug}` }));
    const set = await buildImages(releases, sections, { site, root: REPO, base: "https://news.example.org/", cacheDir: temp(), cards });
    expect(releases.map((r) => set.releaseCards.get(r.url)?.url)).toEqual(expected);
    expect(set.cardsDrawn).toBe(drawn);
  });

  it("after an edit, works on the edited releases only, each given the card of its place among all", async () => {
    const releases = ["a", "b", "c"].map((slug) => release({ file: `releases/${slug}.txt`, url: `/releases/2026/11/${slug}/`, title: `عنوان ${slug}` }));
    const missing = release({ file: "releases/d.txt", url: "/releases/2026/11/d/", image: "nowhere.jpg" });
    const only = new Set(["/releases/2026/11/b/", "/releases/2026/11/c/"]);
    const set = await buildImages([...releases, missing], sections, { site, root: REPO, base: "https://news.example.org/", cacheDir: temp(), cards: 2, only });
    expect(Object.fromEntries([...set.releaseCards].map(([url, card]) => [url, card.url]))).toEqual({
      "/releases/2026/11/b/": "/og/releases/2026/11/b.png",
      "/releases/2026/11/c/": "/og/index.png",
    });
    expect(set.cardsDrawn).toBe(2); // b's and the site card
  });

  it("publishes one card under two names when two releases share a title", async () => {
    const releases = ["a", "b"].map((slug) => release({ file: `releases/${slug}.txt`, url: `/releases/2026/11/${slug}/`, title: "بيان صحفي" }));
    const set = await buildImages(releases, sections, { site, root: REPO, base: "https://news.example.org/", cacheDir: temp() });
    expect(set.files.get("/og/releases/2026/11/a.png")).toBe(set.files.get("/og/releases/2026/11/b.png"));
    expect(set.cardsDrawn).toBe(2);
  });

  it("gives a release whose card cannot be drawn the site card, with a warning naming it", async () => {
    // A NUL in the title: libvips' text renderer refuses it ("invalid markup in text").
    const broken = release({ file: "releases/broken.txt", url: "/releases/2026/11/broken/", title: "عنوان\u0000مكسور" });
    const set = await buildImages([broken, release({})], sections, { site, root: REPO, base: "https://news.example.org/", cacheDir: temp() });
    expect(set.releaseCards.get(broken.url)).toEqual(set.siteCards.get("ar"));
    expect(set.releaseCards.get("/releases/2026/11/x/")?.url).toBe("/og/releases/2026/11/x.png");
    expect(set.warnings).toEqual([
      expect.objectContaining({ file: "releases/broken.txt", severity: "warning", message: expect.stringMatching(/share card could not be drawn/) }),
    ]);
  });

  it("fails naming every release whose image is missing", async () => {
    const build = buildImages(
      [
        release({ file: "releases/one.txt", image: "gone.jpg" }),
        release({ file: "releases/two.txt", url: "/releases/2026/11/two/", image: "assets/gone.png" }),
      ],
      sections,
      { site, root: temp(), base: "https://news.example.org/", cacheDir: temp() },
    );
    await expect(build).rejects.toThrow(
      /releases\/one\.txt: error: image "gone\.jpg" was not found[\s\S]*releases\/two\.txt: error: image "assets\/gone\.png" was not found/,
    );
  });
});
