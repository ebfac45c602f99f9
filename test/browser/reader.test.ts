/**
 * What a reader sees on a phone (390 px) and a desktop (1280 px), light and dark, Arabic and
 * English: dates in lists and in the feed preview, where lines break, the search controls, the
 * interface face, the 404 page. Screenshots go to test/.output/screenshots/reader-*.png.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, renderedFonts } from "../helpers/browser.ts";
import { tagSlug } from "../../src/text/slug.ts";
import { REPO, type TestProject } from "../helpers/project.ts";
import { sharedSite } from "../helpers/shared-sites.ts";
import { serve, type StaticServer } from "../helpers/server.ts";

const SCREENSHOTS = path.join(REPO, "test/.output/screenshots");
const PHONE = 390;
const DESKTOP = 1280;
const RELEASE_AR = "/releases/2026/11/desalination-plant/";
const SEARCH_AR = `/search/?q=${encodeURIComponent("مياه")}`;
/** The feed of the sample's Arabic tag, at the address the slug rules give it. */
const TAG_FEED = `/tags/${tagSlug("خدمات رقمية")}/feed.xml`;

const PAGES = {
  "home-ar": "/",
  "home-en": "/en/",
  "release-ar": RELEASE_AR,
  "release-en": "/en/releases/2026/11/desalination-plant/",
  "month-ar": "/archive/2026/10/",
  "search-ar": SEARCH_AR,
  "search-en": "/en/search/?q=water",
  "feed-ar": TAG_FEED,
  "feed-en": "/en/feed.xml",
  "404-en": "/en/no-such-page/",
};

let project: TestProject;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const { project: shared, result } = await sharedSite("samples");
  project = shared;
  expect(result.ok).toBe(true);
  server = await serve(path.join(project.root, "dist"));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * One tab per screen width and colour scheme, for the whole file: each test navigates it afresh
 * (the site keeps nothing in the browser between pages), instead of opening a tab per page.
 */
const tabs = new Map<string, Promise<Page>>();
function tab(width: number, colorScheme: "light" | "dark" = "light"): Promise<Page> {
  const key = `${width} ${colorScheme}`;
  if (!tabs.has(key)) tabs.set(key, browser.newPage({ viewport: { width, height: 800 }, colorScheme }));
  return tabs.get(key)!;
}

/** A page of the built site at a screen width, its fonts loaded and any search results drawn. */
async function open(url: string, width: number, colorScheme: "light" | "dark" = "light"): Promise<Page> {
  const page = await tab(width, colorScheme);
  // Loaded, then what the tests read waited for by name (fonts, search results), rather than half
  // a second of network silence after every page.
  await page.goto(new URL(url.slice(1), server.url).href, { waitUntil: "load" });
  // Chromium announces that XSLT is going away with a banner of its own over the feed preview.
  await page.evaluate(() => document.querySelector("xslt-warning-banner")?.remove());
  if (url.includes("search/?q=")) await page.waitForSelector("#search-results li time");
  await page.evaluate(() => document.fonts.ready);
  return page;
}

/** The text of each line an element is drawn on, in reading order (from the boxes of its characters). */
function lines(page: Page, selector: string): Promise<string[]> {
  return page.$eval(selector, (element) => {
    const result: Array<{ y: number; text: string }> = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.textContent!.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const box = [...range.getClientRects()].find((rect) => rect.width > 0);
        if (!box) continue;
        const y = box.top + box.height / 2;
        const line = result.at(-1);
        if (line && Math.abs(y - line.y) < box.height / 2) line.text += node.textContent![i];
        else result.push({ y, text: node.textContent![i] });
      }
    }
    return result.map((line) => line.text.replace(/\s+/g, " ").trim());
  });
}

describe("dates", () => {
  it("shows Hijri and Gregorian dates in lists, as the calendars say, and one English format", async () => {
    const home = project.page("/");
    const card = [...home.querySelectorAll(".release-card")].find((li) => li.querySelector("a")!.getAttribute("href") === RELEASE_AR)!;
    expect(card.querySelector(".meta time")!.textContent).toBe("14\u00A0جمادى\u00A0الآخرة\u00A01448\u00A0هـ ·\u00A024\u00A0نوفمبر\u00A02026");
    expect(project.page("/en/").querySelector(".meta time")!.textContent).toBe("24\u00A0November\u00A02026");
  });

  it("gives every feed item its date as lists show it, and the preview shows that date", async () => {
    expect(project.read("/feed.xml")).toContain(
      '<bayan:date xmlns:bayan="urn:bayan:display">14\u00A0جمادى\u00A0الآخرة\u00A01448\u00A0هـ ·\u00A024\u00A0نوفمبر\u00A02026</bayan:date>',
    );
    expect(project.read("/en/atom.xml")).toContain('<bayan:date xmlns:bayan="urn:bayan:display">24\u00A0November\u00A02026</bayan:date>');
    const page = await open("/feed.xml", PHONE);
    const dates = await page.$$eval(".release-card time", (times) => times.map((time) => time.textContent));
    expect(dates).toContain("14\u00A0جمادى\u00A0الآخرة\u00A01448\u00A0هـ ·\u00A024\u00A0نوفمبر\u00A02026");
    expect(dates.filter((date) => /^\d{4}-\d\d-\d\d$/.test(date!))).toEqual([]);
  });
});

describe.each([PHONE, DESKTOP])("at %i px", (width) => {
  it("keeps each date of a release's dateline on one line, and leaves no · at a line's start or end", async () => {
    const page = await open(RELEASE_AR, width);
    const shown = await lines(page, ".release-date");
    for (const line of shown) expect(line, shown.join(" | ")).not.toMatch(/^·|·$/);
    // The era mark with its number and month, the Hijri date whole.
    expect(
      shown.some((line) => line.includes("24 نوفمبر 2026 م")),
      shown.join(" | "),
    ).toBe(true);
    expect(
      shown.some((line) => line.includes("14 جمادى الآخرة 1448 هـ")),
      shown.join(" | "),
    ).toBe(true);
  });

  it("leaves no share button alone on its row", async () => {
    const page = await open(RELEASE_AR, width);
    const rows = await page.$$eval(".share li", (items) => {
      const byRow = new Map<number, number>();
      for (const item of items) byRow.set(Math.round(item.getBoundingClientRect().top), (byRow.get(Math.round(item.getBoundingClientRect().top)) ?? 0) + 1);
      return [...byRow.values()];
    });
    expect(rows.reduce((a, b) => a + b)).toBe(7);
    if (rows.length > 1) expect(Math.min(...rows), `buttons per row: ${rows}`).toBeGreaterThan(1);
  });

  it("draws interface digits and Latin words in the interface face, never a system font", async () => {
    for (const [url, selector] of [
      ["/", ".release-card .meta time"],
      ["/", ".site-nav .lang-switch a"],
      ["/en/", ".site-nav a"],
      ["/en/", ".release-card .meta time"],
    ]) {
      const page = await open(url, width);
      const fonts = await renderedFonts(page, selector);
      expect(fonts, `${url} ${selector}`).toEqual(fonts.map((_font) => expect.objectContaining({ familyName: "Noto Sans Arabic", isCustomFont: true })));
    }
  });
});

describe("the search page", () => {
  it.each([PHONE, DESKTOP])("draws the language choice like the search box, and the result date small and muted (%i px)", async (width) => {
    const page = await open(SEARCH_AR, width);
    const style = await page.evaluate(() => {
      const pick = (selector: string) => {
        const css = getComputedStyle(document.querySelector(selector)!);
        return {
          radius: css.borderStartStartRadius,
          border: `${css.borderBlockStartWidth} ${css.borderBlockStartColor}`,
          height: document.querySelector(selector)!.getBoundingClientRect().height,
          color: css.color,
          size: parseFloat(css.fontSize),
        };
      };
      return {
        input: pick("#q"),
        select: pick(".search-form select"),
        button: pick(".search-form button"),
        date: pick("#search-results time"),
        excerpt: pick(".search-result-excerpt"),
        muted: getComputedStyle(document.documentElement).getPropertyValue("--muted").trim(),
      };
    });
    expect(style.select.radius).toBe(style.input.radius);
    expect(style.select.border).toBe(style.input.border);
    expect(style.select.height).toBe(style.input.height);
    expect(style.button.height).toBe(style.input.height);
    expect(style.date.size).toBeLessThan(style.excerpt.size);
    expect(style.date.color).toBe(hexToRgb(style.muted));
  });

  it("fits the English placeholder in the header search box, beside the room kept for the clear button", async () => {
    for (const width of [1024, DESKTOP]) {
      const page = await open("/en/", width);
      const [needed, room] = await page.$eval("#header-q", (input) => {
        const css = getComputedStyle(input as HTMLInputElement);
        const context = document.createElement("canvas").getContext("2d")!;
        context.font = css.font;
        // Chromium lays the text out beside its clear button (about 1.25em) even while the box is empty.
        const clearButton = 1.25 * parseFloat(css.fontSize);
        return [
          context.measureText((input as HTMLInputElement).placeholder).width + clearButton,
          (input as HTMLInputElement).clientWidth - parseFloat(css.paddingInlineStart) - parseFloat(css.paddingInlineEnd),
        ];
      });
      expect(needed, `${width} px`).toBeLessThanOrEqual(room);
    }
  });
});

describe("the feed preview", () => {
  it.each([PHONE, DESKTOP])("sets the notice in ordinary weight apart from the title, and breaks the address only after a slash (%i px)", async (width) => {
    const page = await open(TAG_FEED, width);
    const [weights, gap] = await page.evaluate(
      () =>
        [
          [...document.querySelectorAll(".notice p")].map((p) => getComputedStyle(p).fontWeight),
          document.querySelector("h1")!.getBoundingClientRect().top - document.querySelector(".notice")!.getBoundingClientRect().bottom,
        ] as const,
    );
    expect(weights.slice(1)).toEqual(weights.slice(1).map(() => "400"));
    expect(gap).toBeGreaterThanOrEqual(16);
    const address = await lines(page, ".feed-address");
    expect(address.join("")).toBe(`https://news.example.org${TAG_FEED}`);
    for (const line of address.slice(0, -1)) expect(line, address.join(" | ")).toMatch(/\/$/);
    // Left to right inside an Arabic page, the address is still set in the interface face.
    const fonts = await renderedFonts(page, ".feed-address span");
    expect(fonts).toEqual(fonts.map(() => expect.objectContaining({ familyName: "Noto Sans Arabic", isCustomFont: true })));
  });
});

describe("navigation", () => {
  it("answers a missing English address in English and Arabic, each in its own direction", async () => {
    const page = await open("/en/no-such-page/", PHONE);
    const parts = await page.$$eval(".not-found", (sections) =>
      sections.map((s) => [s.getAttribute("lang"), s.getAttribute("dir"), s.querySelector("h1, h2")!.textContent, s.querySelector("a")!.getAttribute("href")]),
    );
    expect(parts).toEqual([
      ["ar", "rtl", "الصفحة غير موجودة", "/"],
      ["en", "ltr", "Page not found", "/en/"],
    ]);
    // Each part reads from its own side: the English heading starts at the left.
    const [arabic, english] = await page.$$eval(".not-found :is(h1, h2)", (headings) => headings.map((h) => getComputedStyle(h).direction));
    expect([arabic, english]).toEqual(["rtl", "ltr"]);
  });

  it("links a month of the archive up to its year and to the months beside it", () => {
    const nav = (url: string) => [...project.page(url).querySelectorAll(".archive-nav a")].map((a) => [a.className, a.getAttribute("href")]);
    expect(nav("/archive/2026/10/")).toEqual([
      ["archive-older", "/archive/2026/09/"],
      ["archive-up", "/archive/2026/"],
      ["archive-newer", "/archive/2026/11/"],
    ]);
    expect(nav("/archive/2026/09/")).toEqual([
      ["archive-up", "/archive/2026/"],
      ["archive-newer", "/archive/2026/10/"],
    ]);
    expect(nav("/en/archive/2026/11/")).toEqual([["archive-up", "/en/archive/2026/"]]);
  });
});

describe("a preview build", () => {
  it("marks drafts and embargoed releases in lists", async () => {
    expect((await project.build({ preview: true, output: "preview" })).ok).toBe(true);
    const cards = [...project.page("/", "preview").querySelectorAll(".release-card")];
    const marks = cards.filter((card) => card.querySelector(".badge")).map((card) => [card.className, card.querySelector(".badge")!.textContent]);
    expect(marks).toEqual([
      ["release-card is-embargoed", "محظور النشر حتى 9\u00A0شوال\u00A01522\u00A0هـ ·\u00A01\u00A0يناير\u00A02099"],
      ["release-card is-draft", "مسودة — غير منشورة"],
    ]);
  });
});

describe("a preview list on a narrow phone", () => {
  it("wraps the embargo mark onto its own line with no separator left at either end", async () => {
    expect((await project.build({ preview: true, output: "preview-narrow" })).ok).toBe(true);
    const preview = await serve(path.join(project.root, "preview-narrow"));
    const page = await tab(320);
    try {
      await page.goto(preview.url, { waitUntil: "load" });
      await page.evaluate(() => document.fonts.ready);
      const meta = ".is-embargoed .meta";
      const shown = await lines(page, meta);
      expect(shown.length, shown.join(" | ")).toBeGreaterThan(1);
      for (const line of shown) expect(line, shown.join(" | ")).not.toMatch(/^·|·$/);
      // The separator drawn before the mark lies outside the box when the mark starts a line: the
      // strip beyond the start of the box, beside the mark, is bare background.
      const strip = await page.$eval(`${meta} .badge`, (badge) => {
        const box = badge.parentElement!.getBoundingClientRect();
        const line = badge.getBoundingClientRect();
        return { x: box.right, y: line.top, width: 12, height: line.height };
      });
      const { channels } = await sharp(await page.screenshot({ clip: strip })).stats();
      expect(channels.map((channel) => channel.min === channel.max)).toEqual(channels.map(() => true));
      await page.screenshot({ path: path.join(SCREENSHOTS, "reader-preview-home-ar-320.png"), fullPage: true });
    } finally {
      await preview.close();
    }
  });
});

describe("screenshots for people to look at", () => {
  for (const width of [PHONE, DESKTOP]) {
    for (const scheme of ["light", "dark"] as const) {
      it(`${width} px, ${scheme}`, async () => {
        for (const [name, url] of Object.entries(PAGES)) {
          const page = await open(url, width, scheme);
          expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth), name).toBeLessThanOrEqual(0);
          await page.screenshot({ path: path.join(SCREENSHOTS, `reader-${name}-${width}-${scheme}.png`), fullPage: true });
        }
      });
    }
  }
});

/** `#56615d` → `rgb(86, 97, 93)`, as computed styles write colours. */
function hexToRgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
