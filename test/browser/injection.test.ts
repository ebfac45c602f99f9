/**
 * Hostile releases in a real browser: built from bad/html-injection.txt (and the other hostile
 * releases), served over HTTP and opened in headless Chromium. No dialog may open and no element
 * from a release may exist, on the release pages, the home page, the search page with a query,
 * and the feed as a browser shows it.
 */
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../helpers/browser.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Release } from "../../src/release/model.ts";
import { HOSTILE_RELEASES } from "../checks/hostile-releases.ts";
import { makeProject, samples } from "../helpers/project.ts";
import { serve, type StaticServer } from "../helpers/server.ts";

const INJECTION_TITLE = 'بيان <script>alert(1)</script> & "اقتباس" <b>عريض</b>';

/** Elements and attributes a release could only have put there by escaping its text. */
const INJECTED = [
  "script:not([type='application/ld+json']):not([src])",
  "iframe",
  "object",
  "embed",
  "svg",
  "body b",
  "main img[src='x']",
  "div[onclick]",
  "[onerror]",
  "[onload]",
  "[onmouseover]",
  "[onclick]",
  "a[href^='javascript' i]",
  "a[href^='vbscript' i]",
  "a[href^='data:' i]",
].join(", ");

describe("hostile releases in Chromium", () => {
  let server: StaticServer;
  let browser: Browser;
  let releases: Release[];
  const dialogs: string[] = [];

  beforeAll(async () => {
    const project = makeProject({ ...samples(["bad/html-injection.txt"]), ...HOSTILE_RELEASES });
    const result = await project.build({ now: "2026-11-29T12:00:00+03:00" });
    expect(result.ok).toBe(true);
    releases = result.releases;
    server = await serve(path.join(project.root, "dist"));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens a page, lets its scripts run, and returns it; every dialog is recorded and dismissed. */
  async function open(url: string): Promise<Page> {
    const page = await browser.newPage();
    page.on("dialog", (dialog) => {
      dialogs.push(`${url}: ${dialog.type()} ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(new URL(url.replace(/^\//, ""), server.url).href, { waitUntil: "load" });
    // Hover and focus everything once: an injected onmouseover or onfocus would fire now.
    await page.evaluate(() => {
      for (const element of document.querySelectorAll("*")) {
        for (const type of ["mouseover", "focus", "click"])
          if (!(element instanceof HTMLAnchorElement && type === "click")) element.dispatchEvent(new Event(type));
      }
    });
    await page.waitForTimeout(200);
    return page;
  }

  /** Injected elements in the page's own document (not Playwright's selectors: they pierce the browser's own shadow roots). */
  async function injected(page: Page): Promise<string[]> {
    return page.evaluate((selector) => [...document.querySelectorAll(selector)].map((element) => element.outerHTML.slice(0, 120)), INJECTED);
  }

  it("shows the release page's markup as text", async () => {
    const release = releases.find((r) => r.title === INJECTION_TITLE)!;
    const page = await open(release.url);
    expect(await page.locator("h1").textContent()).toBe(INJECTION_TITLE);
    expect(await page.locator(".release-body").textContent()).toContain("<img src=x onerror=alert(2)> ورابط javascript:alert(3) و ]]>");
    expect(await page.title()).toContain(INJECTION_TITLE);
    expect(await injected(page)).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it("runs nothing from the other hostile releases' pages", async () => {
    for (const release of releases.filter((r) => r.title !== INJECTION_TITLE)) {
      const page = await open(release.url);
      expect(await injected(page), release.url).toEqual([]);
      await page.close();
    }
    expect(dialogs).toEqual([]);
  });

  it("shows the titles as text on the home page and the tag pages", async () => {
    for (const url of ["/", "/tags/"]) {
      const page = await open(url);
      expect(await injected(page), url).toEqual([]);
      if (url === "/") expect(await page.locator(".release-card h2").allTextContents()).toContain(INJECTION_TITLE);
      await page.close();
    }
    expect(dialogs).toEqual([]);
  });

  it("runs nothing on the search page with a query from the release", async () => {
    const page = await open(`/search/?q=${encodeURIComponent("فقرة")}`);
    // The search client fills #search-results when it exists; until then the page must at least be inert.
    const results = page.locator("#search-results li");
    if ((await page.locator("#search-results").count()) > 0) {
      await results.first().waitFor({ timeout: 10_000 });
      const titles = await results.allTextContents();
      expect(titles.some((title) => title.includes("<script>alert(1)</script>"))).toBe(true);
    }
    expect(await injected(page)).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it("runs nothing when a reader opens the feed in the browser", async () => {
    for (const url of ["/feed.xml", "/atom.xml", "/feed.json", "/sitemap.xml"]) {
      const page = await open(url);
      expect(await injected(page), url).toEqual([]);
      // Through the feed's XSLT preview, when the browser still runs it, the title is text.
      if (url === "/feed.xml" && (await page.locator(".release-card").count()) > 0) {
        expect(await page.locator(".release-card h2").allTextContents()).toContain(INJECTION_TITLE);
      }
      await page.close();
    }
    expect(dialogs).toEqual([]);
  });
});
