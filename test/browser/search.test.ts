/**
 * The search page in headless Chromium: Arabic variants find the release a reader means, hits are
 * highlighted, the query stays in the URL, and all of it works under a path prefix too.
 */
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../helpers/browser.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeProject, samples, type TestProject } from "../helpers/project.ts";
import { serve, type StaticServer } from "../helpers/server.ts";

const STATEMENT =
  "---\ndate: 2026-11-01\nsummary: تصريح قصير.\n---\nتصريح وزير الطاقة عن المشروع\n\nأكّد وزير الطاقة أن مشروع الشبكة الجديدة يسير وفق الخطة المعتمدة.\n";
const SEED = "/releases/2026/11/seed-release/";
const MEETING = "عقدت اللجنة اجتماعها الدوري وبحثت سبل التعاون وتبادل الخبرات بين الجانبين في مجالات عدة. ".repeat(4);
// Coverage: one release holds تقرير, المرصد and الكثبان deep in its body; three others hold two of them in their title.
const COVERAGE = {
  "2026-10-20-dunes-report.txt": `اجتماع اللجنة الدورية\n\n${MEETING}\n\nوناقش المجتمعون تقرير المرصد عن الكثبان في الربع الخالي.\n\n${MEETING}\n`,
  ...Object.fromEntries([1, 2, 3].map((n) => [`2026-10-0${n}-observatory-${n}.txt`, `تقرير المرصد ${n}\n\nأصدر المرصد تقريره السنوي الذي يصدر كل عام.\n`])),
};

let project: TestProject;
let browser: Browser;

beforeAll(async () => {
  project = makeProject({
    ...samples(["seed-release.txt", "2026-11-24-desalination-plant.txt", "2026-11-24-desalination-plant.en.txt", "2026-10-05-digital-services.md"]),
    "2026-11-01-statement.txt": STATEMENT,
    ...COVERAGE,
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
  // One tab for the prefix's tests, each search a fresh load of the page; every request to another host is refused and recorded.
  let page: Page;
  const outside: string[] = [];
  beforeAll(async () => {
    server = await serve(path.join(project.root, output), prefix);
    page = await browser.newPage();
    await page.route("**/*", (route) => {
      if (new URL(route.request().url()).hostname !== "127.0.0.1") {
        outside.push(route.request().url());
        return route.abort();
      }
      return route.continue();
    });
  });
  afterAll(async () => {
    await page?.close();
    await server?.close();
  });

  /** Opens the search page with a query and returns the result links (site-relative) and the marked words. */
  async function search(query: string, section = "") {
    outside.length = 0;
    await page.goto(`${server.url}${section}search/?q=${encodeURIComponent(query)}`);
    await page.waitForSelector("#search-results li, #search-status:not(:empty)");
    await page.waitForFunction(() => document.querySelector("#search-status")?.textContent !== "");
    const results = await page.$$eval("#search-results li a", (links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    const marks = await page.$$eval("#search-results mark", (marks) => marks.map((m) => m.textContent));
    const dates = await page.$$eval("#search-results time", (times) => times.map((time) => time.textContent));
    const status = await page.$eval("#search-status", (status) => status.textContent);
    const url = page.url();
    expect(outside).toEqual([]);
    return { results: results.map((url) => url.slice(prefix.length - 1)), marks, dates, status, url };
  }

  it.each([
    ["قطر", SEED],
    ["سعودية", SEED],
    ["اكد", "/releases/2026/11/statement/"],
    ["الطاقه الشمسيه", "/releases/2026/11/desalination-plant/"],
    // A typo: one letter wrong.
    ["التناضخ", "/releases/2026/11/desalination-plant/"],
  ])("finds %s in the right release, highlighted", async (query, expected) => {
    const { results, marks, url } = await search(query);
    expect(results[0]).toBe(expected);
    expect(marks.length).toBeGreaterThan(0);
    expect(new URL(url).searchParams.get("q")).toBe(query);
  });

  it("searches English from the English page, without the Arabic release, dated as the site dates it", async () => {
    const { results, dates, status } = await search("desalination", "en/");
    expect(results).toEqual(["/en/releases/2026/11/desalination-plant/"]);
    // No-break spaces hold the date together, as on every page.
    expect(dates).toEqual(["24\u00a0November\u00a02026"]);
    expect(status).toBe("1 result for “desalination”");
  });

  it("ranks the release holding every word first, above titles holding two", async () => {
    const { results, status } = await search("تقرير المرصد الكثبان");
    expect(results[0]).toBe("/releases/2026/10/dunes-report/");
    expect(results.slice(1, 4).sort()).toEqual([1, 2, 3].map((n) => `/releases/2026/10/observatory-${n}/`));
    expect(results.length).toBeLessThanOrEqual(10);
    // Arabic plural: 3 to 10 take نتائج.
    expect(status).toBe(`${results.length} نتائج لـ «تقرير المرصد الكثبان»`);
  });

  it("shows releases holding some of the words when none holds them all, and says so", async () => {
    const { results, status } = await search("الكثبان زمهرير");
    expect(results).toEqual(["/releases/2026/10/dunes-report/"]);
    expect(status).toBe("نتيجة واحدة لـ «الكثبان زمهرير» لا يوجد بيان يحوي كل الكلمات؛ هذه بيانات تحوي بعضها.");
  });

  it("dates each result exactly as the release's card on the home page", async () => {
    const { results, dates } = await search("تحلية");
    const card = [...project.page("/", output).querySelectorAll("article, li")].find(
      (item) => item.querySelector(`a[href$="${results[0]}"]`) && item.querySelector("time"),
    );
    expect(dates[0]).toBe(card!.querySelector("time")!.textContent);
    // Both calendars, as the site's `calendars` says.
    expect(dates[0]).toMatch(/^14\s?جمادى\sالآخرة\s1448\sهـ\s·\s24\sنوفمبر\s2026$/);
  });
});
