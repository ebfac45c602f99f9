/**
 * A synthetic corpus of releases for the search evaluation. We have no real
 * news archive offline, so releases recombine the sentences of the sample
 * releases with many distinct real words (Arabic from `@cspell/dict-ar`,
 * English from the READMEs of installed packages), drawn with a Zipf law so a
 * few words are common and most are rare, as in real news. Arabic words get
 * proclitics (`ال و ب ل وال بال لل`) at realistic rates, so one word appears in
 * several spellings across the archive. About 3% of releases are English.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { SearchDoc } from "../../src/search/model.ts";
import { arabicWords } from "./arabic-words.ts";

/** A seeded generator of numbers in [0, 1) (mulberry32), so every run builds the same corpus. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

interface Language {
  /** Sample titles and the openings of sample sentences: the shapes titles are remixed from. */
  titleShapes: string[][];
  sentences: string[][];
  draw: () => string;
  glue: string[];
}

const ARABIC_GLUE = ["في", "من", "على", "إلى", "مع", "عن", "التي", "الذي", "و", "بين", "خلال"];
const ENGLISH_GLUE = ["the", "of", "in", "to", "and", "for", "with", "on", "a", "by"];
const TAGS = ["اقتصاد", "صحة", "تعليم", "طاقة", "مياه", "نقل", "ثقافة", "رياضة", "سياحة", "تقنية"];

/** Sample releases as titles and sentences, split into words. */
function samples(folder: string): Record<"ar" | "en", { titles: string[][]; sentences: string[][] }> {
  const found = { ar: { titles: [] as string[][], sentences: [] as string[][] }, en: { titles: [] as string[][], sentences: [] as string[][] } };
  for (const name of readdirSync(folder)
    .filter((file) => file.endsWith(".txt"))
    .sort()) {
    const bytes = readFileSync(join(folder, name));
    const raw = name.includes("1256") ? new TextDecoder("windows-1256").decode(bytes) : bytes.toString("utf8").replace(/^\uFEFF/, "");
    const body = raw
      .replace(/\r\n?/g, "\n")
      .replace(/^---\n[\s\S]*?\n---\n/, "")
      .trim();
    const [title, ...rest] = body.split("\n");
    const target = name.includes(".en.") ? found.en : found.ar;
    target.titles.push(title.split(/\s+/));
    for (const sentence of rest.join(" ").split(/(?<=[.!?؟])\s+|\n/)) {
      const words = sentence
        .replace(/^[-•*]\s*/, "")
        .split(/\s+/)
        .filter(Boolean);
      if (words.length >= 4) target.sentences.push(words);
    }
  }
  return found;
}

/** Real titles have many shapes; six sample titles alone would make title words repeat far more than in news. */
function titleShapes(language: { titles: string[][]; sentences: string[][] }): string[][] {
  return [...language.titles, ...language.sentences.map((words) => words.slice(0, 10))];
}

/** Draws ranks 0…n-1 with probability ∝ 1/(rank + 10)^0.95: a Zipf law with a flattened head. */
function zipf(n: number, random: () => number): () => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let rank = 0; rank < n; rank++) cumulative[rank] = sum += 1 / (rank + 10) ** 0.95;
  return () => {
    const target = random() * sum;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid] < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}

// Realistic rates of the article and proclitics on a content word in news text.
const PROCLITICS: Array<[string, number]> = [
  ["ال", 0.3],
  ["و", 0.05],
  ["وال", 0.06],
  ["بال", 0.04],
  ["لل", 0.03],
  ["ب", 0.03],
  ["ل", 0.02],
];

function inflect(word: string, random: () => number): string {
  let pick = random();
  for (const [proclitic, rate] of PROCLITICS) {
    if (pick < rate) return proclitic + word;
    pick -= rate;
  }
  return word;
}

function englishVocabulary(): string[] {
  const words = new Set<string>();
  const modules = join(process.cwd(), "node_modules");
  for (const name of readdirSync(modules).sort()) {
    for (const readme of ["README.md", "readme.md"]) {
      try {
        for (const word of readFileSync(join(modules, name, readme), "utf8")
          .toLowerCase()
          .match(/[a-z]{3,12}/g) ?? [])
          words.add(word);
      } catch {
        // Not every package has a README under this name.
      }
    }
  }
  return [...words].sort();
}

/** `count` synthetic releases, dated over ten years, the same for the same `seed`. */
export function syntheticCorpus(count: number, seed: number, samplesFolder = "test/fixtures/samples"): SearchDoc[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const text = samples(samplesFolder);
  // Bare words: no proclitic, pronoun suffix or interrogative hamza; the corpus adds proclitics itself.
  const bare = (word: string): boolean =>
    !/^([وفبلكس]|ال|آ|أ[وفبلكأ])/.test(word) &&
    !/(ك|كم|كما|كن|ه|ها|هم|هما|هن|ني|نا|تم|تن|تما|اي|يي|تا)$/.test(word) &&
    (!word.startsWith("أ") || random() < 0.1);
  const arabic = arabicWords(Math.max(20_000, count * 6), random, bare);
  const english = englishVocabulary();
  for (let i = english.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [english[i], english[j]] = [english[j], english[i]];
  }
  const arabicRank = zipf(arabic.length, random);
  const englishRank = zipf(english.length, random);
  const languages: Record<"ar" | "en", Language> = {
    ar: { sentences: text.ar.sentences, titleShapes: titleShapes(text.ar), draw: () => inflect(arabic[arabicRank()], random), glue: ARABIC_GLUE },
    en: { sentences: text.en.sentences, titleShapes: titleShapes(text.en), draw: () => english[englishRank()], glue: ENGLISH_GLUE },
  };
  // A sample word survives with this probability; the others become corpus words.
  const remix = (words: string[], keep: number, language: Language): string[] => words.map((word) => (random() < keep ? word : language.draw()));
  const generated = (language: Language): string[] => Array.from({ length: between(8, 18) }, () => (random() < 0.25 ? pick(language.glue) : language.draw()));
  const start = Date.UTC(2016, 0, 1);
  return Array.from({ length: count }, (_, n) => {
    const lang = random() < 0.03 ? "en" : "ar";
    const language = languages[lang];
    const title = [...remix(pick(language.titleShapes), 0.3, language), ...Array.from({ length: between(0, 3) }, language.draw)];
    const paragraphs = Array.from({ length: between(3, 7) }, () =>
      Array.from(
        { length: between(1, 3) },
        () => `${(random() < 0.5 ? remix(pick(language.sentences), 0.6, language) : generated(language)).join(" ").replace(/[.،,:]+$/, "")}.`,
      ).join(" "),
    );
    const date = new Date(start + Math.floor(random() * 3650) * 86_400_000);
    const slug = `release-${n}`;
    const path = `releases/${date.getUTCFullYear()}/${String(date.getUTCMonth() + 1).padStart(2, "0")}/${slug}/`;
    return {
      url: lang === "en" ? `/en/${path}` : `/${path}`,
      title: title.join(" "),
      date: `${date.toISOString().slice(0, 10)}T09:00:00+03:00`,
      lang,
      tags: [pick(TAGS)],
      text: paragraphs.join("\n\n"),
    };
  });
}
