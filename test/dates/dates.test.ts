import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { formatLongDate, formatMonth, formatShortDate, toIso, type DateDisplay } from "../../src/dates/dates.ts";

const NBSP = "\u00A0";
/** The text with its no-break spaces written as `_`, so an expected value shows where lines may break. */
const breaks = (text: string) => text.replaceAll(NBSP, "_");

const WIRE: DateDisplay = { timezone: "Asia/Riyadh", calendars: ["islamic-umalqura", "gregory"], digits: "latn" };
/** 24 November 2026 at midnight in Riyadh: 14 Jumada al-Akhirah 1448 (Umm al-Qura). */
const DAY = "2026-11-24T00:00:00+03:00";

describe("formatShortDate", () => {
  it.each([
    ["both calendars, Hijri first (the default)", WIRE, "14_جمادى_الآخرة_1448_هـ ·_24_نوفمبر_2026"],
    ["Gregorian first", { ...WIRE, calendars: ["gregory", "islamic-umalqura"] }, "24_نوفمبر_2026 ·_14_جمادى_الآخرة_1448_هـ"],
    ["Gregorian only", { ...WIRE, calendars: ["gregory"] }, "24_نوفمبر_2026"],
    ["Hijri only", { ...WIRE, calendars: ["islamic-umalqura"] }, "14_جمادى_الآخرة_1448_هـ"],
    ["Arabic-Indic digits", { ...WIRE, digits: "arab" }, "١٤_جمادى_الآخرة_١٤٤٨_هـ ·_٢٤_نوفمبر_٢٠٢٦"],
  ] as Array<[string, DateDisplay, string]>)("shows Arabic dates as the calendars say: %s", (_, display, expected) => {
    expect(breaks(formatShortDate(DAY, "ar", display))).toBe(expected);
  });

  it("writes English dates day first, as release pages do, whatever the calendars", () => {
    expect(breaks(formatShortDate(DAY, "en", WIRE))).toBe("24_November_2026");
  });

  it("writes other languages in the Gregorian calendar, even where it is not the language's default", () => {
    // Persian defaults to the Solar Hijri calendar (1405).
    expect(formatShortDate(DAY, "fa", WIRE)).toContain("۲۰۲۶");
  });

  it("dates a release by the site's time zone, not the offset it was written with", () => {
    // 23:30 in London on the 23rd is already the 24th in Riyadh.
    expect(breaks(formatShortDate("2026-11-23T23:30:00+00:00", "ar", WIRE))).toBe("14_جمادى_الآخرة_1448_هـ ·_24_نوفمبر_2026");
  });

  it("leaves a line break only before the separator, never after it", () => {
    const text = formatShortDate(DAY, "ar", WIRE);
    expect(text.split(" ")).toEqual([`14${NBSP}جمادى${NBSP}الآخرة${NBSP}1448${NBSP}هـ`, `·${NBSP}24${NBSP}نوفمبر${NBSP}2026`]);
  });
});

describe("formatLongDate", () => {
  it("holds each calendar's date together and breaks only around the weekday and الموافق", () => {
    expect(breaks(formatLongDate(DAY, "ar", WIRE))).toBe("الثلاثاء 14_جمادى_الآخرة_1448_هـ الموافق 24_نوفمبر_2026_م");
  });

  it("keeps an English weekday apart from its date", () => {
    expect(breaks(formatLongDate(DAY, "en", WIRE))).toBe("Tuesday, 24_November_2026");
  });
});

describe("formatMonth", () => {
  it.each([
    ["ar", "نوفمبر_2026"],
    ["en", "November_2026"],
  ])("keeps a month with its year (%s)", (lang, expected) => {
    expect(breaks(formatMonth(2026, 11, lang, WIRE))).toBe(expected);
  });
});

describe("toIso", () => {
  it("writes a date to the second with its offset, dropping milliseconds, whether it has any", () => {
    const riyadh = DateTime.fromISO("2026-11-24T09:30:15", { zone: "Asia/Riyadh" });
    expect(toIso(riyadh)).toBe("2026-11-24T09:30:15+03:00");
    expect(toIso(riyadh.set({ millisecond: 999 }))).toBe("2026-11-24T09:30:15+03:00");
    // A zone whose offset changes that day (London, end of summer time): the offset of the instant.
    const london = DateTime.fromISO("2026-10-25T01:30:00.250+01:00", { zone: "Europe/London" });
    expect(toIso(london)).toBe("2026-10-25T01:30:00+01:00");
    expect(toIso(london.plus({ hours: 1 }))).toBe("2026-10-25T01:30:00+00:00");
  });
});
