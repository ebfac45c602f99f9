/**
 * Inline text of a release → safe HTML: everything escaped, links made from URLs and e-mail
 * addresses, and Latin-script runs isolated in right-to-left text so punctuation and numbers
 * stay where the writer put them.
 */
import { LinkifyIt } from "linkify-it";
import { escapeHtml } from "../util/html.ts";

/** Writing direction of a release, from its language. */
export type Direction = "rtl" | "ltr";

/** A URL or e-mail address found in text; the shape linkify-it (v5 and v6) returns. */
export interface LinkMatch {
  schema: string;
  index: number;
  lastIndex: number;
  text: string;
  url: string;
}

const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: false });
// ftp and protocol-relative links are never wanted in a press release.
linkify.add("ftp:", null).add("//", null);

// Sentence punctuation (Latin and Arabic) and closing quotes that end a sentence, not a URL.
const TRAILING = new Set([...".,;:!?،؛؟…'\"»”’›*"]);
const SAFE_URL = /^(?:https?:\/\/|mailto:)/i;

/**
 * Keeps only links Bayan publishes (http, https, mailto; fuzzy links only when they start with
 * `www.`) and cuts trailing sentence punctuation off each, as linkify-it 5 keeps `،` or `»`.
 */
export function refineLinks<T extends LinkMatch>(matches: readonly T[] | null): T[] {
  const links: T[] = [];
  for (const match of matches ?? []) {
    if (match.schema === "" && !/^www\./i.test(match.text)) continue;
    const cut = trailingLength(match.text);
    const url = match.url.slice(0, match.url.length - cut);
    if (!SAFE_URL.test(url) || /^(?:https?:\/\/|mailto:)$/i.test(url)) continue;
    links.push({ ...match, text: match.text.slice(0, match.text.length - cut), url, lastIndex: match.lastIndex - cut });
  }
  return links;
}

function trailingLength(text: string): number {
  // Brackets are kept when the URL opened them, as in a Wikipedia address ending in `_(city)`.
  const open = { ")": count(text, "("), "]": count(text, "[") };
  const close = { ")": count(text, ")"), "]": count(text, "]") };
  let end = text.length;
  while (end > 0) {
    const ch = text[end - 1];
    if (ch === ")" || ch === "]") {
      if (close[ch] <= open[ch]) break;
      close[ch]--;
    } else if (!TRAILING.has(ch)) break;
    end--;
  }
  return text.length - end;
}

function count(text: string, ch: string): number {
  return text.split(ch).length - 1;
}

/** URLs and e-mail addresses in `text`, in order. */
export function findLinks(text: string): LinkMatch[] {
  // linkify-it slows down with the square of the links in one string: match in pieces cut at whitespace (a link never holds any).
  const links: LinkMatch[] = [];
  for (let start = 0; start < text.length; ) {
    let end = start + LINK_CHUNK;
    while (end < text.length && !/\s/.test(text[end])) end++;
    const chunk = text.slice(start, end);
    // Most paragraphs hold no link: skip linkify-it's costly scan (most of parsing a release) when
    // nothing `refineLinks` keeps can be there, as every kept link holds one of these.
    const kept = MAY_HOLD_LINK.test(chunk) ? refineLinks(linkify.match(chunk)) : [];
    for (const link of kept) {
      links.push({ ...link, index: link.index + start, lastIndex: link.lastIndex + start });
    }
    start = end;
  }
  return links;
}

const LINK_CHUNK = 2000;
/** What every link `refineLinks` keeps holds: a scheme it allows, `www.` (fuzzy links) or `@` (e-mail addresses). */
const MAY_HOLD_LINK = /https?:|mailto:|www\.|@/i;

// A Latin-script run: starts with a Latin letter, ends with a Latin letter or digit, and may hold
// spaces, digits and word punctuation in between ("ACWA Power", "Q3 2027", "R&D").
const LATIN_RUN = /\p{Script=Latin}(?:[\p{Script=Latin}\p{M}0-9 \u00A0.,'’&+/_%#@:-]*[\p{Script=Latin}0-9])?/gu;
// An international phone number: in Arabic text its groups would otherwise be shown in reverse order.
const PHONE = /\+\d[\d \u00A0-]{5,}\d/gu;
const ISOLATED = new RegExp(`${PHONE.source}|${LATIN_RUN.source}`, "gu");

/**
 * Escapes text and, in right-to-left releases, wraps each Latin-script run in `<bdi>` so the
 * bidi algorithm cannot reorder its punctuation and numbers; international phone numbers are
 * isolated left to right. Other numbers alone are left as they are.
 * @example isolateLatin("شركة ACWA Power (RO)", "rtl") // "شركة <bdi>ACWA Power</bdi> (<bdi>RO</bdi>)"
 */
export function isolateLatin(text: string, dir: Direction): string {
  if (dir === "ltr") return escapeHtml(text);
  let html = "";
  let pos = 0;
  for (const run of text.matchAll(ISOLATED)) {
    // A phone number has no strong direction of its own: say it is left to right.
    const open = run[0].startsWith("+") ? '<bdi dir="ltr">' : "<bdi>";
    html += `${escapeHtml(text.slice(pos, run.index))}${open}${escapeHtml(run[0])}</bdi>`;
    pos = run.index + run[0].length;
  }
  return html + escapeHtml(text.slice(pos));
}

/**
 * Inline text → HTML: escaped, links made, Latin runs isolated when `dir` is `rtl`.
 * Only `<a href>` and `<bdi>` are ever produced; nothing from the input becomes markup.
 * @example renderInline("راسلونا على media@example.org.", "rtl")
 * // 'راسلونا على <bdi><a href="mailto:media@example.org">media@example.org</a></bdi>.'
 */
export function renderInline(text: string, dir: Direction): string {
  let html = "";
  let pos = 0;
  for (const link of findLinks(text)) {
    const anchor = `<a href="${escapeHtml(link.url)}">${escapeHtml(link.text)}</a>`;
    html += isolateLatin(text.slice(pos, link.index), dir) + (dir === "rtl" ? `<bdi>${anchor}</bdi>` : anchor);
    pos = link.lastIndex;
  }
  return html + isolateLatin(text.slice(pos), dir);
}
