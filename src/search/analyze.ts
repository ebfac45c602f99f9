/**
 * Text analysis for search, shared by the indexer and the query side so both
 * reduce a word to the same terms. Pure: no I/O; its only state is a bounded
 * memo of words already analyzed.
 *
 * Each word is analyzed by its script, not by the language of the release:
 * a Latin acronym in an Arabic release and the query that names it must meet.
 *
 * Arabic: normalization (below), then light stemming. The definite article and
 * its combinations (`ال وال بال كال فال لل …`) are removed outright; the single
 * letters `و ف ب ك ل` are ambiguous (`وقطر` is "and Qatar", `وزير` is
 * "minister"), so a word starting with them yields several stem candidates:
 * the index keeps the one the corpus clearly supports (see `build.ts`) and a
 * query uses the first one the index knows. Light suffixes
 * (`ة ات ان ين ون ية ي ها هم …`) are removed only when enough of the word
 * remains, so short roots (`قطر`, `أمن`, `علم`) survive.
 * English: lower-case and the Porter stemmer.
 */
import { stemmer } from "stemmer";
import { EASTERN_DIGITS, latinDigit } from "../text/digits.ts";
import { ARABIC_STOP_WORDS, ENGLISH_STOP_WORDS } from "./stopwords.ts";

// Tashkeel, Quranic marks, tatweel, and invisible format characters (ZWNJ, bidi controls, BOM).
const IGNORED_CHARS =
  "[\\u0610-\\u061A\\u064B-\\u065F\\u0670\\u06D6-\\u06DC\\u06DF-\\u06E8\\u06EA-\\u06ED\\u0640\\u200B-\\u200F\\u202A-\\u202E\\u2066-\\u2069\\uFEFF]";
const IGNORED = new RegExp(IGNORED_CHARS, "g");

const FOLDS: Record<string, string> = {
  أ: "ا",
  إ: "ا",
  آ: "ا",
  ٱ: "ا",
  ٲ: "ا",
  ٳ: "ا",
  // Hamza seats vary by spelling convention (مسؤول / مسئول, شؤون / شئون): fold both to the bare hamza.
  ؤ: "ء",
  ئ: "ء",
  ة: "ه",
  ى: "ي",
  ی: "ي",
  ې: "ي",
  ک: "ك",
  ە: "ه",
  ۀ: "ه",
};
const FOLDABLE = new RegExp(`[${Object.keys(FOLDS).join("")}${EASTERN_DIGITS}]`, "g");

/** One character `FOLDABLE` matched: a letter of `FOLDS`, else a digit. */
function fold(char: string): string {
  return FOLDS[char] ?? latinDigit(char);
}

/**
 * Normalizes Arabic spelling so variants a reader may type compare equal:
 * NFKC (presentation forms and ligatures become letters), tashkeel and tatweel
 * removed, `أ إ آ ٱ` → `ا`, `ؤ ئ` → `ء`, `ة` → `ه`, `ى` → `ي`, Persian letters
 * to Arabic, Arabic-Indic and Persian digits to `0-9`. Idempotent.
 * @example normalizeArabic("أكّد") === "اكد"; normalizeArabic("٢٠٢٦") === "2026"
 */
export function normalizeArabic(text: string): string {
  // The second NFKC recomposes Latin marks that an ignored character kept apart.
  return text.normalize("NFKC").replace(IGNORED, "").replace(FOLDABLE, fold).normalize("NFKC");
}

/** The spelling a word is compared by: {@link normalizeArabic}, lower-case, digit grouping dropped. */
export function normalizeWord(word: string): string {
  return normalizeArabic(word)
    .toLowerCase()
    .replace(/(?<=\d)[,\u066C](?=\d)/g, "")
    .replace(/(?<=\d)\u066B(?=\d)/g, ".");
}

/** One word of a text, where it stands and what it may mean. */
export interface AnalyzedWord {
  /** Normalized spelling, e.g. `والسعوديه` for `والسعوديّة`. */
  form: string;
  /** Stems this spelling may stand for, most literal reading first; empty for a stop word. */
  stems: string[];
  /** UTF-16 offsets of the word in the analyzed text. */
  start: number;
  end: number;
}

// Letters, marks, digits and the invisible characters normalization drops (so a bidi mark
// inside a word does not split it); digit groups such as 400,000 or ٤٠٠٫٥ stay one word,
// also with a character normalization drops beside the separator (٣ّ,٧ is 3,7 once normalized).
const WORD = new RegExp(
  `(?:[\\p{L}\\p{M}\\p{N}\\u200B-\\u200F\\u202A-\\u202E\\u2066-\\u2069\\uFEFF]|(?<=\\p{N}${IGNORED_CHARS}*)[.,\\u066B\\u066C](?=${IGNORED_CHARS}*\\p{N}))+`,
  "gu",
);
const ARABIC_LETTER = /[\u0621-\u064A]/;

// News repeats its words: the analysis of a written word is remembered, within a bound.
/** One normalized spelling and its stem candidates, shared by every occurrence of a written word: never change it. */
export interface WordReading {
  readonly form: string;
  readonly stems: readonly string[];
}

const analyzed = new Map<string, WordReading[]>();

/** Forgets the words analyzed so far: for a build that has counted every release's words and analyzes no more. */
export function forgetAnalyzedWords(): void {
  analyzed.clear();
}

function analyzeWord(written: string): WordReading[] {
  let found = analyzed.get(written);
  if (!found) {
    if (analyzed.size >= 100_000) analyzed.clear();
    // A ligature such as ﷺ normalizes to several words.
    found = normalizeWord(written)
      .split(/[^\p{L}\p{M}\p{N}.]+/u)
      .filter(Boolean)
      .map((form) => ({ form, stems: stemCandidates(form) }));
    analyzed.set(written, found);
  }
  return found;
}

/** Splits text into words and analyzes each; stop words are kept with no stems. */
export function analyzeWords(text: string): AnalyzedWord[] {
  const words: AnalyzedWord[] = [];
  forEachWord(text, ({ form, stems }, start, end) => words.push({ form, stems: [...stems], start, end }));
  return words;
}

/**
 * {@link analyzeWords} without a copy per occurrence, for the index's pass over every release:
 * `visit` gets the reading all occurrences of a spelling share (the same object each time, while
 * the analysis cache holds it) and the word's offsets.
 */
export function forEachWord(text: string, visit: (reading: WordReading, start: number, end: number) => void): void {
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    for (const reading of analyzeWord(match[0])) visit(reading, start, start + match[0].length);
  }
}

/**
 * The index terms of a text: the first stem candidate of every word that is not a stop word.
 * @example analyze("والسعودية وقطر") → ["سعود", "وقطر"] (the index may later prefer `قطر`)
 */
export function analyze(text: string): string[] {
  return analyzeWords(text).flatMap((word) => word.stems.slice(0, 1));
}

const arabicStops = new Set(ARABIC_STOP_WORDS.map(normalizeWord));
const englishStops = new Set(ENGLISH_STOP_WORDS);

/** True when a normalized word carries no meaning for search. */
export function isStopWord(form: string): boolean {
  return arabicStops.has(form) || englishStops.has(form);
}

/**
 * Stem candidates of one normalized word ({@link normalizeWord}), most literal
 * reading first: `وقطر` → `["وقطر", "قطر"]`, `بالتعاون` → `["تعاون"]`,
 * `reports` → `["report"]`, a stop word → `[]`.
 */
export function stemCandidates(form: string): string[] {
  if (!form || isStopWord(form)) return [];
  if (!ARABIC_LETTER.test(form)) return [/[a-z]/.test(form) ? stemmer(form) : form];
  // A function word behind the article or a proclitic is still one: الهذا, وبين, بفي, لان.
  // Not two-letter ones behind the article: الله is not ال + له.
  const bare = stripArticle(form);
  if (bare.length >= 3 && bare !== form && arabicStops.has(bare)) return [];
  const stems: string[] = [];
  const add = (word: string): void => {
    for (const stem of [stemArabic(word), stemArabic(word.replace(TA_BEFORE_PRONOUN, "ه"))]) {
      if (!stems.includes(stem)) stems.push(stem);
    }
  };
  add(form);
  let rest = form;
  // A conjunction, then a preposition, each peeled while two letters remain (وحي may be و + حي).
  // ف is not checked against stop words: فهم is "understanding" more often than ف + هم.
  if ((rest[0] === "و" || rest[0] === "ف") && rest.length >= 3) {
    if (rest[0] === "و" && arabicStops.has(rest.slice(1))) return [];
    rest = rest.slice(1);
    add(rest);
  }
  // Up to two prepositions: not Arabic, but a reader adding ل to بتزميرات still means تزميرات.
  for (let peeled = 0; peeled < 2 && (rest[0] === "ب" || rest[0] === "ك" || rest[0] === "ل") && rest.length >= 3; peeled++) {
    if (arabicStops.has(rest.slice(1))) return [];
    rest = rest.slice(1);
    add(rest);
  }
  return stems;
}

/**
 * Spellings a word still being typed may begin, for prefix matching: the
 * article and the ambiguous proclitics removed, no suffix touched (the word is
 * unfinished). `والسعو` → `["سعو"]`, `وقط` → `["وقط", "قط"]`.
 */
export function prefixCandidates(form: string): string[] {
  if (!ARABIC_LETTER.test(form)) return [form];
  const prefixes = [stripArticle(form)];
  let rest = form;
  if ((rest[0] === "و" || rest[0] === "ف") && rest.length >= 3) prefixes.push(stripArticle((rest = rest.slice(1))));
  if ((rest[0] === "ب" || rest[0] === "ك" || rest[0] === "ل") && rest.length >= 3) prefixes.push(stripArticle(rest.slice(1)));
  return [...new Set(prefixes)].filter((prefix) => prefix.length >= 2);
}

// Longest first. Compound forms need three letters left: `والده` (his mother) is not و+ال+ده.
const ARTICLES: ReadonlyArray<readonly [string, number]> = [
  ["وبال", 3],
  ["وكال", 3],
  ["فبال", 3],
  ["فكال", 3],
  ["ولل", 3],
  ["فلل", 3],
  ["وال", 3],
  ["فال", 3],
  ["بال", 3],
  ["كال", 3],
  ["لل", 2],
  ["ال", 2],
];
// A ta marbuta is written ت before a pronoun: وزارتها is وزارة + ها.
const TA_BEFORE_PRONOUN = /(?<=[\u0621-\u064A]{3})ت(?:ه|ها|هم|هن|هما|كم|كن|كما|نا|ي)$/;
// [pronoun, letters that must remain]: هم كم كن نا need four (مساهم, تراكم, أماكن).
const PRONOUNS: ReadonlyArray<readonly [string, number]> = [
  ["هما", 3],
  ["كما", 3],
  ["ها", 3],
  ["هن", 3],
  ["هم", 4],
  ["كم", 4],
  ["كن", 4],
  ["نا", 4],
];
// [suffix, letters that must remain]. ان ين ون need four: سلمان, تعاون, لبنان end in them.
const ENDINGS: ReadonlyArray<readonly [string, number]> = [
  ["تين", 3],
  ["تان", 3],
  ["يين", 3],
  ["يون", 3],
  ["يات", 3],
  ["ات", 3],
  ["ان", 4],
  ["ين", 4],
  ["ون", 4],
  ["يه", 3],
  ["ه", 3],
  ["ي", 3],
];

function stripArticle(form: string): string {
  const found = ARTICLES.find(([article, keep]) => form.startsWith(article) && form.length - article.length >= keep);
  return found ? form.slice(found[0].length) : form;
}

/** Removes the article, then light suffixes: `السعوديه` → `سعود`, `اتصالا` → `اتصال`. */
export function stemArabic(form: string): string {
  let word = stripArticle(form);
  const pronoun = PRONOUNS.find(([suffix, keep]) => word.endsWith(suffix) && word.length - suffix.length >= keep);
  if (pronoun) word = word.slice(0, -pronoun[0].length);
  // The accusative alif (اتصالاً written اتصالا once tanween is gone).
  else if (word.endsWith("ا") && word.length >= 4) word = word.slice(0, -1);
  const ending = ENDINGS.find(([suffix, keep]) => word.endsWith(suffix) && word.length - suffix.length >= keep);
  if (ending) {
    word = word.slice(0, -ending[0].length);
    // A nisba under a plural or dual ending: عسكريين → عسكري → عسكر.
    if (word.endsWith("ي") && word.length >= 4) word = word.slice(0, -1);
  }
  return word;
}
