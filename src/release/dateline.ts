/**
 * Datelines: the opening words of wire copy that say where and when, e.g.
 * `الجبيل 14 جمادى الآخرة 1448 هـ الموافق 24 نوفمبر 2026 م (واس) –` or `RIYADH, Nov. 24, 2026 (SPA) —`.
 */
import { daysBetween, hijriToGregorian } from "../dates/hijri.ts";
import { latinDigits } from "../text/digits.ts";
import type { CalendarDate, Dateline } from "./model.ts";
import {
  ARABIC_AGENCIES,
  GREGORIAN_MONTHS,
  HIJRI_MONTHS,
  LATIN_AGENCIES,
  LATIN_GREGORIAN_MONTHS,
  LATIN_HIJRI_MONTHS,
  LATIN_MONTH_PATTERN,
  latinKey,
} from "./wire-names.ts";

/** A dateline found at the start of a paragraph. */
export interface DatelineMatch {
  dateline: Dateline;
  /** Index in the paragraph where the dateline text ends; the dash and the rest of the paragraph follow. */
  end: number;
  /** Dates that are not real or do not agree, for the caller to report with file and line. */
  problems: { message: string; hint: string }[];
}

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
const NOT_LETTER = `(?![${ARABIC_LETTERS}])`;
// A whole word of a place name (never part of one: backtracking into words is slow), but not a
// lone tatweel (`ـ واس` uses it as a dash).
const WORD = `(?!\\u0640)[${ARABIC_LETTERS}]+${NOT_LETTER}`;
const MONTH = `(?:${alternation([...Object.keys(HIJRI_MONTHS), ...Object.keys(GREGORIAN_MONTHS)])})${NOT_LETTER}`;
// "14 جمادى الآخرة 1448 هـ", "11 أغسطس 2015م": the هـ / م marker is optional and may touch the year.
const PART = `\\d{1,2}${SP}${MONTH}${SP}\\d{3,4}(?:${SP}(?:ه\\u0640*|م)${NOT_LETTER}\\.?)?`;
const WEEKDAY_NAMES = "الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت";
const WEEKDAY = `(?:${WEEKDAY_NAMES})`;
const AGENCY = "\\((?<agency>[^()\\d\\n]{1,24})\\)";
// What closes a dateline: a dash or colon before the text, or the end of a dateline on a line of its own.
const CLOSE = `(?:${SP}[-–—:]|${SP1}\\u0640|${SP}$)`;
/** A dash at the end of a match: the dateline was closed by one rather than by the end of its line. */
const CLOSED_BY_DASH = /(?:[-–—:]|\s\u0640)$/u;
// An agency signing without brackets, after an optional dash, may be followed by the text itself:
// `… 2015 م واس أعلنت …`.
const bareAgency = (names: string, after: string) => `(?:${SP}[-–—\\u0640]${SP}|${SP1})(?<bare>${names})${after}(?:${CLOSE}|(?=${SP1}\\S))`;

const ARABIC = new RegExp(
  `^(?<location>${WORD}(?:${SP1}${WORD}){0,2}?)${SP}[،,]?(?:${SP1}${WEEKDAY}${SP}[،,]?)?` +
    `(?:${SP}(?:في${SP1})?(?<first>${PART})(?:${SP}(?:[،,/]|الموافق(?:${SP}ل\\u0640*)?)?${SP}(?<second>${PART}))?)?` +
    `(?:${bareAgency(alternation(ARABIC_AGENCIES), NOT_LETTER)}|${SP}(?:${AGENCY})?${CLOSE})`,
  "du",
);
const ARABIC_PART = new RegExp(`^(?<day>\\d{1,2})${SP}(?<month>${MONTH})${SP}(?<year>\\d{3,4})`, "u");

const LATIN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
// Case-insensitive by listing the three usual spellings: the `i` flag would also let
// lower-case words pass as a place name.
const anyCase = (names: string[]) =>
  names
    .flatMap((n) => [n, n.toUpperCase(), n.toLowerCase()])
    .sort((a, b) => b.length - a.length)
    .join("|");
const LATIN_WORD = "[A-Z][\\p{L}'’.-]*";
const LATIN_MONTH = `(?:${LATIN_MONTH_PATTERN})(?![A-Za-z])\\.?`;
// "Nov. 24, 2026", "24 November 2026", "Ramadan 27, 1442 AH": the era is optional.
const LATIN_PART =
  `(?:(?<m1>${LATIN_MONTH})${SP1}(?<d1>\\d{1,2})(?:st|nd|rd|th)?,?${SP1}(?<y1>\\d{4})` +
  `|(?<d2>\\d{1,2})(?:st|nd|rd|th)?${SP1}(?<m2>${LATIN_MONTH}),?${SP1}(?<y2>\\d{4}))` +
  `(?:${SP}(?:A\\.?H|A\\.?D|C\\.?E|H)\\b\\.?)?`;
const unnamed = (pattern: string) => pattern.replace(/\(\?<\w+>/g, "(?:");
const LATIN = new RegExp(
  `^(?<location>${LATIN_WORD}(?: ${LATIN_WORD}){0,3}?(?:, ${LATIN_WORD}(?: ${LATIN_WORD}){0,2}?)??)` +
    `(?:,?${SP1}(?:(?:${anyCase(LATIN_WEEKDAYS)}),?${SP1})?(?<first>${unnamed(LATIN_PART)})` +
    `(?:${SP}[,/]?${SP}(?:(?:corresponding|Corresponding|CORRESPONDING)${SP1}(?:to|TO)${SP})?(?<second>${unnamed(LATIN_PART)}))?)?` +
    `(?:,?${bareAgency(LATIN_AGENCIES.join("|"), "\\b")}|${SP}(?:${AGENCY})?${CLOSE})`,
  "du",
);
const LATIN_PART_ALONE = new RegExp(`^${LATIN_PART}`, "u");
const IS_WEEKDAY = new RegExp(`^(?:${WEEKDAY_NAMES}|${anyCase(LATIN_WEEKDAYS)})$`, "u");

/** Arabic-Indic and Persian digits → ASCII, alef forms → ا, ى → ي, ة → ه: one code unit for one, so indexes hold. */
export function fold(text: string): string {
  // Plain replacements: a replacer function called for every ة and أ costs more than the regexes.
  const letters = text
    .replace(/[أإآٱ]/g, "ا")
    .replace(/ى/g, "ي")
    .replace(/ة/g, "ه");
  return latinDigits(letters);
}

type Calendar = "hijri" | "gregorian";
interface WrittenDate {
  calendar: Calendar;
  date: CalendarDate;
  /** As written in the file, for messages. */
  text: string;
}

/**
 * Recognises a dateline at the start of `paragraph`, or a dateline that is the whole of it (a line
 * of its own, as agencies send it). A place name alone is not enough: a date or an agency must
 * follow, and then a dash (`-`, `–`, `—`, ` ـ `), a colon, or the end of the line. An agency without
 * brackets (`واس`, `- واس`, `, SPA`) may be followed by the text itself when a date comes before it.
 * @example parseDateline("الكويت 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس")?.dateline
 * // { text: "الكويت … واس", location: "الكويت", agency: "واس", date: { year: 2015, month: 8, day: 10 }, hijri: … }
 */
export function parseDateline(paragraph: string): DatelineMatch | undefined {
  const folded = fold(paragraph.slice(0, MAX_LENGTH));
  const arabic = ARABIC.exec(folded);
  const match = arabic ?? LATIN.exec(folded);
  if (!match?.groups || !match.indices?.groups) return undefined;
  // A match that ends where the text was cut is not a dateline on a line of its own.
  if (paragraph.length > MAX_LENGTH && match[0].length === folded.length) return undefined;
  const groups = match.groups;
  const slice = (name: string) => {
    const range = match.indices?.groups?.[name];
    return range ? paragraph.slice(range[0], range[1]).trim() : undefined;
  };
  const written: WrittenDate[] = [];
  for (const name of ["first", "second"]) {
    const text = slice(name);
    if (text) written.push(arabic ? arabicDate(groups[name], text) : latinDate(groups[name], text));
  }
  const agency = slice("agency") ?? slice("bare");
  if (written.length === 0 && !agency) return undefined;
  if (!arabic && written.length === 0 && groups.location !== groups.location.toUpperCase()) return undefined;
  // An agency's name without brackets is a dateline only after a date: `الرياض واس` could be anything.
  if (groups.bare && written.length === 0) return undefined;
  const closedByDash = CLOSED_BY_DASH.test(match[0]);

  const end = (closedByDash ? match[0].slice(0, -1) : match[0]).trimEnd().length;
  const dateline: Dateline = { text: paragraph.slice(0, end) };
  // `الثلاثاء 5 مايو 2015` is a date alone: its first word is the day, not a place.
  if (!IS_WEEKDAY.test(groups.location)) dateline.location = slice("location");
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

function latinDate(folded: string, text: string): WrittenDate {
  const groups = LATIN_PART_ALONE.exec(folded)?.groups ?? {};
  const name = latinKey(groups.m1 ?? groups.m2 ?? "");
  const calendar: Calendar = name in LATIN_HIJRI_MONTHS ? "hijri" : "gregorian";
  const month = calendar === "hijri" ? LATIN_HIJRI_MONTHS[name] : LATIN_GREGORIAN_MONTHS[name];
  return { calendar, date: { year: Number(groups.y1 ?? groups.y2), month, day: Number(groups.d1 ?? groups.d2) }, text };
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

/**
 * A dateline as the page shows it: each space beside a number becomes a no-break space, so a line
 * never ends between a day and its month, or leaves a year or an era mark (`2026 م`, `1448 هـ`)
 * alone on the next one. The dateline's other spaces (`جمادى الآخرة`, `الموافق`) still break.
 * @example holdDateNumbers("الجبيل 14 جمادى الآخرة 1448 هـ") // "الجبيل 14 جمادى الآخرة 1448 هـ" with no-break spaces around 14 and 1448
 */
export function holdDateNumbers(text: string): string {
  return text.replace(/(?<=[0-9\u0660-\u0669]) (?=\S)|(?<=\S) (?=[0-9\u0660-\u0669])/g, "\u00A0");
}
