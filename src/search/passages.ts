/**
 * Splits a release body into passages: the units an excerpt is taken from.
 * The first passage travels with the title (`d/N.bin`); the others are fetched
 * only when a query's words are there, so passages stay short.
 */

/** Longest passage built from several sentences; a longer single sentence stays whole. */
export const PASSAGE_CHARS = 320;

// A sentence ends at . ! ? ؟ … ؛ followed by a space.
const SENTENCE_END = /(?<=[.!?\u061F\u2026\u061B])\s+/u;

/** A passage's text, and its offset in the body. */
export interface Passage {
  text: string;
  start: number;
}

/** Passages of a body, in order. */
export function splitPassages(body: string): Passage[] {
  const passages: Passage[] = [];
  let offset = 0;
  for (const paragraph of body.split(/\n\s*\n/)) {
    const start = body.indexOf(paragraph, offset);
    offset = start + paragraph.length;
    let current: Passage | undefined;
    let cursor = start;
    for (const sentence of paragraph.split(SENTENCE_END)) {
      const at = body.indexOf(sentence, cursor);
      cursor = at + sentence.length;
      if (!sentence.trim()) continue;
      if (current && at + sentence.length - current.start <= PASSAGE_CHARS) {
        current.text = body.slice(current.start, at + sentence.length);
      } else {
        current = { text: sentence, start: at };
        passages.push(current);
      }
    }
  }
  return passages.map((passage) => ({ text: passage.text.replace(/\s+/g, " ").trim(), start: passage.start }));
}
