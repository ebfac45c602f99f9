import type { EleventyConfig } from "@11ty/eleventy";
import { localize, type Localized, type Site } from "../config.ts";
import { renderInline } from "../release/inline.ts";
import { formatLongDate, formatMonth, formatNumber, formatShortDate } from "../dates/dates.ts";

/** Filters the templates use: dates and numbers in the page's language, localized config, absolute URLs. */
export function filtersPlugin(eleventyConfig: EleventyConfig, { site, base }: { site: Site; base: string }) {
  eleventyConfig.addFilter("longDate", (iso: string, lang: string) => formatLongDate(iso, lang, site));
  eleventyConfig.addFilter("shortDate", (iso: string, lang: string) => formatShortDate(iso, lang, site));
  eleventyConfig.addFilter("monthName", (year: number, month: number, lang: string) => formatMonth(year, month, lang, site));
  eleventyConfig.addFilter("number", (value: number, lang: string) => formatNumber(value, lang, site.digits));
  eleventyConfig.addFilter("localize", (value: Localized | undefined, lang: string) => localize(value, lang, site));
  /** User text (contact, boilerplate) → safe HTML: escaped, links made, Latin runs isolated in RTL. */
  eleventyConfig.addFilter("inline", (text: string, dir: "rtl" | "ltr") => renderInline(text ?? "", dir));
  /** `/releases/x/` → `https://news.example.org/newsroom/releases/x/`. */
  eleventyConfig.addFilter("absoluteUrl", (url: string) => new URL(url.replace(/^\//, ""), base).href);
}
