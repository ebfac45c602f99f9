/**
 * The media kit in Chromium, Arabic and English, on a phone (390 px) and a desktop (1280 px): no
 * overflow, no serious accessibility problem, the grid never loads an original, and in print a
 * list of links with their addresses. Screenshots of the kit go to test/.output/screenshots/.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measurePageWeight } from "../../tools/budget.ts";
import { launchChromium, seriousViolations } from "../helpers/browser.ts";
import { makeProject, REPO, type TestProject } from "../helpers/project.ts";
import { serve, type StaticServer } from "../helpers/server.ts";
import { addAssetPhoto, cameraPhoto, kitRelease, pdf } from "./fixtures.ts";

const SCREENSHOTS = path.join(REPO, "test/.output/screenshots");
const PAGES = [
  { name: "media-kit-ar", url: "/releases/2026/11/plant-kit/", dir: "rtl" },
  { name: "media-kit-en", url: "/en/releases/2026/11/plant-kit/", dir: "ltr" },
];

/** The English twin of the kit release, with three photos (one portrait) and a PDF. */
async function englishKit(): Promise<Record<string, string | Uint8Array>> {
  return {
    "2026/2026-11-20-plant-kit.en.txt": [
      "---",
      "lang: en",
      "summary: Photos of the plant and the full statement.",
      "photos:",
      "  - file: plant-dusk.jpg",
      "    alt: The desalination plant on the Jubail coast at dusk",
      "    caption: The plant at dusk",
      "    credit: Saudi Press Agency",
      "  - file: tower.jpg",
      "    alt: The intake tower seen from the shore",
      "    credit: Ministry of Energy / A. Photographer",
      "  - file: assets/press/panels.png",
      "    alt: Solar panels that power the plant",
      "files:",
      "  - file: statement-en.pdf",
      "    title: Full statement (English)",
      "    lang: en",
      "  - file: statement-ar.pdf",
      "    title: البيان الكامل",
      "    lang: ar",
      "---",
      "Photos of the Jubail plant and its statement",
      "",
      "The authority published photos of the Jubail desalination plant today, with its full statement.",
    ].join("\n"),
    "2026/plant-dusk.jpg": await cameraPhoto({ width: 1800, height: 1200, hue: 20 }),
    "2026/tower.jpg": await cameraPhoto({ width: 900, height: 1350, hue: 190 }),
    "2026/statement-en.pdf": pdf("Full statement"),
    "2026/statement-ar.pdf": pdf("Statement in Arabic"),
  };
}

describe("the media kit in a browser", () => {
  let project: TestProject;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    project = makeProject({ ...(await kitRelease()), ...(await englishKit()) }, { languages: ["ar", "en"] });
    await addAssetPhoto(project.root);
    const result = await project.build();
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    server = await serve(path.join(project.root, "dist"));
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens a page at `width` with every request recorded; scrolls to the end so lazy images load. */
  async function open(url: string, width: number): Promise<{ page: Page; requests: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const requests: string[] = [];
    page.on("request", (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(new URL(url.slice(1), server.url).href, { waitUntil: "networkidle" });
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState("networkidle");
    await page.evaluate(() =>
      Promise.all([...document.querySelectorAll<HTMLImageElement>(".media-photos img")].map((img) => img.decode().catch(() => undefined))),
    );
    return { page, requests };
  }

  for (const width of [390, 1280]) {
    it.each(PAGES)(
      `$name at ${width} px: fits, is accessible, loads resized photos only`,
      async ({ name, url, dir }) => {
        const { page, requests } = await open(url, width);
        try {
          expect(await page.evaluate(() => document.documentElement.dir)).toBe(dir);
          expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
          const shown = requests.filter((request) => request.startsWith("/img/"));
          const photos = await page.$$eval(".media-photos img", (images) => images.map((img) => new URL((img as HTMLImageElement).currentSrc).pathname));
          expect(photos.every((photo) => shown.includes(photo))).toBe(true); // every photo of the grid, lazily, resized
          expect(requests.filter((request) => request.includes("/media/"))).toEqual([]); // no original, no document, no ZIP
          // Photos sit side by side on a desktop and one under the other on a phone.
          const tops = await page.$$eval(".media-photos li", (items) => items.map((item) => Math.round(item.getBoundingClientRect().top)));
          expect(new Set(tops).size).toBe(width === 1280 ? Math.ceil(tops.length / 2) : tops.length);
          await page.locator(".media-kit").screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`) });
          expect(await seriousViolations(page)).toEqual([]);
        } finally {
          await page.close();
        }
      },
      60_000,
    );
  }

  it("prints the kit as a list of links, each with its full address", async () => {
    const { page } = await open(PAGES[1].url, 1280);
    try {
      await page.emulateMedia({ media: "print" });
      expect(await page.$$eval(".media-photos picture", (pictures) => pictures.map((p) => getComputedStyle(p).display))).toEqual(["none", "none", "none"]);
      const addresses = await page.$$eval(".media-print-url", (spans) => spans.filter((s) => getComputedStyle(s).display !== "none").map((s) => s.textContent));
      expect(addresses).toContain("https://news.example.org/en/releases/2026/11/plant-kit/media/tower.jpg");
      expect(addresses).toContain("https://news.example.org/en/releases/2026/11/plant-kit/media/media-kit.zip");
      await page.screenshot({ path: path.join(SCREENSHOTS, "media-kit-en-print.png"), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it("keeps the page weight of a first visit free of originals", async () => {
    const weight = await measurePageWeight(path.join(project.root, "dist"), { page: PAGES[0].url, width: 390 });
    expect(weight.downloads.filter((download) => download.path.includes("/media/"))).toEqual([]);
    expect(weight.scripts).toBe(0);
  }, 60_000);
});
