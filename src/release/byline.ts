/**
 * Bylines: the short line near the top of news copy that says who wrote it and where, as
 * `name – place` (`عبدالرحمن الشهري – اليمن`), `desk – place` (`عين اليوم – الرياض`) or
 * `place – name` (`الرياض – محمد العتيبي`).
 */
import { fold } from "./dateline.ts";
import type { Byline } from "./model.ts";
import { PLACES } from "./wire-names.ts";

// One to four whole words of letters each side of a spaced dash: no digits, no sentence punctuation.
const LETTERS = "[\\p{L}\\p{M}'’.]";
const SIDE = `${LETTERS}+(?!${LETTERS})(?: ${LETTERS}+(?!${LETTERS})){0,3}`;
const BYLINE = new RegExp(`^(?<first>${SIDE})[ \\u00A0]{1,3}[-–—\\u0640][ \\u00A0]{1,3}(?<second>${SIDE})$`, "u");
const MAX_WORDS = 6;
const MAX_LENGTH = 80;
const DIACRITICS = /[\u064B-\u0652\u0640]/g;

const isPlace = (words: string) => PLACES.has(fold(words).replace(DIACRITICS, "").toLowerCase());

/**
 * Reads `line` as a byline, or returns undefined. The place is the side found in Bayan's list of
 * places; when neither side is, the usual order `name – place` is assumed.
 * @example parseByline("الرياض – محمد العتيبي") // { text: "الرياض – محمد العتيبي", author: "محمد العتيبي", location: "الرياض" }
 */
export function parseByline(line: string): Byline | undefined {
  if (line.length > MAX_LENGTH) return undefined;
  const text = line.replace(/\s+/g, " ").trim();
  const match = BYLINE.exec(text);
  if (!match?.groups || text.split(" ").length - 1 > MAX_WORDS) return undefined;
  const { first, second } = match.groups;
  const placeFirst = isPlace(first) && !isPlace(second);
  return { text, author: placeFirst ? second : first, location: placeFirst ? first : second };
}

/**
 * A byline on the first line of a block, with the text right under it: only `name – place` with a
 * place Bayan knows, as `الرياض – أعلنت الوزارة` may be the first line of a hard-wrapped paragraph.
 */
export function parseBylineAbove(line: string): Byline | undefined {
  const byline = parseByline(line);
  return byline?.location && byline.text.endsWith(byline.location) && isPlace(byline.location) ? byline : undefined;
}

/** True for a byline naming a place Bayan knows, wherever it stands: such a line is never a heading. */
export function isPlaceByline(line: string): boolean {
  const byline = parseByline(line);
  return byline?.location !== undefined && isPlace(byline.location);
}
