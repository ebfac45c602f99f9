import { describe, expect, it } from "vitest";
import { parseDateline } from "../../src/release/dateline.ts";

const date = (year: number, month: number, day: number) => ({ year, month, day });

describe("parseDateline: recognised", () => {
  it.each([
    [
      "الجبيل 14 جمادى الآخرة 1448 هـ الموافق 24 نوفمبر 2026 م (واس) – دشّنت",
      { location: "الجبيل", agency: "واس", date: date(2026, 11, 24), hijri: date(1448, 6, 14) },
    ],
    [
      "الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م (واس) – نص",
      { location: "الرياض", agency: "واس", date: date(2015, 8, 11), hijri: date(1436, 10, 26) },
    ],
    ["الرياض 11 أغسطس 2015م (واس) - نص", { location: "الرياض", agency: "واس", date: date(2015, 8, 11) }],
    ["الرياض 26 شوال 1436 هـ - نص", { location: "الرياض", date: date(2015, 8, 11), hijri: date(1436, 10, 26) }],
    ["الرياض ٢٦ شوال ١٤٣٦ هـ (واس) – نص", { location: "الرياض", agency: "واس", date: date(2015, 8, 11), hijri: date(1436, 10, 26) }],
    ["الرياض ۲۶ شوال ۱۴۳۶ه: نص", { location: "الرياض", hijri: date(1436, 10, 26) }],
    ["جدة 11 اغسطس 2015 (واس) - نص", { location: "جدة", date: date(2015, 8, 11) }],
    ["جدة 1 ابريل 2026 - نص", { date: date(2026, 4, 1) }],
    ["جدة 1 أبريل 2026 - نص", { date: date(2026, 4, 1) }],
    ["جدة 3 أكتوبر 2026 - نص", { date: date(2026, 10, 3) }],
    ["جدة 3 اكتوبر 2026 - نص", { date: date(2026, 10, 3) }],
    ["دمشق 3 تشرين الثاني 2026 (سانا) - نص", { location: "دمشق", agency: "سانا", date: date(2026, 11, 3) }],
    ["عمّان 5 كانون الثاني 2026 (بترا) - نص", { date: date(2026, 1, 5) }],
    ["عمّان 5 كانون الأول 2026 - نص", { date: date(2026, 12, 5) }],
    ["بيروت 1 شباط 2026 - نص", { date: date(2026, 2, 1) }],
    ["بيروت 1 آذار 2026 - نص", { date: date(2026, 3, 1) }],
    ["بيروت 1 نيسان 2026 - نص", { date: date(2026, 4, 1) }],
    ["بيروت 1 أيار 2026 - نص", { date: date(2026, 5, 1) }],
    ["بيروت 1 حزيران 2026 - نص", { date: date(2026, 6, 1) }],
    ["بيروت 1 تموز 2026 - نص", { date: date(2026, 7, 1) }],
    ["بيروت 10 آب 2026 - نص", { date: date(2026, 8, 10) }],
    ["بيروت 1 أيلول 2026 - نص", { date: date(2026, 9, 1) }],
    ["بيروت 1 تشرين الأول 2026 - نص", { date: date(2026, 10, 1) }],
    ["مكة المكرمة 1 ذي الحجة 1447هـ - نص", { location: "مكة المكرمة", hijri: date(1447, 12, 1) }],
    ["مكة المكرمة 1 ذو القعدة 1447 هـ - نص", { hijri: date(1447, 11, 1) }],
    ["المدينة المنورة 1 محرم 1448 هـ - نص", { location: "المدينة المنورة", hijri: date(1448, 1, 1) }],
    ["تبوك 2 صفر 1448 هـ - نص", { hijri: date(1448, 2, 2) }],
    ["تبوك 2 ربيع الأول 1448 هـ - نص", { hijri: date(1448, 3, 2) }],
    ["تبوك 2 ربيع الاول 1448 هـ - نص", { hijri: date(1448, 3, 2) }],
    ["تبوك 2 ربيع الآخر 1448 هـ - نص", { hijri: date(1448, 4, 2) }],
    ["تبوك 2 ربيع الثاني 1448 هـ - نص", { hijri: date(1448, 4, 2) }],
    ["تبوك 2 جمادى الأولى 1448 هـ - نص", { hijri: date(1448, 5, 2) }],
    ["تبوك 2 جمادى الاولى 1448 هـ - نص", { hijri: date(1448, 5, 2) }],
    ["تبوك 2 جمادى الثانية 1448 هـ - نص", { hijri: date(1448, 6, 2) }],
    ["تبوك 2 رجب 1448 هـ - نص", { hijri: date(1448, 7, 2) }],
    ["تبوك 2 شعبان 1448 هـ - نص", { hijri: date(1448, 8, 2) }],
    ["تبوك 2 رمضان 1448 هـ - نص", { hijri: date(1448, 9, 2) }],
    ["الرياض (واس) – نص", { location: "الرياض", agency: "واس" }],
    ["باريس 3 أيار 2026 (أ ف ب) - نص", { location: "باريس", agency: "أ ف ب", date: date(2026, 5, 3) }],
    ["RIYADH, Nov. 24, 2026 (SPA) — text", { location: "RIYADH", agency: "SPA", date: date(2026, 11, 24) }],
    ["JUBAIL, Nov. 24, 2026 (SPA) — text", { location: "JUBAIL", agency: "SPA", date: date(2026, 11, 24) }],
    ["Riyadh, 24 November 2026 — text", { location: "Riyadh", date: date(2026, 11, 24) }],
    ["LONDON, November 24, 2026 – text", { location: "LONDON", date: date(2026, 11, 24) }],
    ["NEW YORK, Sept. 3, 2026 (AP) - text", { location: "NEW YORK", agency: "AP", date: date(2026, 9, 3) }],
    ["RIYADH (SPA) — text", { location: "RIYADH", agency: "SPA" }],
    ["JEDDAH, Saudi Arabia, March 1, 2026: text", { location: "JEDDAH, Saudi Arabia", date: date(2026, 3, 1) }],
  ])("%s", (text, expected) => {
    const match = parseDateline(text);
    expect(match?.dateline).toMatchObject(expected);
    expect(match?.problems).toEqual([]);
  });

  it("keeps the text as written, without the dash, and says where it ends", () => {
    const text = "الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م (واس) – نص البيان";
    const match = parseDateline(text)!;
    expect(match.dateline.text).toBe("الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م (واس)");
    expect(text.slice(match.end)).toBe(" – نص البيان");
  });
});

describe("parseDateline: not a dateline", () => {
  it.each([
    "الرياض مدينة كبيرة وهي عاصمة المملكة.",
    "الرياض هي العاصمة - وأكبر المدن",
    "وقال الوزير: إن المشروع مهم",
    "الرياض 2015 مؤتمر (واس) - نص",
    "The Ministry (MoH) – said today",
    "Riyadh is the capital — and more",
    "London hosted the talks on Monday.",
    "",
  ])("%s", (text) => {
    expect(parseDateline(text)).toBeUndefined();
  });
});

describe("parseDateline: dates that do not hold up", () => {
  it("drops a Gregorian date that does not exist, with a problem", () => {
    const match = parseDateline("الرياض 31 فبراير 2026 (واس) - نص")!;
    expect(match.dateline).toEqual({ text: "الرياض 31 فبراير 2026 (واس)", location: "الرياض", agency: "واس" });
    expect(match.problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/31 فبراير 2026.*not a real date/) })]);
  });

  it("drops a 30th of a 29-day Hijri month, keeping the Gregorian date", () => {
    const match = parseDateline("الرياض 30 جمادى الآخرة 1448 هـ الموافق 10 ديسمبر 2026 م (واس) - نص")!;
    expect(match.dateline.hijri).toBeUndefined();
    expect(match.dateline.date).toEqual(date(2026, 12, 10));
    expect(match.problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/Umm al-Qura/) })]);
  });

  it("takes the date from the Hijri one when the Gregorian one is not real", () => {
    const match = parseDateline("الرياض 26 شوال 1436 هـ الموافق 31 أبريل 2015 م - نص")!;
    expect(match.dateline).toMatchObject({ date: date(2015, 8, 11), hijri: date(1436, 10, 26) });
    expect(match.problems).toHaveLength(1);
  });

  it("warns with both dates when the calendars disagree by more than a day", () => {
    const match = parseDateline("الرياض 14 جمادى الآخرة 1448 هـ الموافق 20 نوفمبر 2026 م (واس) - نص")!;
    expect(match.dateline.date).toEqual(date(2026, 11, 20));
    expect(match.problems).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/14 جمادى الآخرة 1448 هـ is 2026-11-24, but 20 نوفمبر 2026 م is 2026-11-20/) }),
    ]);
  });

  it("accepts a one-day difference (moon sighting)", () => {
    expect(parseDateline("الرياض 14 جمادى الآخرة 1448 هـ الموافق 25 نوفمبر 2026 م - نص")?.problems).toEqual([]);
  });
});
