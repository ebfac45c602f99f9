import { DateTime } from "luxon";
import type { CalendarDate } from "../release/model.ts";

/**
 * Parses a front matter date in the site time zone. Accepts ISO 8601 (`2026-11-24`,
 * `2026-10-05T09:30:00+03:00`) and `2026-11-24 09:30`. A date without a time is midnight
 * in `zone`; a written offset is kept. Returns undefined when the value is not a real date.
 */
export function parseDateValue(value: string, zone: string): DateTime | undefined {
  const text = value.trim();
  for (const parse of [DateTime.fromISO, DateTime.fromSQL]) {
    const date = parse(text, { zone, setZone: true });
    if (date.isValid) return date;
  }
  return undefined;
}

// A written offset after a time: `+03:00`, `+0300`, `+03`, `-09:30`.
const OFFSET = /\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?([+-])(\d{2}):?(\d{2})?$/;

/**
 * The offset written at the end of a date-time when no place uses one like it (beyond -12:00 or
 * +14:00, or minutes other than :00, :30, :45): `+30:00` is `+03:00` mistyped, and read as written
 * it would end an embargo 27 hours early. Undefined when the offset is possible or absent.
 * @example impossibleOffset("2026-11-29T12:00:00+30:00") // "+30:00"
 * @example impossibleOffset("2026-11-29T12:00:00+05:45") // undefined
 */
export function impossibleOffset(value: string): string | undefined {
  const match = OFFSET.exec(value.trim());
  if (!match) return undefined;
  const [, sign, hours, minutes = "00"] = match;
  const total = Number(hours) * 60 + Number(minutes);
  const possible = ["00", "30", "45"].includes(minutes) && total <= (sign === "+" ? 14 : 12) * 60;
  return possible ? undefined : `${sign}${hours}:${minutes}`;
}

/** The `YYYY-MM-DD` prefix of a file name (`2026-11-24-desalination-plant.txt`), if it is a real date. */
export function dateFromFileName(name: string, zone: string): DateTime | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?=[-_.]|$)/.exec(name);
  if (!match) return undefined;
  const date = DateTime.fromObject({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }, { zone });
  return date.isValid ? date : undefined;
}

/** Midnight of a calendar date in `zone`. */
export function fromCalendarDate(date: CalendarDate, zone: string): DateTime | undefined {
  const result = DateTime.fromObject(date, { zone });
  return result.isValid ? result : undefined;
}

/**
 * ISO 8601 with offset and milliseconds dropped: `2026-11-24T00:00:00+03:00`. A date without
 * milliseconds (nearly every release's) is written as it is: `startOf` makes a new date, whose
 * offset Luxon works out again from the time zone (9 µs, against 0.4 µs for the writing alone).
 */
export function toIso(date: DateTime): string {
  return (date.millisecond === 0 ? date : date.startOf("second")).toISO({ suppressMilliseconds: true })!;
}

/** What the date display needs from the site config. */
export interface DateDisplay {
  timezone: string;
  calendars: Array<"gregory" | "islamic-umalqura">;
  digits: "arab" | "latn";
}

/** The date formats pages show: a day, a weekday, a weekday and its day, a month. */
const FORMATS = {
  /** `14 جمادى الآخرة 1448 هـ`, `24 November 2026`: one calendar's day, month and year. */
  day: { day: "numeric", month: "long", year: "numeric" },
  weekday: { weekday: "long" },
  weekdayAndDay: { weekday: "long", day: "numeric", month: "long", year: "numeric" },
  month: { month: "long", year: "numeric" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The formatter of `format` for a locale and a time zone, made once (a key of names, not of the options as JSON: a release page formats three dates). */
function formatter(locale: string, format: keyof typeof FORMATS, zone: string): Intl.DateTimeFormat {
  const key = `${format}|${locale}|${zone}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, { ...FORMATS[format], timeZone: zone });
    formatters.set(key, cached);
  }
  return cached;
}

/** Intl locale of an Arabic page for a calendar and digits: `ar-SA-u-ca-islamic-umalqura-nu-latn`. */
function arabicLocale(calendar: string, digits: string): string {
  return `ar-SA-u-ca-${calendar}-nu-${digits}`;
}

/**
 * Intl locale of any other page: Gregorian whatever the language's default calendar, English
 * day first (`24 November 2026`) on every page.
 */
function otherLocale(lang: string): string {
  return `${lang === "en" ? "en-GB" : lang}-u-ca-gregory`;
}

/**
 * One date's words held together with no-break spaces, so a line never ends between a day and its
 * month or leaves a year or an era mark (`2026 م`) alone on the next line.
 */
function unbreakable(text: string): string {
  return text.replace(/ /g, "\u00A0");
}

/** The date in each configured calendar on Arabic pages, in the config's order; `withEra` adds `م` to Gregorian dates. */
function arabicDates(date: Date, display: DateDisplay, withEra: boolean): string[] {
  return display.calendars.map((calendar) => {
    const text = formatter(arabicLocale(calendar, display.digits), "day", display.timezone).format(date);
    return unbreakable(calendar === "gregory" && withEra ? `${text} م` : text);
  });
}

/**
 * A release date for people. Arabic pages show the weekday and every configured calendar:
 * `الثلاثاء 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م`. Other languages show the Gregorian date only:
 * `Tuesday, 11 August 2015`. Each calendar's date is one unbreakable run (no-break spaces); lines
 * break only after the weekday and around `الموافق`.
 */
export function formatLongDate(iso: string, lang: string, display: DateDisplay): string {
  const date = instant(iso);
  const zone = display.timezone;
  if (lang !== "ar") {
    const day = formatter(otherLocale(lang), "day", zone).format(date);
    return formatter(otherLocale(lang), "weekdayAndDay", zone).format(date).replace(day, unbreakable(day));
  }
  const weekday = formatter(arabicLocale("gregory", display.digits), "weekday", zone).format(date);
  return `${weekday} ${arabicDates(date, display, true).join(" الموافق ")}`;
}

/**
 * A short date for lists and search results, in every calendar the config shows on Arabic pages:
 * `14 جمادى الآخرة 1448 هـ · 24 نوفمبر 2026`; `24 November 2026` in English. Each date is one
 * unbreakable run; the separator is bound to the date after it, so no line ends with `·`.
 */
export function formatShortDate(iso: string, lang: string, display: DateDisplay): string {
  const date = instant(iso);
  if (lang === "ar") return arabicDates(date, display, false).join(" ·\u00A0");
  return unbreakable(formatter(otherLocale(lang), "day", display.timezone).format(date));
}

/** A month heading for archives: `نوفمبر 2026` or `November 2026` (Gregorian, one unbreakable run). */
export function formatMonth(year: number, month: number, lang: string, display: DateDisplay): string {
  const date = new Date(Date.UTC(year, month - 1, 15));
  const locale = lang === "ar" ? arabicLocale("gregory", display.digits) : otherLocale(lang);
  return unbreakable(formatter(locale, "month", "UTC").format(date));
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Digits of a number in the page's system: `2026` or `٢٠٢٦` on Arabic pages set to `arab`. */
export function formatNumber(value: number, lang: string, digits: "arab" | "latn"): string {
  const locale = lang === "ar" ? `ar-SA-u-nu-${digits}` : lang;
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale, { useGrouping: false })));
  return format.format(value);
}

/**
 * The instant of an ISO 8601 date. Release dates always carry an offset (`toIso`), which
 * `Date.parse` reads exactly and many times faster than Luxon; anything else goes through Luxon.
 */
export function instant(iso: string): Date {
  const millis = /[+-]\d\d:\d\d$|Z$/.test(iso) ? Date.parse(iso) : NaN;
  return new Date(Number.isNaN(millis) ? DateTime.fromISO(iso, { setZone: true }).toMillis() : millis);
}
