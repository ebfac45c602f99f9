import { describe, expect, it } from "vitest";
import { newestDate, toRfc3339, toRfc822 } from "../../src/feeds/dates.ts";
import { absoluteUrl } from "../../src/plugins/filters.ts";
import { scriptSafeJson } from "../../src/feeds/json.ts";
import { ogLocale } from "../../src/feeds/locale.ts";
import { sitemapEntries } from "../../src/feeds/sitemap.ts";
import { xmlText } from "../../src/feeds/xml.ts";
import type { Release } from "../../src/release/model.ts";
import { buildNewsroom } from "../../src/site/newsroom.ts";
import { validateSite } from "../../src/config.ts";

describe("xmlText", () => {
  it.each([
    ["plain Arabic", "بيان صحفي", "بيان صحفي"],
    ["markup, left for autoescape", "<b>&amp;</b> ]]>", "<b>&amp;</b> ]]>"],
    ["C0 controls but tab, LF, CR", "a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\th\ni\rj", "abcdefg\th\ni\rj"],
    ["DEL and C1 controls", "a\u007Fb\u0085c\u009Fd", "abcd"],
    ["U+FFFE and U+FFFF", "a\uFFFEb\uFFFFc", "abc"],
    ["lone surrogates, keeping pairs", "a\uD800b\uDC00c😀", "abc😀"],
    ["undefined", undefined, ""],
    ["a number", 2026, "2026"],
  ])("%s", (_, input, expected) => {
    expect(xmlText(input)).toBe(expected);
  });
});

describe("scriptSafeJson", () => {
  it("cannot close a script element or open a comment, and stays valid JSON", () => {
    const value = { headline: "</script><script>alert(1)</script> <!-- & \u2028\u2029" };
    const json = scriptSafeJson(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });

  it("leaves out empty members but keeps empty array slots and falsy numbers", () => {
    expect(JSON.parse(scriptSafeJson({ a: "", b: null, c: undefined, d: 0, e: false, f: ["", null], g: { h: "" } }))).toEqual({
      d: 0,
      e: false,
      f: ["", null],
      g: {},
    });
  });

  it("strips control characters and writes String objects (Nunjucks' SafeString) as strings", () => {
    expect(JSON.parse(scriptSafeJson({ title: new String("a\u0001b") }))).toEqual({ title: "ab" });
  });
});

describe("feed dates", () => {
  it.each([
    ["2026-11-24T00:00:00+03:00", "Tue, 24 Nov 2026 00:00:00 +0300", "2026-11-24T00:00:00+03:00"],
    ["2026-11-23T21:00:00.000Z", "Tue, 24 Nov 2026 00:00:00 +0300", "2026-11-24T00:00:00+03:00"],
    ["2026-10-05T09:30:15.250+03:00", "Mon, 05 Oct 2026 09:30:15 +0300", "2026-10-05T09:30:15+03:00"],
  ])("%s in Asia/Riyadh", (iso, rfc822, rfc3339) => {
    expect(toRfc822(iso, "Asia/Riyadh")).toBe(rfc822);
    expect(toRfc3339(iso, "Asia/Riyadh")).toBe(rfc3339);
  });

  it("uses the zone's offset on the day, and names an invalid date", () => {
    expect(toRfc3339("2026-07-01T12:00:00Z", "Europe/London")).toBe("2026-07-01T13:00:00+01:00");
    expect(toRfc3339("2026-01-01T12:00:00Z", "Europe/London")).toBe("2026-01-01T12:00:00+00:00");
    expect(() => toRfc3339("2026-13-45", "Asia/Riyadh")).toThrow(/2026-13-45/);
  });

  it("converts a date written with another offset than the zone's, and one across a daylight saving change", () => {
    expect(toRfc3339("2026-11-24T00:00:00+02:00", "Asia/Riyadh")).toBe("2026-11-24T01:00:00+03:00");
    expect(toRfc3339("2026-07-01T13:00:00+00:00", "Europe/London")).toBe("2026-07-01T14:00:00+01:00");
    expect(toRfc3339("2026-07-01T13:00:00+01:00", "Europe/London")).toBe("2026-07-01T13:00:00+01:00");
    expect(toRfc3339("2026-01-01T09:15:00-05:00", "America/New_York")).toBe("2026-01-01T09:15:00-05:00");
    expect(toRfc3339("2026-01-01T09:15:00+05:30", "Asia/Kolkata")).toBe("2026-01-01T09:15:00+05:30");
  });

  it("finds the newest date as an instant, whatever the offsets", () => {
    expect(newestDate(["2026-11-24T00:00:00+03:00", "2026-11-23T22:00:00Z", "2026-11-23T23:30:00+02:00"])).toBe("2026-11-23T22:00:00Z");
    expect(newestDate([])).toBeUndefined();
  });
});

describe("ogLocale", () => {
  it.each([
    ["ar", "ar_SA"],
    ["en", "en_GB"],
    ["en-US", "en_US"],
    ["ar-EG", "ar_EG"],
    ["zh-Hant-TW", "zh_TW"],
    ["xx", "xx"],
  ])("%s → %s", (lang, locale) => {
    expect(ogLocale(lang)).toBe(locale);
  });
});

describe("sitemapEntries", () => {
  const site = validateSite({ title: "T", url: "https://news.example.org", languages: ["ar", "en"], perPage: 1 }, "site.json");
  const release = (slug: string, lang: string, date: string, fields: Partial<Release> = {}): Release =>
    ({
      slug,
      lang,
      dir: lang === "ar" ? "rtl" : "ltr",
      url: `${lang === "ar" ? "/" : `/${lang}/`}releases/2026/11/${slug}/`,
      date,
      updated: date,
      tags: [],
      title: slug,
      id: slug,
      published: true,
      ...fields,
    }) as Release;
  const releases = [
    release("b", "ar", "2026-11-20T00:00:00+03:00", { translationKey: "k", tags: ["t"] }),
    release("b", "en", "2026-11-20T00:00:00+03:00", { translationKey: "k" }),
    release("a", "ar", "2026-11-10T00:00:00+03:00", { updated: "2026-11-25T00:00:00+03:00", tags: ["t"] }),
  ];
  const entries = sitemapEntries(buildNewsroom(releases, site), site);
  const entry = (url: string) => entries.find((e) => e.url === url)!;

  it("gives every page of a list the newest update in the whole list", () => {
    expect(entry("/").lastmod).toBe("2026-11-25T00:00:00+03:00");
    expect(entry("/page/2/").lastmod).toBe("2026-11-25T00:00:00+03:00");
    expect(entry("/archive/2026/11/page/2/").lastmod).toBe("2026-11-25T00:00:00+03:00");
    expect(entry("/en/").lastmod).toBe("2026-11-20T00:00:00+03:00");
    expect(entry("/en/tags/").lastmod).toBe("2026-11-20T00:00:00+03:00");
  });

  it("gives translations each other, themselves and the main language as x-default", () => {
    expect(entry("/en/releases/2026/11/b/").alternates).toEqual([
      { lang: "en", url: "/en/releases/2026/11/b/" },
      { lang: "ar", url: "/releases/2026/11/b/" },
      { lang: "x-default", url: "/releases/2026/11/b/" },
    ]);
    expect(entry("/releases/2026/11/a/").alternates).toEqual([]);
    expect(entry("/releases/2026/11/a/").lastmod).toBe("2026-11-25T00:00:00+03:00");
  });

  it("lists no page twice, and no search page", () => {
    const urls = entries.map((e) => e.url);
    expect(new Set(urls).size).toBe(urls.length);
    expect(urls.filter((url) => url.includes("search"))).toEqual([]);
  });
});

describe("absoluteUrl", () => {
  const base = "https://news.example.org/newsroom/";
  it.each([
    ["/releases/2026/11/desalination-plant/", "https://news.example.org/newsroom/releases/2026/11/desalination-plant/"],
    ["/og/releases/2026/11/a.png", "https://news.example.org/newsroom/og/releases/2026/11/a.png"],
    ["/", "https://news.example.org/newsroom/"],
    ["/releases/%D8%A8%D9%8A%D8%A7%D9%86/", "https://news.example.org/newsroom/releases/%D8%A8%D9%8A%D8%A7%D9%86/"],
    ["/releases/بيان/", "https://news.example.org/newsroom/releases/%D8%A8%D9%8A%D8%A7%D9%86/"],
    ["/releases/../feed.xml", "https://news.example.org/newsroom/feed.xml"],
    ["/search/?q=قطر", "https://news.example.org/newsroom/search/?q=%D9%82%D8%B7%D8%B1"],
    ["https://example.com/x", "https://example.com/x"],
  ])("%s", (url, expected) => {
    expect(absoluteUrl(url, base)).toBe(expected);
    expect(absoluteUrl(url, base)).toBe(new URL(url.replace(/^\//, ""), base).href);
  });
});
