/**
 * What one line of copy reads as: a sentence, something shaped like a heading, a dateline on its
 * own, a numbered item's number, an id left over from copying a web page.
 */
import { isPlaceByline } from "./byline.ts";
import { fold, parseDateline, type DatelineMatch } from "./dateline.ts";

// Closing quotes and brackets may follow the punctuation that ends a sentence.
const CLOSERS = new Set([..."\"'»”’›)]}"]);
const SENTENCE_END = /[.!?؟…۔]$/u;
const NOT_HEADING_END = /[.!?؟…۔:؛،,;]$/u;
const MAX_HEADING_WORDS = 12;
const MAX_HEADING_LENGTH = 100;
// After `fold` (ASCII digits): a numbered item's number on a line of its own, `2 -`, `(4)`, `3.`.
const NUMBER_MARKER = /^(?:\(\s*(\d{1,3})\s*\)|(\d{1,3})\s*[-–—.)])$/u;
// A date written in figures, as in the label `التاريخ : 9 / 10 / 1436ه`.
const NUMERIC_DATE = /\d{1,4}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{1,4}/u;
// A long number alone, not a phone number (those start with 0 or +): an id left over from copying a web page.
const SCRAPED_ID = /^[1-9]\d{8,}$/u;
const MAX_MARKER_LENGTH = 12;
const MAX_ID_LENGTH = 24;

/** The line without closing quotes, brackets and spaces at its end (a loop: a regex would be quadratic on long runs). */
function withoutClosers(line: string): string {
  let end = line.length;
  while (end > 0 && (CLOSERS.has(line[end - 1]) || /\s/.test(line[end - 1]))) end--;
  return line.slice(0, end);
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/** True for a line that ends a sentence (`.`, `!`, `؟`, `…`), closing quotes and brackets allowed after it. */
export const endsSentence = (line: string) => SENTENCE_END.test(withoutClosers(line));

/**
 * A block of one line that reads like a heading: short, words rather than figures, no closing
 * punctuation, not a dateline, a date label or a byline naming a place. Whether it is one also
 * depends on its neighbours.
 */
export function headingShaped(lines: string[]): boolean {
  if (lines.length !== 1 || lines[0].length > MAX_HEADING_LENGTH) return false;
  const line = lines[0];
  const figures = fold(line);
  return (
    line.split(/\s+/).length <= MAX_HEADING_WORDS &&
    !NOT_HEADING_END.test(withoutClosers(line)) &&
    count(line, /\p{L}/gu) > count(figures, /\d/g) &&
    !NUMERIC_DATE.test(figures) &&
    !parseDateline(line) &&
    !isPlaceByline(line)
  );
}

/** A line that is all dateline (a dash after it at most), as agencies send it on a line of its own. */
export function wholeLineDateline(line: string): DatelineMatch | undefined {
  const match = parseDateline(line);
  return match && /^[\s\-–—:\u0640]*$/u.test(line.slice(match.end)) ? match : undefined;
}

/** The number of a line that is only a numbered item's number and its mark (`2 -`, `٣ -`, `(4)`), else undefined. */
export function numberMarker(line: string): number | undefined {
  const match = line.length <= MAX_MARKER_LENGTH ? NUMBER_MARKER.exec(fold(line)) : null;
  return match ? Number(match[1] ?? match[2]) : undefined;
}

/** True for a line that is only a long number that is not a phone number: `3601100204`. */
export const isScrapedId = (line: string) => line.length <= MAX_ID_LENGTH && SCRAPED_ID.test(fold(line));
