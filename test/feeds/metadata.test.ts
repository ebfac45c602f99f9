import { readdirSync } from "node:fs";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { localize, type Site } from "../../src/config.ts";
import type { Release } from "../../src/release/model.ts";
import type { TestProject } from "../helpers/project.ts";
import { sharedSite } from "../helpers/shared-sites.ts";
import { RFC_3339 } from "./feed-files.ts";

const OG_LOCALE: Record<string, string> = { ar: "ar_SA", en: "en_GB" };

describe("head metadata, sitemap and robots.txt of the sample newsroom", () => {
  let project: TestProject;
  let site: Site;
  let published: Release[];
  /** Every HTML page of the output by URL path: `/`, `/releases/…/`, `/404.html`. */
  let pages: string[];
  const absolute = (url: string) => new URL(url.replace(/^\//, ""), "https://news.example.org/").href;
  const meta = (document: Document, property: string) =>
    document.querySelector(`meta[property="${property}"], meta[name="${property}"]`)?.getAttribute("content");

  beforeAll(async () => {
    const { project: shared, result } = await sharedSite("samples+injection");
    project = shared;
    expect(result.ok).toBe(true);
    site = result.site!;
    published = result.releases.filter((release) => release.published);
    pages = readdirSync(path.join(project.root, "dist"), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".html"))
      .map((file) => `/${file}`.replace(/index\.html$/, ""));
  });

  it("gives every page a canonical URL, Open Graph and a Twitter card", () => {
    expect(pages.length).toBeGreaterThan(20);
    for (const url of pages) {
      const document = project.page(url);
      const lang = document.documentElement.getAttribute("lang")!;
      const isRelease = published.some((release) => release.url === url);
      if (url === "/404.html") {
        expect(document.querySelector('link[rel="canonical"]')).toBeNull();
        expect(meta(document, "robots")).toBe("noindex");
      } else {
        expect(document.querySelector('link[rel="canonical"]')!.getAttribute("href"), url).toBe(absolute(url));
        expect(meta(document, "og:url")).toBe(absolute(url));
        expect(meta(document, "robots")).toBeUndefined();
      }
      expect(meta(document, "og:site_name")).toBe(localize(site.title, lang, site));
      expect(meta(document, "og:title")).toBeTruthy();
      expect(meta(document, "og:description")).toBe(document.querySelector('meta[name="description"]')!.getAttribute("content"));
      expect(meta(document, "og:locale"), url).toBe(OG_LOCALE[lang]);
      expect(meta(document, "og:type"), url).toBe(isRelease ? "article" : "website");
      const image = meta(document, "og:image");
      expect(meta(document, "twitter:card"), url).toBe(image ? "summary_large_image" : "summary");
      if (image) expect(image).toMatch(/^https:\/\/news\.example\.org\//);
    }
  });

  it("describes each release as an article: dates, tags, summary, translations", () => {
    for (const release of published) {
      const document = project.page(release.url);
      expect(meta(document, "og:title")).toBe(release.title);
      expect(meta(document, "og:description")).toBe(release.summary);
      expect(meta(document, "article:published_time")).toBe(release.date);
      expect(meta(document, "article:modified_time")).toBe(release.updated);
      expect([...document.querySelectorAll('meta[property="article:tag"]')].map((m) => m.getAttribute("content"))).toEqual(release.tags);
    }
    const arabic = project.page("/releases/2026/11/desalination-plant/");
    expect([...arabic.querySelectorAll('meta[property="og:locale:alternate"]')].map((m) => m.getAttribute("content"))).toEqual(["en_GB"]);
  });

  it("writes JSON-LD that parses on every release page and names the right headline and dates", () => {
    for (const release of published) {
      const document = project.page(release.url);
      const scripts = document.querySelectorAll('script[type="application/ld+json"]');
      expect(scripts.length, release.url).toBe(1);
      const data = JSON.parse(scripts[0].textContent!);
      expect(data["@context"]).toBe("https://schema.org");
      expect(data["@type"]).toBe("NewsArticle");
      expect(data.headline).toBe(release.title);
      expect(data.headline).toBe(document.querySelector("h1")!.textContent);
      expect(data.datePublished).toBe(release.date);
      expect(data.datePublished).toBe(document.querySelector(".release-date time")!.getAttribute("datetime"));
      expect(data.dateModified).toBe(release.updated);
      expect(data.inLanguage).toBe(release.lang);
      expect(data.description).toBe(release.summary);
      expect(data.mainEntityOfPage).toEqual({ "@type": "WebPage", "@id": absolute(release.url) });
      for (const organization of [data.author, data.publisher]) {
        expect(organization["@type"]).toBe("Organization");
        expect(organization.name).toBe(localize(site.title, release.lang, site));
        expect(organization.logo).toEqual({ "@type": "ImageObject", url: absolute(`/${site.logo}`) });
      }
      if (meta(document, "og:image")) expect(data.image).toEqual([meta(document, "og:image")]);
    }
  });

  it("keeps a hostile title from closing the JSON-LD script", () => {
    const hostile = published.find((release) => release.file.endsWith("html-injection.txt"))!;
    const html = project.read(path.join(hostile.url, "index.html"));
    const block = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1];
    expect(block).not.toMatch(/[<>]/);
    expect(JSON.parse(block).headline).toBe(hostile.title);
    expect(project.page(hostile.url).querySelectorAll('script:not([type="application/ld+json"])').length).toBe(0);
  });

  it("links the section feeds from every page and the tag feeds from tag pages, all written", () => {
    for (const url of pages) {
      const document = project.page(url);
      const lang = document.documentElement.getAttribute("lang")!;
      const root = lang === site.lang ? "/" : `/${lang}/`;
      const feeds = [...document.querySelectorAll('link[rel="alternate"][type]')].map((link) => link.getAttribute("href")!);
      expect(feeds, url).toEqual(expect.arrayContaining([`${root}feed.xml`, `${root}atom.xml`, `${root}feed.json`]));
      expect(new Set(feeds).size, url).toBe(feeds.length);
      const tagPage = /^(\/en)?\/tags\/[^/]+\/$/.test(url);
      if (tagPage) expect(feeds).toEqual(expect.arrayContaining([`${url}feed.xml`, `${url}atom.xml`, `${url}feed.json`]));
      for (const feed of feeds) expect(() => project.read(feed), feed).not.toThrow();
    }
  });

  it("lists every page but the 404, the feeds and the search page in the sitemap, with lastmod and hreflang", () => {
    const text = project.read("sitemap.xml");
    expect(XMLValidator.validate(text)).toBe(true);
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["url", "xhtml:link"].includes(name) });
    const urls: Array<{ loc: string; lastmod?: string; "xhtml:link"?: Array<Record<string, string>> }> = parser.parse(text).urlset.url;
    const expected = pages.filter((url) => url !== "/404.html" && !/\/search\/$/.test(url)).map(absolute);
    expect(urls.map((entry) => entry.loc).sort()).toEqual(expected.sort());
    for (const entry of urls) expect(entry.lastmod, entry.loc).toMatch(RFC_3339);

    const byLoc = new Map(urls.map((entry) => [entry.loc, entry]));
    for (const release of published) expect(Date.parse(byLoc.get(absolute(release.url))!.lastmod!)).toBe(Date.parse(release.updated));
    const newest = Math.max(...published.filter((r) => r.lang === "ar").map((r) => Date.parse(r.updated)));
    expect(Date.parse(byLoc.get(absolute("/"))!.lastmod!)).toBe(newest);

    const alternates = (url: string) => byLoc.get(absolute(url))!["xhtml:link"]!.map((link) => [link["@hreflang"], link["@href"]]);
    const ar = absolute("/releases/2026/11/desalination-plant/");
    const en = absolute("/en/releases/2026/11/desalination-plant/");
    expect(alternates("/releases/2026/11/desalination-plant/")).toEqual([
      ["ar", ar],
      ["en", en],
      ["x-default", ar],
    ]);
    expect(alternates("/en/releases/2026/11/desalination-plant/")).toEqual([
      ["en", en],
      ["ar", ar],
      ["x-default", ar],
    ]);
    expect(byLoc.get(absolute("/releases/2026/10/digital-services/"))!["xhtml:link"]).toBeUndefined();
  });

  it("points robots.txt at the sitemap by its absolute URL", () => {
    expect(project.read("robots.txt")).toMatch(/^User-agent: \*\nAllow: \/\n\nSitemap: https:\/\/news\.example\.org\/sitemap\.xml\n?$/);
  });

  it("writes a feed preview stylesheet per language that explains feeds in that language", () => {
    for (const lang of site.languages) {
      const root = lang === site.lang ? "/" : `/${lang}/`;
      const xsl = project.read(`${root}feed.xsl`);
      expect(XMLValidator.validate(xsl), lang).toBe(true);
      const strings = JSON.parse(project.read(`../templates/i18n/${lang}.json`));
      expect(xsl).toContain(`<html lang="${lang}" dir="${lang === "ar" ? "rtl" : "ltr"}">`);
      expect(xsl).toContain(strings.feedPreviewTitle);
      expect(xsl).toContain(strings.feedPreviewText);
      expect(xsl).toContain('href="/assets/css/bayan.css"');
    }
  });
});
