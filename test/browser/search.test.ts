/**
 * The search page in headless Chromium: Arabic variants find the release a reader means, hits are
 * highlighted, the query stays in the URL, and all of it works under a path prefix too.
 */
import path from "node:path";
import type { Browser } from "playwright-core";
import { launchChromium } from "../helpers/browser.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeProject, samples, type TestProject } from "../helpers/project.ts";
import { serve, type StaticServer } from "../helpers/server.ts";

const STATEMENT = "---\ndate: 2026-11-01\nsummary: تصريح قصير.\n---\nتصريح وزير الطاقة عن المشروع\n\nأكّد وزير الطاقة أن مشروع الشبكة الجديدة يسير وفق الخطة المعتمدة.\n";
const SEED = "/releases/2026/11/seed-release/";

let project: TestProject;
let browser: Browser;

beforeAll(async () => {
  project = makeProject({
    ...samples(["seed-release.txt", "2026-11-24-desalination-plant.txt", "2026-11-24-desalination-plant.en.txt", "2026-10-05-digital-services.md"]),
    "2026-11-01-statement.txt": STATEMENT,
  });
  expect((await project.build({ now: "2026-11-29T12:00:00+03:00" })).ok).toBe(true);
  expect((await project.build({ now: "2026-11-29T12:00:00+03:00", pathPrefix: "/newsroom/", output: "dist-prefixed" })).ok).toBe(true);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe.each([
  ["/", "dist"],
  ["/newsroom/", "dist-prefixed"],
])("search under %s", (prefix, output) => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await serve(path.join(project.root, output), prefix);
  });
  afterAll(async () => {
    await server?.close();
  });

  /** Opens the search page with a query and returns the result links (site-relative) and the marked words. */
  async function search(query: string, section = "") {
    const page = await browser.newPage();
    const outside: string[] = [];
    await page.route("**/*", (route) => {
      if (new URL(route.request().url()).hostname !== "127.0.0.1") {
        outside.push(route.request().url());
        return route.abort();
      }
      return route.continue();
    });
    await page.goto(`${server.url}${section}search/?q=${encodeURIComponent(query)}`);
    await page.waitForSelector("#search-results li, #search-status:not(:empty)");
    await page.waitForFunction(() => document.querySelector("#search-status")?.textContent !== "");
    const results = await page.$$eval("#search-results li a", (links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    const marks = await page.$$eval("#search-results mark", (marks) => marks.map((m) => m.textContent));
    const url = page.url();
    await page.close();
    expect(outside).toEqual([]);
    return { results: results.map((url) => url.slice(prefix.length - 1)), marks, url };
  }

  it.each([
    ["قطر", SEED],
    ["سعودية", SEED],
    ["اكد", "/releases/2026/11/statement/"],
    ["الطاقه الشمسيه", "/releases/2026/11/desalination-plant/"],
  ])("finds %s in the right release, highlighted", async (query, expected) => {
    const { results, marks, url } = await search(query);
    expect(results[0]).toBe(expected);
    expect(marks.length).toBeGreaterThan(0);
    expect(new URL(url).searchParams.get("q")).toBe(query);
  });

  it("searches English from the English page, without the Arabic release", async () => {
    const { results } = await search("desalination", "en/");
    expect(results).toEqual(["/en/releases/2026/11/desalination-plant/"]);
  });
});
