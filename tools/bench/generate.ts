/**
 * The synthetic archive `npm run bench` builds: a seeded random source, sentences of the bundled
 * releases to recombine, the releases made of them, and each written as Bayan reads it and as a
 * plain Eleventy user would write it. The same seed gives the same archive.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { gregorianToHijri } from "../../src/dates/hijri.ts";

// The random source.

/** A small seeded random source, so two bench runs build the same archive. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One element, earlier ones far likelier (Zipf-like, as words and tags are in news). */
  skewed<T>(items: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
}

/** mulberry32: fast, 32-bit state, good enough for test data. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[Math.floor(next() * items.length)],
    skewed: (items) => items[Math.min(items.length - 1, Math.floor(items.length ** next()) - 1)],
    chance: (p) => next() < p,
  };
}

// The corpus.

/** Sentences to recombine, by script, and names that give the archive a growing vocabulary. */
export interface Corpus {
  arabic: string[];
  english: string[];
  /** Made-up Arabic proper names, most common first: news vocabulary keeps growing with the archive. */
  names: string[];
}

const ARABIC_LETTER = /[\u0600-\u06FF]/;
const SENTENCE_END = /(?<=[.!?؟…])\s+/u;
// Markdown and list markup that must not leak into recombined sentences.
const MARKUP = /\*\*|__|^#+\s*|^>\s*|^\s*(?:[-•*]|\d+[.)])\s+|\[([^\]]*)\]\([^)]*\)/gmu;
// A dateline ends with a dash after the agency: the text before it is not a sentence to reuse.
const DATELINE = /^[^–—]{0,120}\((?:واس|SPA)\)\s*[–—-]\s*/u;

/**
 * Sentences of the bundled releases (front matter, titles, headings and datelines dropped),
 * split by script.
 */
export function readCorpus(releasesDir: string, random: Random, nameCount = 20_000): Corpus {
  const arabic = new Set<string>();
  const english = new Set<string>();
  for (const entry of readdirSync(releasesDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(txt|md)$/.test(entry.name)) continue;
    for (const sentence of sentencesOf(readFileSync(path.join(entry.parentPath, entry.name), "utf8"))) {
      (ARABIC_LETTER.test(sentence) ? arabic : english).add(sentence);
    }
  }
  if (arabic.size === 0 || english.size === 0) throw new Error(`bench: ${releasesDir} has no Arabic or no English sentences to recombine`);
  return { arabic: [...arabic], english: [...english], names: makeNames(random, nameCount) };
}

function sentencesOf(text: string): string[] {
  const body = text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/^---\n[\s\S]*?\n---\n/, "");
  const blocks = body.split(/\n\s*\n/).slice(1); // the first block is the title
  const sentences: string[] = [];
  for (const block of blocks) {
    const clean = block.replace(MARKUP, "$1").replace(DATELINE, "").replace(/\s+/g, " ").trim();
    for (const sentence of clean.split(SENTENCE_END)) {
      if (sentence.split(" ").length >= 5 && /[.!?؟…]$/u.test(sentence)) sentences.push(sentence);
    }
  }
  return sentences;
}

const SYLLABLES = [
  "با",
  "تي",
  "سو",
  "مر",
  "كا",
  "لي",
  "نو",
  "ري",
  "دا",
  "فه",
  "جو",
  "زي",
  "حم",
  "شا",
  "عب",
  "قو",
  "يس",
  "طا",
  "هي",
  "وف",
  "رق",
  "نج",
  "بل",
  "غد",
];

function makeNames(random: Random, count: number): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    let name = "";
    for (let n = random.int(2, 4); n > 0; n--) name += random.pick(SYLLABLES);
    names.add(random.chance(0.3) ? `ال${name}` : name);
  }
  return [...names];
}

// The releases.

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

// The files.

/** A YAML scalar that any string survives: a JSON string is a valid YAML double-quoted string. */
const yaml = (text: string) => JSON.stringify(text);

/** The release as Bayan reads it: `.txt` (title line, blocks, end mark) or `.md`, with front matter. */
export function toBayanFile(release: SyntheticRelease): { path: string; text: string } {
  const front: string[] = [];
  if (release.format === "md") front.push(`title: ${yaml(release.title)}`);
  if (release.dateInFrontMatter) front.push(`date: ${release.date}`);
  if (release.tags.length) front.push(`tags: [${release.tags.map(yaml).join(", ")}]`);
  if (release.summary) front.push(`summary: ${yaml(release.summary)}`);
  if (release.translationKey) front.push(`translationKey: ${release.translationKey}`);
  if (release.draft) front.push("draft: true");
  if (release.embargo) front.push(`embargo: ${release.embargo}`);
  if (release.image) front.push(`image: ${release.image.file}`, `imageAlt: ${yaml(release.image.alt)}`);
  const body = release.blocks.map((block, i) => (release.format === "md" ? markdownBlock(block) : textBlock(block, i === 0 ? release.dateline : undefined)));
  const lines = [
    ...(front.length ? ["---", ...front, "---"] : []),
    ...(release.format === "txt" ? [release.title, ""] : []),
    body.join("\n\n"),
    ...(release.endMark ? ["", "انتهى"] : []),
  ];
  return { path: `${release.name}.${release.format}`, text: `${lines.join("\n")}\n` };
}

/**
 * The same release as a plain Eleventy user would write it: Markdown with `title`, `date` and
 * `tags` in the front matter. Returns undefined for releases Bayan does not publish.
 */
export function toPlainMarkdown(release: SyntheticRelease): { path: string; text: string } | undefined {
  if (release.draft || release.embargo) return undefined;
  const front = [`title: ${yaml(release.title)}`, `date: ${release.date}`, `tags: [${release.tags.map(yaml).join(", ")}]`];
  if (release.summary) front.push(`summary: ${yaml(release.summary)}`);
  const body = release.blocks.map((block, i) =>
    markdownBlock(i === 0 && release.dateline && block.kind === "paragraph" ? { ...block, text: `${release.dateline} ${block.text}` } : block),
  );
  return { path: `${release.name}.md`, text: `---\n${front.join("\n")}\n---\n${body.join("\n\n")}\n` };
}

function textBlock(block: SyntheticBlock, dateline?: string): string {
  if (block.kind === "heading") return block.text;
  if (block.kind === "list") return block.items.map((item) => `- ${item}`).join("\n");
  return dateline ? `${dateline} ${block.text}` : block.text;
}

function markdownBlock(block: SyntheticBlock): string {
  if (block.kind === "heading") return `## ${block.text}`;
  if (block.kind === "list") return block.items.map((item) => `- ${item}`).join("\n");
  return block.text;
}

const TILE = { width: 32, height: 20 };

/**
 * A photo-like 1600×1000 JPEG: a small random tile scaled up, so it has smooth gradients that
 * compress like a photo, unlike a flat colour (too easy) or noise (too hard).
 * sharp comes with `@11ty/eleventy-img`.
 */
export async function writeImage(random: Random): Promise<Buffer> {
  const { default: sharp } = await import("sharp");
  const pixels = Buffer.alloc(TILE.width * TILE.height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = random.int(0, 255);
  return sharp(pixels, { raw: { ...TILE, channels: 3 } })
    .resize(1600, 1000, { kernel: "cubic" })
    .jpeg({ quality: 82 })
    .toBuffer();
}
