/**
 * Datelines: the opening words of wire copy that say where and when, e.g.
 * `الجبيل 14 جمادى الآخرة 1448 هـ الموافق 24 نوفمبر 2026 م (واس) –` or `RIYADH, Nov. 24, 2026 (SPA) —`.
 */
import { daysBetween, hijriToGregorian } from "../dates/hijri.ts";
import type { CalendarDate, Dateline } from "./model.ts";

/** A dateline found at the start of a paragraph. */
export interface DatelineMatch {
  dateline: Dateline;
  /** Index in the paragraph where the dateline text ends; the dash and the rest of the paragraph follow. */
  end: number;
  /** Dates that are not real or do not agree, for the caller to report with file and line. */
  problems: { message: string; hint: string }[];
}

// Month names as they are matched: after `fold` (alef forms → ا, ى → ي, ة → ه).
const HIJRI_MONTHS: Record<string, number> = {
  محرم: 1, المحرم: 1, صفر: 2, "ربيع الاول": 3, "ربيع اول": 3,
  "ربيع الاخر": 4, "ربيع الثاني": 4, "ربيع ثاني": 4,
  "جمادي الاولي": 5, "جمادي الاول": 5, "جمادي اولي": 5,
  "جمادي الاخره": 6, "جمادي الاخر": 6, "جمادي الثانيه": 6, "جمادي الثاني": 6, "جمادي اخره": 6,
  رجب: 7, شعبان: 8, رمضان: 9, شوال: 10,
  "ذو القعده": 11, "ذي القعده": 11, ذوالقعده: 11, "ذو الحجه": 12, "ذي الحجه": 12, ذوالحجه: 12,
};
const GREGORIAN_MONTHS: Record<string, number> = {
  يناير: 1, فبراير: 2, مارس: 3, ابريل: 4, مايو: 5, يونيو: 6, يونيه: 6,
  يوليو: 7, يوليه: 7, اغسطس: 8, سبتمبر: 9, اكتوبر: 10, نوفمبر: 11, ديسمبر: 12,
  "كانون الثاني": 1, شباط: 2, اذار: 3, نيسان: 4, ايار: 5, حزيران: 6,
  تموز: 7, اب: 8, ايلول: 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
};
const LATIN_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

// Spaces between the words of a dateline: bounded, so that no input can make the patterns
// below backtrack for long (an unbounded \s* next to \s+ is polynomial on a long run of spaces).
const SP = "[ \\t\\u00A0]{0,3}";
const SP1 = "[ \\t\\u00A0]{1,3}";
/** A dateline is short; longer openings are not looked at. */
const MAX_LENGTH = 300;

const alternation = (names: string[]) =>
  names
    .sort((a, b) => b.length - a.length)
    .map((name) => name.replace(/ /g, SP1))
    .join("|");

const ARABIC_LETTERS = "\\u0620-\\u065F\\u066E-\\u06D3\\u06D5\\u06FA-\\u06FF\\u0670";
const WORD = `[${ARABIC_LETTERS}]+`;
const NOT_LETTER = `(?![${ARABIC_LETTERS}])`;
const MONTH = `(?:${alternation([...Object.keys(HIJRI_MONTHS), ...Object.keys(GREGORIAN_MONTHS)])})${NOT_LETTER}`;
// "14 جمادى الآخرة 1448 هـ", "11 أغسطس 2015م": the هـ / م marker is optional and may touch the year.
const PART = `\\d{1,2}${SP}${MONTH}${SP}\\d{3,4}(?:${SP}(?:ه\\u0640*|م)${NOT_LETTER}\\.?)?`;
const WEEKDAY = "(?:الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت)";
const AGENCY = "\\((?<agency>[^()\\d\\n]{1,24})\\)";
const DASH = `${SP}[-–—:]`;

const ARABIC = new RegExp(
  `^(?<location>${WORD}(?:${SP1}${WORD}){0,2}?)${SP}[،,]?(?:${SP1}${WEEKDAY}${SP}[،,]?)?` +
    `(?:${SP}(?<first>${PART})(?:${SP}(?:[،,/]|الموافق(?:${SP}ل\\u0640*)?)?${SP}(?<second>${PART}))?)?` +
    `${SP}(?:${AGENCY})?${DASH}`,
  "du",
);
const ARABIC_PART = new RegExp(`^(?<day>\\d{1,2})${SP}(?<month>${MONTH})${SP}(?<year>\\d{3,4})`, "u");

const LATIN_MONTH_NAMES = [
  "January", "Jan", "February", "Feb", "March", "Mar", "April", "Apr", "May", "June", "Jun", "July", "Jul",
  "August", "Aug", "September", "Sept", "Sep", "October", "Oct", "November", "Nov", "December", "Dec",
];
const LATIN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
// Case-insensitive by listing the three usual spellings: the `i` flag would also let
// lower-case words pass as a place name.
const anyCase = (names: string[]) =>
  names.flatMap((n) => [n, n.toUpperCase(), n.toLowerCase()]).sort((a, b) => b.length - a.length).join("|");
const LATIN_WORD = "[A-Z][\\p{L}'’.-]*";
const LATIN_MONTH = `(?:${anyCase(LATIN_MONTH_NAMES)})\\b\\.?`;
const LATIN = new RegExp(
  `^(?<location>${LATIN_WORD}(?: ${LATIN_WORD}){0,3}?(?:, ${LATIN_WORD}(?: ${LATIN_WORD}){0,2}?)??)` +
    `(?:,?${SP1}(?:(?:${anyCase(LATIN_WEEKDAYS)}),?${SP1})?` +
    `(?:(?<m1>${LATIN_MONTH})${SP1}(?<d1>\\d{1,2})(?:st|nd|rd|th)?,?${SP1}(?<y1>\\d{4})` +
    `|(?<d2>\\d{1,2})(?:st|nd|rd|th)?${SP1}(?<m2>${LATIN_MONTH}),?${SP1}(?<y2>\\d{4})))?` +
    `${SP}(?:${AGENCY})?${DASH}`,
  "du",
);

/** Arabic-Indic and Persian digits → ASCII, alef forms → ا, ى → ي, ة → ه: one code unit for one, so indexes hold. */
function fold(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9أإآٱىة]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (code >= 0x660 && code <= 0x669) return String(code - 0x660);
    if (code >= 0x6f0 && code <= 0x6f9) return String(code - 0x6f0);
    return ch === "ى" ? "ي" : ch === "ة" ? "ه" : "ا";
  });
}

type Calendar = "hijri" | "gregorian";
interface WrittenDate {
  calendar: Calendar;
  date: CalendarDate;
  /** As written in the file, for messages. */
  text: string;
}

/**
 * Recognises a dateline at the start of `paragraph`. A place name alone is not enough:
 * a date or an agency in brackets must follow, and then a dash (`-`, `–`, `—`) or a colon.
 */
export function parseDateline(paragraph: string): DatelineMatch | undefined {
  const folded = fold(paragraph.slice(0, MAX_LENGTH));
  const arabic = ARABIC.exec(folded);
  const match = arabic ?? LATIN.exec(folded);
  if (!match?.groups || !match.indices?.groups) return undefined;
  const groups = match.groups;
  const written: WrittenDate[] = [];
  const slice = (name: string) => {
    const range = match.indices?.groups?.[name];
    return range ? paragraph.slice(range[0], range[1]).trim() : undefined;
  };
  if (arabic) {
    for (const name of ["first", "second"]) {
      if (groups[name]) written.push(arabicDate(groups[name], slice(name) ?? ""));
    }
  } else {
    const [month, day, year] = groups.m1 ? [groups.m1, groups.d1, groups.y1] : [groups.m2, groups.d2, groups.y2];
    if (month) {
      const date = { year: Number(year), month: LATIN_MONTHS.indexOf(month.slice(0, 3).toLowerCase()) + 1, day: Number(day) };
      written.push({ calendar: "gregorian", date, text: `${day} ${month} ${year}` });
    }
  }
  if (written.length === 0 && !groups.agency) return undefined;
  if (!arabic && written.length === 0 && groups.location !== groups.location.toUpperCase()) return undefined;

  const end = paragraph.slice(0, match[0].length - 1).trimEnd().length;
  const dateline: Dateline = { text: paragraph.slice(0, end), location: slice("location") };
  const agency = slice("agency");
  if (agency) dateline.agency = agency;
  return { dateline, end, problems: resolveDates(dateline, written) };
}

function arabicDate(folded: string, text: string): WrittenDate {
  const groups = ARABIC_PART.exec(folded)?.groups ?? {};
  const name = (groups.month ?? "").replace(/\s+/g, " ");
  const calendar: Calendar = name in HIJRI_MONTHS ? "hijri" : "gregorian";
  const month = calendar === "hijri" ? HIJRI_MONTHS[name] : GREGORIAN_MONTHS[name];
  return { calendar, date: { year: Number(groups.year), month, day: Number(groups.day) }, text };
}

/** Fills `date` and `hijri` from the dates written, dropping dates that do not exist. */
function resolveDates(dateline: Dateline, written: WrittenDate[]): DatelineMatch["problems"] {
  const problems: DatelineMatch["problems"] = [];
  const hijri = written.find((w) => w.calendar === "hijri");
  const gregorian = written.find((w) => w.calendar === "gregorian");
  let fromHijri: CalendarDate | undefined;
  if (hijri) {
    fromHijri = hijri.date.day <= 30 ? hijriToGregorian(hijri.date) : undefined;
    if (fromHijri) dateline.hijri = hijri.date;
    else problems.push(unreal(hijri, "is not a day of the Umm al-Qura Hijri calendar (that month may have only 29 days)"));
  }
  if (gregorian) {
    if (isRealGregorian(gregorian.date)) dateline.date = gregorian.date;
    else problems.push(unreal(gregorian, "is not a real date"));
  }
  if (dateline.date && fromHijri && hijri && gregorian && Math.abs(daysBetween(fromHijri, dateline.date)) > 1) {
    problems.push({
      message: `the dateline's two dates disagree: ${hijri.text} is ${iso(fromHijri)}, but ${gregorian.text} is ${iso(dateline.date)}`,
      hint: "Correct one of them; Bayan uses the Gregorian date.",
    });
  }
  dateline.date ??= fromHijri;
  return problems;
}

function unreal(written: WrittenDate, why: string) {
  return {
    message: `the dateline date "${written.text}" ${why}, so it was ignored`,
    hint: "Correct the date in the dateline.",
  };
}

function isRealGregorian({ year, month, day }: CalendarDate): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return month >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function iso({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
