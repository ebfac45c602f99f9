import { describe, expect, it } from "vitest";
import { parseDateline } from "../../src/release/dateline.ts";

const date = (year: number, month: number, day: number) => ({ year, month, day });

describe("parseDateline: recognised", () => {
  it.each([
    [
      "الجبيل 14 جمادى الآخرة 1448 هـ الموافق 24 نوفمبر 2026 م (واس) – دشّنت",
      { location: "الجبيل", agency: "واس", date: date(2026, 11, 24), hijri: date(1448, 6, 14) },
    ],
    ["الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م (واس) – نص", { location: "الرياض", agency: "واس", date: date(2015, 8, 11), hijri: date(1436, 10, 26) }],
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

describe("parseDateline: wire copy as agencies send it", () => {
  const spa = { location: "الكويت", agency: "واس", date: date(2015, 8, 10), hijri: date(1436, 10, 25) };
  it.each([
    ["a line of its own, agency unbracketed", "الكويت 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس", spa],
    ["agency in brackets, at the end of the line", "الكويت 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م (واس)", spa],
    ["agency after a dash", "الكويت 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م - واس", spa],
    ["agency after a tatweel used as a dash", "الكويت 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م ـ واس", spa],
    ["agency and a dash after it", "الكويت 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس - أعلنت الوزارة", spa],
    ["agency then the text without a dash", "الكويت 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس أعلنت الوزارة", spa],
    ["no era markers", "الكويت 25 شوال 1436 الموافق 10 اغسطس 2015 واس", spa],
    ["ه without tatweel, touching the year", "الكويت 25 شوال 1436ه الموافق 10 اغسطس 2015م واس", spa],
    ["no agency, line of its own", "الكويت 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م", { location: "الكويت", date: date(2015, 8, 10) }],
    ["a two-word place", "المدينة المنورة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس", { location: "المدينة المنورة", date: date(2015, 8, 10) }],
    ["Arabic-Indic digits", "الرياض ٢٥ شوال ١٤٣٦ هـ الموافق ١٠ اغسطس ٢٠١٥ م واس", { agency: "واس", date: date(2015, 8, 10) }],
    ["ذي القعدة", "جدة 20 ذي القعدة 1436 هـ الموافق 4 سبتمبر 2015 م واس", { date: date(2015, 9, 4), hijri: date(1436, 11, 20) }],
    ["ذو القعدة", "جدة 20 ذو القعدة 1436 هـ الموافق 4 سبتمبر 2015 م واس", { hijri: date(1436, 11, 20) }],
    ["ربيع الاول", "أبها 12 ربيع الاول 1437 هـ الموافق 23 ديسمبر 2015 م واس", { date: date(2015, 12, 23), hijri: date(1437, 3, 12) }],
    ["جمادى الاخرة", "تبوك 2 جمادى الاخرة 1437 هـ الموافق 11 مارس 2016 م واس", { date: date(2016, 3, 11), hijri: date(1437, 6, 2) }],
    ["إبريل", "جدة 1 رجب 1437 هـ الموافق 8 إبريل 2016 م واس", { date: date(2016, 4, 8), hijri: date(1437, 7, 1) }],
    ["ابريل", "جدة 1 رجب 1437 هـ الموافق 8 ابريل 2016 م واس", { date: date(2016, 4, 8) }],
    ["يوليه", "القاهرة 5 شوال 1437 هـ الموافق 10 يوليه 2016 م (أ ش أ)", { agency: "أ ش أ", date: date(2016, 7, 10) }],
    ["مايو", "جدة 9 مايو 2021 م واس", { date: date(2021, 5, 9) }],
    ["في before the date", "الرياض في 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس", { location: "الرياض", date: date(2015, 8, 10) }],
    ["يوليو", "جدة 5 شوال 1437 هـ الموافق 10 يوليو 2016 م واس", { date: date(2016, 7, 10), hijri: date(1437, 10, 5) }],
    ["جمادى الآخرة, hamza forms", "تبوك 2 جمادى الآخرة 1437 هـ الموافق 11 مارس 2016 م (واس)", { date: date(2016, 3, 11), hijri: date(1437, 6, 2) }],
    ["ربيع الأول, no era markers", "أبها 12 ربيع الأول 1437 الموافق 23 ديسمبر 2015 واس", { hijri: date(1437, 3, 12) }],
    ["آب", "دمشق 10 آب 2015 سانا", { agency: "سانا", date: date(2015, 8, 10) }],
    ["تشرين الأول", "بيروت 5 تشرين الأول 2015 - نص", { date: date(2015, 10, 5) }],
    [
      "English SPA, line of its own",
      "Riyadh, Ramadan 27, 1442 AH, corresponding to May 09, 2021 AD, SPA",
      { location: "Riyadh", agency: "SPA", date: date(2021, 5, 9), hijri: date(1442, 9, 27) },
    ],
    [
      "English SPA with a dash and text",
      "Jeddah, Dhul-Hijjah 10, 1442 AH, corresponding to July 20, 2021 AD, SPA -- The pilgrims",
      { location: "Jeddah", agency: "SPA", date: date(2021, 7, 20), hijri: date(1442, 12, 10) },
    ],
    ["English Hijri only", "Makkah, Sha'ban 1, 1442 AH (SPA) - text", { location: "Makkah", agency: "SPA", hijri: date(1442, 8, 1) }],
  ])("%s", (_, text, expected) => {
    const match = parseDateline(text);
    expect(match?.dateline).toMatchObject(expected);
    expect(match?.problems).toEqual([]);
  });

  it("keeps the agency in the dateline text and stops before the text or dash after it", () => {
    const text = "الكويت 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م ـ واس - أعلنت الوزارة";
    const match = parseDateline(text)!;
    expect(match.dateline.text).toBe("الكويت 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م ـ واس");
    expect(text.slice(match.end)).toBe(" - أعلنت الوزارة");
    expect(parseDateline("الرياض 26 شوال 1436 هـ")!.dateline.text).toBe("الرياض 26 شوال 1436 هـ");
  });

  it("takes no place from a date that starts with the day of the week", () => {
    expect(parseDateline("الثلاثاء 11 أغسطس 2015 م")?.dateline).toEqual({ text: "الثلاثاء 11 أغسطس 2015 م", date: date(2015, 8, 11) });
    expect(parseDateline("Tuesday, August 11, 2015 (SPA) - text")?.dateline).toEqual({
      text: "Tuesday, August 11, 2015 (SPA)",
      agency: "SPA",
      date: date(2015, 8, 11),
    });
  });

  it("still cross-checks the two calendars", () => {
    const match = parseDateline("الكويت 25 شوال 1436 هـ الموافق 20 اغسطس 2015 م واس")!;
    expect(match.problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/disagree/) })]);
    expect(parseDateline("Riyadh, Ramadan 27, 1442 AH, corresponding to May 20, 2021 AD, SPA")!.problems).toHaveLength(1);
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
    "الرياض",
    "الرياض واس",
    "أكد مدير واس أن الخدمة مستمرة",
    "الرياض 26 شوال 1436 هـ افتتح الوزير المعرض",
    "عين اليوم – الرياض",
    "The agency SPA reported",
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
