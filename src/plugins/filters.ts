import type { EleventyConfig } from "@11ty/eleventy";
import { once } from "./once.ts";
import { localize, type Localized, type Site } from "../config.ts";
import { renderInline } from "../release/inline.ts";
import { formatLongDate, formatMonth, formatNumber, formatShortDate } from "../dates/dates.ts";
import type { Section } from "../site/newsroom.ts";

/** Filters the templates use: dates and numbers in the page's language, localized config, absolute URLs. */
export function filtersPlugin(eleventyConfig: EleventyConfig, { site, base }: { site: Site; base: string }) {
  // A release's date is shown on its page and in every list it is on, the contact and boilerplate
  // on every page: each is worked out once (the results depend on the arguments and the site only).
  eleventyConfig.addFilter(
    "bayanLongDate",
    once((iso: string, lang: string) => formatLongDate(iso, lang, site)),
  );
  eleventyConfig.addFilter(
    "bayanShortDate",
    once((iso: string, lang: string) => formatShortDate(iso, lang, site)),
  );
  eleventyConfig.addFilter("bayanMonthName", (year: number, month: number, lang: string) => formatMonth(year, month, lang, site));
  eleventyConfig.addFilter("bayanNumber", (value: number, lang: string) => formatNumber(value, lang, site.digits));
  eleventyConfig.addFilter("bayanLocalize", (value: Localized | undefined, lang: string) => localize(value, lang, site));
  /** User text (contact, boilerplate) → safe HTML: escaped, links made, Latin runs isolated in RTL. */
  eleventyConfig.addFilter(
    "bayanInline",
    once((text: string, dir: "rtl" | "ltr") => renderInline(text ?? "", dir)),
  );
  eleventyConfig.addFilter("bayanMonthNeighbours", monthNeighbours);
  /** `/releases/x/` → `https://news.example.org/newsroom/releases/x/`. */
  eleventyConfig.addFilter("bayanAbsoluteUrl", (url: string) => absoluteUrl(url, base));
}

const SITE_PATH = /^\/[A-Za-z0-9\-._~%/]*$/;

/**
 * `/releases/x/` → `https://news.example.org/newsroom/releases/x/` (`base` ends with `/`). A plain
 * site path, as the site's own links are, is joined as it is (90,000 of them in a 10,000-release
 * build); anything else goes through `URL` (encoding, `..`, queries, absolute URLs).
 */
export function absoluteUrl(url: string, base: string): string {
  return SITE_PATH.test(url) && !/\/\.\.?(?:\/|$)/.test(url) ? base + url.slice(1) : new URL(url.replace(/^\//, ""), base).href;
}

/** An archive month as its page links to it. */
export interface ArchiveMonth {
  year: number;
  month: number;
  url: string;
}

/**
 * Where a month's archive page leads: up to its year, and to the months beside it that have
 * releases (`older`, `newer`; absent at either end). `years` is a section's archive, newest first.
 *
 * @example monthNeighbours(section.years, 2026, 10) // { year: { year: 2026, url: "/archive/2026/" }, older: { year: 2026, month: 9, … }, newer: { … month: 11 … } }
 */
export function monthNeighbours(years: Section["years"], year: number, month: number) {
  const months: ArchiveMonth[] = years.flatMap((entry) => entry.months.map(({ month, url }) => ({ year: entry.year, month, url })));
  const index = months.findIndex((entry) => entry.year === year && entry.month === month);
  const own = years.find((entry) => entry.year === year);
  return {
    year: own && { year: own.year, url: own.url },
    newer: index > 0 ? months[index - 1] : undefined,
    older: index >= 0 ? months[index + 1] : undefined,
  };
}
