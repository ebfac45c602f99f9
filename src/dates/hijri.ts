import type { CalendarDate } from "../release/model.ts";

const umalqura = new Intl.DateTimeFormat("en-u-ca-islamic-umalqura-nu-latn", {
  timeZone: "UTC",
  year: "numeric",
  month: "numeric",
  day: "numeric",
});

const DAY_MS = 86_400_000;
/** 1 Muharram 1 AH (16 July 622, Julian) as a UTC epoch day. */
const HIJRI_EPOCH_DAY = Date.UTC(622, 6, 19) / DAY_MS;
const MEAN_YEAR = 354.367;
const MEAN_MONTH = 29.5306;

/** The Umm al-Qura date of a Gregorian calendar date. */
export function gregorianToHijri(date: CalendarDate): CalendarDate {
  const parts = umalqura.formatToParts(new Date(Date.UTC(date.year, date.month - 1, date.day)));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part("year"), month: part("month"), day: part("day") };
}

/**
 * The Gregorian date of an Umm al-Qura date, or undefined when that Hijri day does not exist
 * (a 30th in a 29-day month) or lies outside the range ICU knows.
 * Intl only converts Gregorian → Hijri, so this estimates and then checks neighbouring days.
 */
export function hijriToGregorian(hijri: CalendarDate): CalendarDate | undefined {
  const estimate = Math.round(HIJRI_EPOCH_DAY + (hijri.year - 1) * MEAN_YEAR + (hijri.month - 1) * MEAN_MONTH + hijri.day - 1);
  for (let offset = 0; offset <= 4; offset++) {
    for (const day of offset === 0 ? [estimate] : [estimate - offset, estimate + offset]) {
      const d = new Date(day * DAY_MS);
      const gregorian = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
      const found = gregorianToHijri(gregorian);
      if (found.year === hijri.year && found.month === hijri.month && found.day === hijri.day) return gregorian;
    }
  }
  return undefined;
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}
