import { DateTime } from "luxon";
import { gregorianToHijri } from "../../src/dates/hijri.ts";
import type { Corpus } from "./corpus.ts";
import type { Random } from "./random.ts";

/** A block of a synthetic release body. */
export type SyntheticBlock = { kind: "paragraph"; text: string } | { kind: "heading"; text: string } | { kind: "list"; items: string[] };

/** One generated release, before it is written as Bayan text or Markdown. */
export interface SyntheticRelease {
  /** Path under `releases/` without extension, e.g. `2019/2019-03-04-news-000123`. */
  name: string;
  format: "txt" | "md";
  lang: "ar" | "en";
  /** ISO 8601 with the Riyadh offset. */
  date: string;
  /** Whether the date is written in the front matter (else it comes from the file name or the dateline). */
  dateInFrontMatter: boolean;
  title: string;
  summary?: string;
  tags: string[];
  /** Opening words of the first paragraph, e.g. `الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م (واس) –`. */
  dateline?: string;
  blocks: SyntheticBlock[];
  endMark: boolean;
  draft: boolean;
  embargo?: string;
  translationKey?: string;
  image?: { file: string; alt: string };
}

/** How the archive is shaped. */
export interface GenerateOptions {
  count: number;
  /** Clock of the build: dates fall in the ten years before it. */
  now: DateTime;
  /** Share of releases with an image, 0…1. */
  imageShare: number;
}

const ARABIC_TAGS = [
  "مياه",
  "طاقة",
  "مشاريع",
  "صحة",
  "تعليم",
  "خدمات رقمية",
  "اقتصاد",
  "نقل",
  "بيئة",
  "ثقافة",
  "رياضة",
  "سياحة",
  "إسكان",
  "زراعة",
  "صناعة",
  "تقنية",
  "أمن",
  "دفاع",
  "علاقات دولية",
  "شباب",
  "مرأة",
  "تمويل",
  "استثمار",
  "موانئ",
  "طيران",
  "اتصالات",
  "بلديات",
  "حج وعمرة",
  "عمل",
  "تدريب",
];
const ENGLISH_TAGS = ["water", "energy", "projects", "health", "education", "economy", "transport", "environment", "culture", "technology"];
const CITIES = ["الرياض", "جدة", "الدمام", "مكة المكرمة", "المدينة المنورة", "الجبيل", "أبها", "تبوك", "حائل", "نجران"];
const HIJRI_MONTHS = ["محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"];
const GREGORIAN_MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];
const END_PUNCTUATION = /[.!?؟…:؛،,]/gu;
const TEN_YEARS_MS = 10 * 365.25 * 86_400_000;

/**
 * A reproducible archive: recombined sentences, a few per cent English (some as translations of
 * the Arabic release before them), tags, dates over ten years, datelines, lists, drafts and embargoes.
 */
export function* generateReleases(corpus: Corpus, random: Random, options: GenerateOptions): Generator<SyntheticRelease> {
  let previous: SyntheticRelease | undefined;
  for (let i = 0; i < options.count; i++) {
    const translation = previous?.lang === "ar" && random.chance(0.02);
    const lang = translation || random.chance(0.015) ? "en" : "ar";
    const date = translation ? DateTime.fromISO(previous!.date, { setZone: true }) : randomDate(random, options.now);
    const release = makeRelease(corpus, random, i, lang, date, options);
    if (translation) {
      release.translationKey = previous!.translationKey = `story-${i}`;
      release.tags = [];
    }
    if (previous) yield previous;
    previous = release;
  }
  if (previous) yield previous;
}

function makeRelease(corpus: Corpus, random: Random, index: number, lang: "ar" | "en", date: DateTime, options: GenerateOptions): SyntheticRelease {
  const sentence = () => makeSentence(corpus, random, lang);
  const id = `news-${String(index).padStart(6, "0")}`;
  const datedBy = random.next();
  const format = lang === "ar" && random.chance(0.1) ? "md" : "txt";
  // Front matter date (60 %), file name date (25 %), or the dateline alone (15 %, plain text only).
  const dateline = format === "txt" && lang === "ar" && (datedBy >= 0.85 || random.chance(0.3)) ? arabicDateline(random, date) : undefined;
  const fileDate = datedBy >= 0.6 && (datedBy < 0.85 || !dateline) ? `${date.toISODate()}-` : "";
  const blocks: SyntheticBlock[] = [];
  for (let n = random.int(3, 8); n > 0; n--) {
    if (blocks.length > 0 && random.chance(0.15)) blocks.push({ kind: "heading", text: heading(sentence()) });
    if (blocks.length > 0 && random.chance(0.1)) blocks.push({ kind: "list", items: Array.from({ length: random.int(2, 5) }, sentence) });
    blocks.push({ kind: "paragraph", text: Array.from({ length: random.int(1, 5) }, sentence).join(" ") });
  }
  const dateInFrontMatter = datedBy < 0.6 || (!fileDate && !dateline);
  const image = random.chance(options.imageShare) ? { file: `${id}.jpg`, alt: heading(sentence()) } : undefined;
  return {
    name: `${date.year}/${fileDate}${id}${lang === "en" ? ".en" : ""}`,
    format,
    lang,
    // A date from the file name or the dateline has no time: midnight.
    date: (dateInFrontMatter ? date : date.startOf("day")).toISO()!,
    dateInFrontMatter,
    title: heading(sentence(), 12),
    summary: random.chance(0.7) ? sentence() : undefined,
    tags: Array.from(new Set(Array.from({ length: random.int(1, 3) }, () => random.skewed(lang === "ar" ? ARABIC_TAGS : ENGLISH_TAGS)))),
    dateline,
    blocks,
    endMark: lang === "ar" && random.chance(0.5),
    draft: random.chance(0.005),
    embargo: random.chance(0.002) ? options.now.plus({ days: random.int(1, 30) }).toISO()! : undefined,
    image,
  };
}

/** A corpus sentence, one word sometimes swapped for a name so the vocabulary grows with the archive. */
function makeSentence(corpus: Corpus, random: Random, lang: "ar" | "en"): string {
  const sentence = random.pick(lang === "ar" ? corpus.arabic : corpus.english);
  if (lang === "en" || random.chance(0.5)) return sentence;
  const words = sentence.split(" ");
  const at = random.int(0, words.length - 2);
  words[at] = random.skewed(corpus.names);
  return words.join(" ");
}

/** A heading or title: the first words of a sentence, without sentence-final punctuation. */
function heading(sentence: string, maxWords = 5): string {
  return sentence.replace(END_PUNCTUATION, "").split(" ").slice(0, maxWords).join(" ");
}

function randomDate(random: Random, now: DateTime): DateTime {
  const millis = now.toMillis() - 86_400_000 - random.next() * TEN_YEARS_MS;
  return DateTime.fromMillis(millis, { zone: "Asia/Riyadh" }).set({ hour: random.int(8, 20), minute: random.int(0, 59), second: 0, millisecond: 0 });
}

function arabicDateline(random: Random, date: DateTime): string {
  const hijri = gregorianToHijri({ year: date.year, month: date.month, day: date.day });
  return `${random.pick(CITIES)} ${hijri.day} ${HIJRI_MONTHS[hijri.month - 1]} ${hijri.year} هـ الموافق ${date.day} ${GREGORIAN_MONTHS[date.month - 1]} ${date.year} م (واس) –`;
}
