/**
 * The built sample site in Chromium: every kind of page in Arabic and English, on a phone and a
 * desktop screen. Checks direction, overflow, console, network (nothing leaves 127.0.0.1), fonts,
 * accessibility (axe-core) and writes screenshots to test/.output/screenshots/ for people to look at.
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, renderedFonts, seriousViolations } from "../helpers/browser.ts";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from "vitest";
import { GOOD_SAMPLES, makeProject, REPO, samples, type TestProject } from "../helpers/project.ts";
import { serve, type StaticServer } from "../helpers/server.ts";

const SCREENSHOTS = path.join(REPO, "test/.output/screenshots");
const WIDTHS = [360, 1280];
const NOT_FOUND = "/no-such-page/";

/** A release with a photo next to it, as an editor would add one. */
const PHOTO_RELEASE = {
  "2026/2026-11-20-plant-photo.txt": [
    "---",
    "image: jubail-plant.jpg",
    "imageAlt: محطة التحلية على ساحل الجبيل عند الغروب",
    "tags: [مياه]",
    "summary: صورة جديدة لمحطة التحلية في الجبيل.",
    "---",
    "صورة جديدة لمحطة الجبيل",
    "",
    "نشرت الهيئة اليوم صورة جديدة لمحطة التحلية في الجبيل، وهي تعمل بالطاقة الشمسية منذ تدشينها.",
  ].join("\n"),
  "2026/jubail-plant.jpg": readFileSync(path.join(REPO, "test/fixtures/images/jubail-plant.jpg")),
};

interface Visit {
  page: Page;
  consoleErrors: string[];
  failed: string[];
  external: string[];
}

describe("pages in a browser", () => {
  let project: TestProject;
  let server: StaticServer;
  let browser: Browser;
  /** The seed has no date, so its URL (dated from the file) is known only after the build. */
  let seedUrl: string;
  const PAGES = [
    { name: "release-ar", path: "(seed)", lang: "ar", dir: "rtl" },
    { name: "release-photo-ar", path: "/releases/2026/11/plant-photo/", lang: "ar", dir: "rtl" },
    { name: "release-en", path: "/en/releases/2026/11/desalination-plant/", lang: "en", dir: "ltr" },
    { name: "home-ar", path: "/", lang: "ar", dir: "rtl" },
    { name: "home-en", path: "/en/", lang: "en", dir: "ltr" },
    { name: "tag-ar", path: "/tags/myah-83f1ba/", lang: "ar", dir: "rtl" },
    { name: "tag-en", path: "/en/tags/water/", lang: "en", dir: "ltr" },
    { name: "search-ar", path: "/search/", lang: "ar", dir: "rtl" },
    { name: "search-en", path: "/en/search/", lang: "en", dir: "ltr" },
    { name: "404", path: NOT_FOUND, lang: "ar", dir: "rtl" },
  ];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    project = makeProject({ ...samples(GOOD_SAMPLES), ...PHOTO_RELEASE });
    const result = await project.build();
    expect(result.ok).toBe(true);
    seedUrl = result.releases.find((release) => release.file.endsWith("seed-release.txt"))!.url;
    server = await serve(path.join(project.root, "dist"));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // One browser context per screen width and colour scheme, shared by the pages that use it.
  const contexts = new Map<string, Promise<BrowserContext>>();
  function contextFor(width: number, colorScheme: "light" | "dark"): Promise<BrowserContext> {
    const key = `${width}-${colorScheme}`;
    if (!contexts.has(key)) contexts.set(key, browser.newContext({ viewport: { width, height: 800 }, colorScheme }));
    return contexts.get(key)!;
  }

  /** Opens a page with every console error, failed request and request to another host recorded. */
  async function visit(url: string, width: number, colorScheme: "light" | "dark" = "light"): Promise<Visit> {
    const page = await (await contextFor(width, colorScheme)).newPage();
    const address = new URL(url.replace(/^\//, ""), server.url).href;
    const visit: Visit = { page, consoleErrors: [], failed: [], external: [] };
    await page.route(
      (target) => target.hostname !== "127.0.0.1",
      (route) => {
        visit.external.push(route.request().url());
        return route.abort();
      },
    );
    page.on("console", (message) => {
      // A static host answers a missing page with 404.html and status 404; Chromium logs that status.
      const ownStatus = message.location().url === address && /status of 404/.test(message.text()) && url === NOT_FOUND;
      if (message.type() === "error" && !ownStatus) visit.consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => visit.consoleErrors.push(error.message));
    page.on("requestfailed", (request) => {
      if (new URL(request.url()).hostname === "127.0.0.1") visit.failed.push(`${request.url()} ${request.failure()?.errorText}`);
    });
    page.on("response", (response) => {
      if (response.status() >= 400 && response.url() !== address) visit.failed.push(`${response.url()} ${response.status()}`);
    });
    await page.goto(address, { waitUntil: "networkidle" });
    await page.evaluate(() => document.fonts.ready);
    return visit;
  }

  describe.concurrent.each(WIDTHS)("at %i px", (width) => {
    it.for(PAGES.map((p) => [p.name, p] as const))("%s: right direction, no overflow, no errors, nothing external", async ([name, target], { expect }) => {
      const { page, consoleErrors, failed, external } = await visit(target.path === "(seed)" ? seedUrl : target.path, width);
      try {
        expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([target.lang, target.dir]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
        expect(consoleErrors).toEqual([]);
        expect(failed).toEqual([]);
        expect(external).toEqual([]);
        if (name.startsWith("release-") && target.lang === "ar") await expectNaskh(page, expect);
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
        // axe finds the same problems at both widths, and the desktop page shows every control (the search box).
        if (width === 1280) expect(await seriousViolations(page)).toEqual([]);
      } finally {
        await page.close();
      }
    });
  });

  it.concurrent.for(WIDTHS)("sets the seed release right to left in the dark scheme at %i px", async (width, { expect }) => {
    const { page } = await visit(seedUrl, width, "dark");
    try {
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(17, 22, 20)");
      const [fromRight, fromLeft] = await page.evaluate(() => {
        const h1 = document.querySelector("h1")!.getBoundingClientRect();
        return [innerWidth - h1.right, h1.left];
      });
      // Right to left: the heading starts at the right margin.
      expect(fromRight).toBeLessThanOrEqual(fromLeft);
      await expectNaskh(page, expect);
      await page.screenshot({ path: path.join(SCREENSHOTS, `release-ar-${width}-dark.png`), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it("prints a release without navigation, with its address and date", async () => {
    const { page } = await visit(seedUrl, 1280);
    try {
      await page.emulateMedia({ media: "print" });
      const shown = (selector: string) => page.$eval(selector, (element) => getComputedStyle(element).display !== "none");
      for (const hidden of [".site-nav", ".header-search", ".share", ".neighbours", ".site-footer"]) expect(await shown(hidden), hidden).toBe(false);
      expect(await shown(".release-date time")).toBe(true);
      expect(await shown(".print-url")).toBe(true);
      expect(await page.textContent(".print-url")).toContain(`https://news.example.org${seedUrl}`);
      await page.screenshot({ path: path.join(SCREENSHOTS, "release-ar-print.png"), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it("gives the photo release a <picture> with AVIF and WebP sources, its size, eager loading, and a 1200×630 og:image", async () => {
    const { page } = await visit("/releases/2026/11/plant-photo/", 1280);
    try {
      const picture = await page.$eval(".release-image picture", (element) => ({
        types: [...element.querySelectorAll("source")].map((source) => source.type),
        width: Number(element.querySelector("img")!.getAttribute("width")),
        height: Number(element.querySelector("img")!.getAttribute("height")),
        natural: [element.querySelector("img")!.naturalWidth, element.querySelector("img")!.naturalHeight],
        loading: element.querySelector("img")!.getAttribute("loading"),
        priority: element.querySelector("img")!.getAttribute("fetchpriority"),
        alt: element.querySelector("img")!.alt,
        current: element.querySelector("img")!.currentSrc,
      }));
      expect(picture.types).toEqual(["image/avif", "image/webp"]);
      // The fixture is 1600×1000: the largest width made is 1200, so 1200×750.
      expect([picture.width, picture.height]).toEqual([1200, 750]);
      expect(picture.natural[0] / picture.natural[1]).toBeCloseTo(1.6, 2);
      expect(picture.loading).toBe("eager");
      expect(picture.priority).toBe("high");
      expect(picture.alt).toBe("محطة التحلية على ساحل الجبيل عند الغروب");
      expect(picture.current).toMatch(/\.avif$/);
      const og = await page.$eval('meta[property="og:image"]', (meta) => meta.getAttribute("content")!);
      expect(og).toBe("https://news.example.org/og/releases/2026/11/plant-photo.jpg");
      expect(await imageSize(og)).toEqual({ width: 1200, height: 630, format: "jpeg" });
    } finally {
      await page.close();
    }
  });

  it("gives a release without a photo a drawn 1200×630 card as og:image", async () => {
    const og = project.page(seedUrl).querySelector('meta[property="og:image"]')!.getAttribute("content")!;
    expect(og).toBe(`https://news.example.org/og${seedUrl.replace(/\/$/, "")}.png`);
    expect(await imageSize(og)).toEqual({ width: 1200, height: 630, format: "png" });
  });

  it("puts no script on release pages except JSON-LD data", () => {
    for (const url of [seedUrl, "/releases/2026/11/plant-photo/", "/en/releases/2026/11/desalination-plant/"]) {
      const scripts = [...project.page(url).querySelectorAll("script")];
      expect(scripts.filter((script) => script.hasAttribute("src"))).toEqual([]);
      expect(scripts.map((script) => script.getAttribute("type"))).toEqual(scripts.map(() => "application/ld+json"));
    }
  });

  /** Width, height and format of a published image, by its absolute URL. */
  async function imageSize(url: string) {
    const file = path.join(project.root, "dist", new URL(url).pathname);
    const { width, height, format } = await sharp(file).metadata();
    return { width, height, format };
  }
});

/** The body text is drawn in Bayan Naskh: the face is loaded, and Chromium reports the web font as the one it used. */
async function expectNaskh(page: Page, expect: ExpectStatic): Promise<void> {
  const loaded = await page.evaluate(() =>
    [...document.fonts].filter((face) => face.status === "loaded").map((face) => `${face.family.replace(/"/g, "")} ${face.weight}`),
  );
  expect(loaded).toContain("Bayan Naskh 400");
  // A wrong file or family name would fall back silently to a system face (isCustomFont false).
  expect(await renderedFonts(page, ".release-body p")).toContainEqual(expect.objectContaining({ familyName: "Noto Naskh Arabic", isCustomFont: true }));
}
