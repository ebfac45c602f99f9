/**
 * Known-item queries for the evaluation, generated from the releases they
 * should find. The variant generator is written from how readers misspell,
 * independently of `analyze.ts`: it must not share the analyzer's rules.
 */
import type { SearchDoc } from "../../src/search/model.ts";

/**
 * What a query was made from: title words as typed, title words typed differently, rare body
 * words that only this release holds together, title words with one typo.
 */
export type QueryKind = "title" | "variant" | "content" | "typo";

export const QUERY_KINDS: readonly QueryKind[] = ["title", "variant", "content", "typo"];

export interface KnownItemQuery {
  kind: QueryKind;
  query: string;
  /** URL of the release the query was made from. */
  url: string;
}

// Words a reader does not type when recalling a title.
const FUNCTION_WORDS = new Set([
  "في",
  "من",
  "على",
  "إلى",
  "الى",
  "مع",
  "عن",
  "التي",
  "الذي",
  "و",
  "أو",
  "بين",
  "خلال",
  "ضد",
  "the",
  "of",
  "in",
  "to",
  "and",
  "for",
  "with",
  "on",
  "a",
  "an",
  "by",
]);
const PUNCTUATION = /^[\s"'()«»[\]،,.:;؛!?؟…\-–—]+|[\s"'()«»[\]،,.:;؛!?؟…\-–—]+$/g;

function words(text: string): string[] {
  return text
    .split(/\s+/)
    .map((word) => word.replace(PUNCTUATION, ""))
    .filter(Boolean);
}

const meaningful = (word: string): boolean => word.length >= 3 && !FUNCTION_WORDS.has(word.toLowerCase());

/** How a reader may type an Arabic word differently from the release; `undefined` when it does not apply. */
const ARABIC_VARIATIONS: Array<(word: string, random: () => number) => string | undefined> = [
  (word) => (word.startsWith("ال") && word.length >= 5 ? word.slice(2) : undefined),
  (word) => (/^[\u0621-\u064A]/.test(word) && !/^(ال|[وفبلك])/.test(word) ? `ال${word}` : undefined),
  (word, random) => {
    if (!/^[\u0621-\u064A]/.test(word) || word.startsWith("و")) return undefined;
    const prefix = ["و", "ب", "ل"][Math.floor(random() * 3)];
    return prefix === "ل" && word.startsWith("ال") ? `لل${word.slice(2)}` : prefix + word;
  },
  (word) => (/[أإآ]/.test(word) ? word.replace(/[أإآ]/g, "ا") : undefined),
  (word) => (word.endsWith("ة") ? `${word.slice(0, -1)}ه` : undefined),
  (word) => (word.endsWith("ى") ? `${word.slice(0, -1)}ي` : undefined),
  (word, random) => {
    const marks = ["\u064E", "\u064F", "\u0650", "\u0651", "\u0652", "\u064B"];
    const at = 1 + Math.floor(random() * word.length);
    return /[\u0621-\u064A]/.test(word[at - 1]) ? word.slice(0, at) + marks[Math.floor(random() * marks.length)] + word.slice(at) : undefined;
  },
];

const ENGLISH_VARIATIONS: Array<(word: string) => string | undefined> = [
  (word) => (word === word.toLowerCase() ? word[0].toUpperCase() + word.slice(1) : word.toLowerCase()),
  (word) => (word.endsWith("s") && word.length > 4 ? word.slice(0, -1) : `${word}s`),
];

// Letters a typo may put in: Arabic letters that normalization does not fold into one another.
const ARABIC_TYPO_LETTERS = [..."بتثجحخدذرزسشصضطظعغفقكلمنهوي"];
const LATIN_TYPO_LETTERS = [..."abcdefghijklmnopqrstuvwxyz"];

/** `word` with one letter wrong, missing or doubled, at random; `undefined` below five letters. */
function typo(word: string, random: () => number): string | undefined {
  const letters = [...word];
  if (letters.length < 5 || !/^[\p{L}]+$/u.test(word)) return undefined;
  // Not the first letter: the one a reader is surest of.
  const at = 1 + Math.floor(random() * (letters.length - 1));
  const kind = Math.floor(random() * 3);
  if (kind === 0) letters.splice(at, 1);
  else if (kind === 1) letters.splice(at, 0, letters[at]);
  else {
    const alphabet = /[\u0600-\u06FF]/.test(word) ? ARABIC_TYPO_LETTERS : LATIN_TYPO_LETTERS;
    const choices = alphabet.filter((letter) => letter !== letters[at].toLowerCase());
    letters[at] = choices[Math.floor(random() * choices.length)];
  }
  return letters.join("");
}

/** One variation of `word` drawn among those that apply. */
function vary(word: string, random: () => number): string | undefined {
  const arabic = /[\u0600-\u06FF]/.test(word);
  const options = (arabic ? ARABIC_VARIATIONS.map((make) => make(word, random)) : ENGLISH_VARIATIONS.map((make) => make(word))).filter(
    (variant): variant is string => variant !== undefined && variant !== word,
  );
  return options.length ? options[Math.floor(random() * options.length)] : undefined;
}

// Body words in more releases than this are not rare.
const RARE = 20;

/**
 * `perKind` queries of each kind, each from a release drawn at random among `targets` (all of
 * `docs` by default); word rarity is judged over all of `docs`.
 */
export function knownItemQueries(docs: SearchDoc[], perKind: number, random: () => number, targets: SearchDoc[] = docs): KnownItemQuery[] {
  const draw = (): SearchDoc => targets[Math.floor(random() * targets.length)];
  const titleWindow = (doc: SearchDoc): string[] | undefined => {
    const title = words(doc.title);
    for (let attempt = 0; attempt < 10; attempt++) {
      const length = Math.min(title.length, random() < 0.5 ? 2 : 3);
      const start = Math.floor(random() * (title.length - length + 1));
      const window = title.slice(start, start + length);
      if (window.some(meaningful)) return window;
    }
    return undefined;
  };
  // Rarity by the plain spelling, as a reader judging "unusual words" would; the releases of rare words, to check that only one holds them all.
  const documentFrequency = new Map<string, number>();
  const holders = new Map<string, number[]>();
  docs.forEach((doc, n) => {
    for (const word of new Set(words(doc.text))) {
      const df = (documentFrequency.get(word) ?? 0) + 1;
      documentFrequency.set(word, df);
      if (df <= RARE) (holders.get(word) ?? holders.set(word, []).get(word)!).push(n);
      else holders.delete(word);
    }
  });
  const onlyOne = (chosen: string[]): boolean =>
    chosen.every((word) => holders.has(word)) &&
    chosen.map((word) => holders.get(word)!).reduce((all, list) => all.filter((n) => list.includes(n))).length === 1;

  const queries: KnownItemQuery[] = [];
  const generate = (kind: QueryKind, make: (doc: SearchDoc) => string[] | undefined): void => {
    for (let made = 0, tries = 0; made < perKind && tries < perKind * 20; tries++) {
      const doc = draw();
      const query = make(doc);
      if (query) queries.push({ kind, query: query.join(" "), url: doc.url }), made++;
    }
  };
  generate("title", titleWindow);
  generate("variant", (doc) => {
    const window = titleWindow(doc);
    if (!window) return undefined;
    const varied = window.map((word) => (random() < 0.6 ? (vary(word, random) ?? word) : word));
    if (varied.every((word, i) => word === window[i])) {
      const i = Math.floor(random() * window.length);
      varied[i] = vary(window[i], random) ?? window[i];
    }
    return varied.some((word, i) => word !== window[i]) ? varied : undefined;
  });
  generate("content", (doc) => {
    const rare = [...new Set(words(doc.text))]
      .filter(meaningful)
      .sort((a, b) => documentFrequency.get(a)! - documentFrequency.get(b)! || (a < b ? -1 : 1))
      .slice(0, 8);
    if (rare.length < 2) return undefined;
    const chosen: string[] = [];
    for (let count = Math.min(rare.length, random() < 0.5 ? 2 : 3); chosen.length < count; ) {
      const word = rare[Math.floor(random() * rare.length)];
      if (!chosen.includes(word)) chosen.push(word);
    }
    return onlyOne(chosen) ? chosen : undefined;
  });
  generate("typo", (doc) => {
    const window = titleWindow(doc);
    const long = window?.map((word, i) => [word, i] as const).filter(([word]) => [...word].length >= 5);
    if (!window || !long?.length) return undefined;
    const [word, i] = long[Math.floor(random() * long.length)];
    const typed = typo(word, random);
    return typed === undefined ? undefined : window.map((original, k) => (k === i ? typed : original));
  });
  return queries;
}
