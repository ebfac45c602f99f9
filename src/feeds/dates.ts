import { dateToRfc822 } from "@11ty/eleventy-plugin-rss";
import { DateTime } from "luxon";
import { instant } from "../dates/dates.ts";

/**
 * An ISO 8601 date as RFC 822 (RSS `pubDate`) in the site's time zone, by the RSS plugin.
 *
 * @example toRfc822("2026-11-24T00:00:00+03:00", "Asia/Riyadh") // "Tue, 24 Nov 2026 00:00:00 +0300"
 */
export function toRfc822(iso: string, zone: string): string {
  return dateToRfc822(iso, zone);
}

/**
 * An ISO 8601 date as RFC 3339 (Atom, JSON Feed, sitemaps) in the site's time zone, to the second.
 * The RSS plugin's own `dateToRfc3339` writes UTC (`Z`); readers show the offset we give them.
 *
 * @example toRfc3339("2026-11-23T21:00:00Z", "Asia/Riyadh") // "2026-11-24T00:00:00+03:00"
 */
export function toRfc3339(iso: string, zone: string): string {
  const date = DateTime.fromISO(iso, { setZone: true });
  if (!date.isValid) throw new Error(`[bayan feeds] "${iso}" is not an ISO 8601 date`);
  return date.setZone(zone).startOf("second").toISO({ suppressMilliseconds: true })!;
}

/** The latest of some ISO 8601 dates (compared as instants), or undefined when there are none. */
export function newestDate(isos: string[]): string | undefined {
  let newest: string | undefined;
  let newestMillis = -Infinity;
  for (const iso of isos) {
    const millis = instant(iso).getTime();
    if (millis > newestMillis) [newest, newestMillis] = [iso, millis];
  }
  return newest;
}
