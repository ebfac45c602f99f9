import { readdirSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { localize, type Site } from "../../src/config.ts";
import type { Release } from "../../src/release/model.ts";
import { buildNewsroom, type Feed } from "../../src/site/newsroom.ts";
import type { TestProject } from "../helpers/project.ts";
import { sharedSite } from "../helpers/shared-sites.ts";
import { expectAbsoluteUrls, itemHtml, readFeed, RFC_3339, RFC_822 } from "./feed-files.ts";

/** `/x/` → `https://news.example.org/x/` (these builds have no path prefix). */
const absoluteIn = (site: Site) => (url: string) => new URL(url.replace(/^\//, ""), `${site.url}/`).href;

describe("the feeds of the sample newsroom", () => {
  let project: TestProject;
  let site: Site;
  let published: Release[];
  let feeds: Feed[];
  let absolute: (url: string) => string;

  beforeAll(async () => {
    const { project: shared, result } = await sharedSite("samples+injection");
    project = shared;
    expect(result.ok).toBe(true);
    site = result.site!;
    published = result.releases.filter((release) => release.published);
    // The newsroom says which feeds exist and what they hold; these tests check that each is written faithfully.
    feeds = buildNewsroom(published, site).feeds;
    absolute = absoluteIn(site);
  });

  it("writes three formats for the site, each language and each tag, and nothing else called a feed", () => {
    const written = readdirSync(path.join(project.root, "dist"), { recursive: true, encoding: "utf8" })
      .filter((file) => /(^|\/)(feed\.xml|atom\.xml|feed\.json)$/.test(file))
      .map((file) => `/${file}`)
      .sort();
    expect(written).toEqual(feeds.flatMap((feed) => [feed.links.rss, feed.links.atom, feed.links.json]).sort());
    expect(written).toContain("/feed.xml");
    expect(written).toContain("/en/atom.xml");
    expect(feeds.filter((feed) => feed.tag).length).toBeGreaterThanOrEqual(5);
  });

  it("puts the latest published releases of each feed in every format, newest first, with stable ids", () => {
    for (const feed of feeds) {
      const { rss, atom, json } = readFeed(project, feed.links);
      const ids = feed.releases.map((release) => release.id);
      expect(
        rss.items.map((item) => item.id),
        feed.links.rss,
      ).toEqual(ids);
      expect(
        atom.items.map((item) => item.id),
        feed.links.atom,
      ).toEqual(ids);
      expect(
        json.items.map((item: { id: string }) => item.id),
        feed.links.json,
      ).toEqual(ids);
      for (const parsed of [rss, atom]) {
        expect(parsed.items.map((item) => item.url)).toEqual(feed.releases.map((release) => absolute(release.url)));
        expect(parsed.items.map((item) => item.title)).toEqual(feed.releases.map((release) => release.title));
        expect(parsed.items.map((item) => item.published!.getTime())).toEqual(feed.releases.map((release) => Date.parse(release.date)));
        expect(parsed.items.map((item) => item.categories.map((c) => c.term))).toEqual(feed.releases.map((release) => release.tags));
      }
      const times = feed.releases.map((release) => Date.parse(release.date));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
    // Independently of the newsroom: a language feed holds every published release of that language.
    const arabic = feeds.find((feed) => feed.lang === "ar" && !feed.tag)!;
    expect(readFeed(project, arabic.links).json.items.length).toBe(Math.min(site.feedSize, published.filter((r) => r.lang === "ar").length));
    expect(published.filter((r) => r.lang === "ar").length).toBeGreaterThanOrEqual(5);
  });

  it("leaves drafts and embargoed releases out", () => {
    for (const feed of feeds) {
      const { text } = readFeed(project, feed.links);
      for (const format of Object.values(text)) {
        expect(format).not.toContain("draft-note");
        expect(format).not.toContain("embargoed-budget");
      }
    }
  });

  it("dates items in RFC 822 (RSS) and RFC 3339 (Atom, JSON Feed) with the site's offset", () => {
    for (const feed of feeds) {
      const { rssTree, atomTree, json } = readFeed(project, feed.links);
      expect(rssTree.lastBuildDate).toMatch(RFC_822);
      expect(atomTree.updated).toMatch(RFC_3339);
      for (const item of rssTree.item) expect(item.pubDate).toMatch(RFC_822);
      for (const entry of atomTree.entry) {
        expect(entry.published).toMatch(RFC_3339);
        expect(entry.updated).toMatch(RFC_3339);
      }
      for (const item of json.items) {
        expect(item.date_published).toMatch(RFC_3339);
        expect(item.date_modified).toMatch(RFC_3339);
      }
    }
    const desalination = readFeed(project, feeds[0].links).rssTree.item.find((item: any) => item.link[0].endsWith("/releases/2026/11/desalination-plant/"));
    expect(desalination.pubDate).toBe("Tue, 24 Nov 2026 00:00:00 +0300");
  });

  it("names itself in its language: title, description, language, self link, logo", () => {
    for (const feed of feeds) {
      const { rss, atom, json, text } = readFeed(project, feed.links);
      const siteTitle = localize(site.title, feed.lang, site);
      const title = feed.tag ? `${siteTitle} — ${feed.tag.name}` : siteTitle;
      const description = localize(site.description, feed.lang, site);
      expect([rss.title, atom.title, json.title]).toEqual([title, title, title]);
      expect([rss.description, atom.description, json.description]).toEqual([description, description, description]);
      expect([rss.language, atom.language, json.language]).toEqual([feed.lang, feed.lang, feed.lang]);
      expect(text.atom).toContain(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${feed.lang}">`);
      expect(rss.self).toBe(absolute(feed.links.rss));
      expect(atom.self).toBe(absolute(feed.links.atom));
      expect(json.feed_url).toBe(absolute(feed.links.json));
      expect([rss.url, atom.url, json.home_page_url]).toEqual(Array(3).fill(absolute(feed.pageUrl)));
      const logo = absolute(`/${site.logo}`);
      expect(rss.image?.url).toMatch(/\/img\/logo-[0-9a-f]{10}\.png$/);
      expect(rss.image?.url.startsWith(absolute("/img/"))).toBe(true);
      expect(atom.image?.url).toBe(logo);
      expect(json.icon).toBe(logo);
      expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    }
    expect(localize(site.title, "en", site)).toBe("Media Centre");
  });

  it("shows the SVG logo in RSS as a PNG no wider than 144 pixels, as RSS 2.0 asks, with its size", async () => {
    expect(site.logo).toMatch(/\.svg$/);
    const { image } = readFeed(project, feeds[0].links).rssTree;
    const file = path.join(project.root, "dist", new URL(image.url).pathname);
    const { format, width, height } = await sharp(file).metadata();
    expect(format).toBe("png");
    expect(Math.max(width!, height!)).toBe(144);
    expect([image.width, image.height]).toEqual([width, height]);
  });

  it("carries the full body as HTML in the release's direction, with absolute URLs, and the summary", () => {
    for (const feed of feeds) {
      const parsed = readFeed(project, feed.links);
      const htmls = itemHtml(parsed);
      expect(htmls.length).toBe(3 * feed.releases.length);
      for (const html of htmls) {
        expect(html).toMatch(new RegExp(`^<div dir="${feed.dir}" lang="${feed.lang}">`));
        expectAbsoluteUrls(html);
      }
      expect(parsed.rss.items.map((item) => item.description)).toEqual(feed.releases.map((release) => release.summary));
      expect(parsed.json.items.map((item: { summary: string }) => item.summary)).toEqual(feed.releases.map((release) => release.summary));
    }
    const desalination = itemHtml(readFeed(project, feeds[0].links)).find((html) => html.includes("jubail-2026.pdf"))!;
    expect(desalination).toContain('href="https://example.org/reports/jubail-2026.pdf"');
    expect(desalination).toContain("<ul>");
  });

  it("keeps a hostile release's markup as text in every format", () => {
    const hostile = published.find((release) => release.file.endsWith("html-injection.txt"))!;
    expect(hostile.title).toContain("<script>");
    const carrying = feeds.filter((feed) => feed.releases.some((release) => release.id === hostile.id));
    expect(carrying.length).toBeGreaterThan(0);
    for (const feed of carrying) {
      const parsed = readFeed(project, feed.links);
      const index = feed.releases.findIndex((release) => release.id === hostile.id);
      expect(parsed.rss.items[index].title).toBe(hostile.title);
      expect(parsed.atom.items[index].title).toBe(hostile.title);
      expect(parsed.json.items[index].title).toBe(hostile.title);
      for (const html of itemHtml(parsed)) {
        const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
        expect(document.querySelectorAll("script, img, [onerror], b").length).toBe(0);
        for (const a of document.querySelectorAll("a")) expect(a.getAttribute("href")).not.toMatch(/^javascript:/i);
      }
      const text = parseHTML(`<!doctype html><html><body>${parsed.json.items[index].content_html}</body></html>`).document.body.textContent!;
      expect(text).toContain("<img src=x onerror=alert(2)>");
      expect(text).toContain("]]>");
      expect(parsed.text.rss).not.toContain("<script>");
      expect(parsed.text.json).not.toMatch(/<|>/);
    }
  });

  it("links each feed to the browser preview of its language", () => {
    expect(project.read("/feed.xml")).toContain('<?xml-stylesheet href="/feed.xsl" type="text/xsl"?>');
    expect(project.read("/tags/myah-83f1ba/atom.xml")).toContain('<?xml-stylesheet href="/feed.xsl" type="text/xsl"?>');
    expect(project.read("/en/feed.xml")).toContain('<?xml-stylesheet href="/en/feed.xsl" type="text/xsl"?>');
  });
});
