import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Random } from "./random.ts";

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
