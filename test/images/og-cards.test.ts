import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { validateSite } from "../../src/config.ts";
import { makeProject } from "../helpers/project.ts";

/** Five releases, newest first by the dates in their names. */
const RELEASES = Object.fromEntries(
  [25, 24, 23, 22, 21].map((day, index) => [`2026-11-${day}-news-${index}.txt`, `خبر رقم ${index + 1} عن المشاريع\n\nنص الخبر ${index + 1}.\n`]),
);
const meta = (page: Document, property: string) => page.querySelector(`meta[property="${property}"]`)?.getAttribute("content");

describe("share cards of a site (ogCards)", () => {
  it("are drawn for the newest 500 releases by default", () => {
    const site = validateSite({ title: "المركز الإعلامي", url: "https://news.example.org" }, "templates/site.json");
    expect(site.ogCards).toBe(500);
    expect(validateSite({ title: "المركز الإعلامي", url: "https://news.example.org", ogCards: true }, "templates/site.json").ogCards).toBe(true);
  });

  it("with ogCards: N, draws the newest N and gives the older releases their language's site card", async () => {
    const project = makeProject(RELEASES, { ogCards: 3 });
    const built = await project.build();
    expect(built.ok).toBe(true);
    const home = project.page("/");
    const releaseUrls = [...home.querySelectorAll("main a[href*='/releases/2026/11/']")].map(
      (link) => new URL(link.getAttribute("href")!, "https://x/").pathname,
    );
    const pages = [...new Set(releaseUrls)].map((url) => ({ url, page: project.page(url) }));
    expect(pages.map(({ page }) => page.querySelector("h1")?.textContent?.trim())).toEqual([1, 2, 3, 4, 5].map((n) => `خبر رقم ${n} عن المشاريع`));
    const images = pages.map(({ page }) => meta(page, "og:image")!);
    const siteCard = meta(home, "og:image");
    expect(images.slice(0, 3).every((image) => image.endsWith(".png") && image !== siteCard)).toBe(true);
    expect(new Set(images.slice(0, 3)).size).toBe(3);
    expect(images.slice(3)).toEqual([siteCard, siteCard]);
    for (const { page } of pages) {
      expect([meta(page, "og:image:type"), meta(page, "og:image:width"), meta(page, "og:image:height")]).toEqual(["image/png", "1200", "630"]);
      const file = path.join(project.root, "dist", new URL(meta(page, "og:image")!).pathname);
      const { format, width, height } = await sharp(readFileSync(file)).metadata();
      expect({ format, width, height }).toEqual({ format: "png", width: 1200, height: 630 });
    }
  });
});
