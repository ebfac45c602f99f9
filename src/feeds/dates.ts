import { dateToRfc822 } from "@11ty/eleventy-plugin-rss";
import { DateTime, IANAZone } from "luxon";
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
  // Most dates are already written to the second with the site's own offset: checking that is
  // a tenth of the work of converting them (a sitemap and the feeds hold every release's dates).
  const written = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.\d+)?([+-]\d\d:\d\d)$/.exec(iso);
  if (written && offsetIn(zone, Date.parse(iso)) === written[2]) return `${written[1]}${written[2]}`;
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

/** The offset of `zone` at an instant, as written in ISO 8601 (`+03:00`). */
function offsetIn(zone: string, millis: number): string | undefined {
  const minutes = IANAZone.create(zone).offset(millis);
  if (!Number.isFinite(minutes)) return undefined;
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}
