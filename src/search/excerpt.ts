/** Query-dependent excerpts: a window of a passage around the words that matched. */
import { analyzeWords } from "./analyze.ts";
import type { ExcerptSegment } from "./model.ts";

/** About how many characters an excerpt shows. */
export const EXCERPT_CHARS = 200;

/**
 * Cuts `text` to about {@link EXCERPT_CHARS} around the first word whose stems
 * meet `terms`, and splits it into segments, matched words marked `hit`.
 * @example excerpt("دشنت الهيئة محطة تحلية", new Set(["محط"])) → [{text: "دشنت الهيئة ", hit: false}, {text: "محطة", hit: true}, {text: " تحلية", hit: false}]
 */
export function excerpt(text: string, terms: ReadonlySet<string>): ExcerptSegment[] {
  const words = analyzeWords(text);
  const hits = words.filter((word) => word.stems.some((stem) => terms.has(stem)));
  let start = 0;
  let end = text.length;
  if (text.length > EXCERPT_CHARS) {
    // Show a little context before the first hit, then fill the window forwards.
    const anchor = hits.length > 0 ? hits[0].start : 0;
    start = anchor < EXCERPT_CHARS / 3 ? 0 : (words.find((word) => word.start >= anchor - EXCERPT_CHARS / 4)?.start ?? anchor);
    end = Math.min(text.length, start + EXCERPT_CHARS);
    const last = words.filter((word) => word.start < end).pop();
    if (last && end < text.length) end = last.end;
  }
  const segments: ExcerptSegment[] = [];
  const push = (piece: string, hit: boolean): void => {
    if (!piece) return;
    const previous = segments[segments.length - 1];
    if (previous && !previous.hit && !hit) previous.text += piece;
    else segments.push({ text: piece, hit });
  };
  if (start > 0) push("… ", false);
  let cursor = start;
  for (const hit of hits) {
    if (hit.start < start || hit.end > end || hit.start < cursor) continue;
    push(text.slice(cursor, hit.start), false);
    push(text.slice(hit.start, hit.end), true);
    cursor = hit.end;
  }
  push(text.slice(cursor, end), false);
  if (end < text.length) push(" …", false);
  return segments;
}
