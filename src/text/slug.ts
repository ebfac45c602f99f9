/**
 * URL slugs: the last part of a release's or a tag's address, and the name of its folder on disk.
 *
 * - `ascii` (the default): plain ASCII (`a-z`, `0-9`, `-`), which every static host, disk and
 *   mail client handles; Arabic is transliterated: `بيان وزارة الصحة` → `byan-wzara-alsha`.
 * - `arabic`: Arabic letters kept (NFC, without diacritics or tatweel), Latin letters lower-cased:
 *   `بيان وزارة الصحة` → `بيان-وزارة-الصحة`. Links carry it percent-encoded (see `release/url.ts`).
 *
 * Either way a slug is never a name Windows reserves for a device (`con`, `nul`, `com1`…: those get
 * a leading `_`, which no other slug has) and never longer than a file name may be.
 */
import { createHash } from "node:crypto";

/** How a site writes its addresses: the site config's `slugs`. */
export type SlugStyle = "ascii" | "arabic";

const ARABIC_TO_LATIN: Record<string, string> = {
  ا: "a",
  أ: "a",
  إ: "i",
  آ: "a",
  ٱ: "a",
  ء: "",
  ؤ: "u",
  ئ: "i",
  ب: "b",
  ت: "t",
  ث: "th",
  ج: "j",
  ح: "h",
  خ: "kh",
  د: "d",
  ذ: "dh",
  ر: "r",
  ز: "z",
  س: "s",
  ش: "sh",
  ص: "s",
  ض: "d",
  ط: "t",
  ظ: "z",
  ع: "a",
  غ: "gh",
  ف: "f",
  ق: "q",
  ك: "k",
  ل: "l",
  م: "m",
  ن: "n",
  ه: "h",
  ة: "a",
  و: "w",
  ي: "y",
  ى: "a",
  پ: "p",
  چ: "ch",
  گ: "g",
  ک: "k",
  ی: "y",
};

/** Longest ASCII slug, in characters. */
const MAX_LENGTH = 80;
/** Longest Arabic slug, in UTF-8 bytes (about 80 letters): a folder name may have 255, and a tag's may get a hash appended. */
const MAX_BYTES = 160;

// Device names Windows cannot create as a file or folder, in any case and with any extension
// (`con`, `CON.txt`): a slug is lower case and has no dot, so the bare name is all there is to catch.
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/;

/**
 * Turns any text (Latin, Arabic, digits in either system) into a slug in `style`; `""` if nothing is left.
 * @example slugify("بيان وزارة الصحة") // "byan-wzara-alsha"
 * @example slugify("بيان وزارة الصحة", "arabic") // "بيان-وزارة-الصحة"
 */
export function slugify(text: string, style: SlugStyle = "ascii"): string {
  const slug = style === "arabic" ? cut(arabicForm(text), MAX_BYTES, utf8Bytes) : cut(asciiForm(text), MAX_LENGTH, (part) => part.length);
  return RESERVED.test(slug) ? `_${slug}` : slug;
}

/** Whether `slugify` cuts the slug of `text` short, and to how many characters or (Arabic) bytes. */
export function slugLimit(text: string, style: SlugStyle = "ascii"): { cut: boolean; max: string } {
  return style === "arabic"
    ? { cut: utf8Bytes(arabicForm(text)) > MAX_BYTES, max: `${MAX_BYTES} bytes (about ${MAX_BYTES / 2} Arabic letters)` }
    : { cut: asciiForm(text).length > MAX_LENGTH, max: `${MAX_LENGTH} characters` };
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text);
}

/**
 * The slug of a tag: a function of the tag's own name, so a tag's address never changes when other
 * tags come and go (an embargo lifts, a release is deleted). Where the slug alone would not say
 * which tag it is — a transliteration (`صحة` and `سحة` are both `sha`), or a name that lost
 * characters or was cut — a short hash of the name follows: `sha-6605fc`. A name written in ASCII
 * keeps its plain slug (a device name its `_con`); names that differ only in case and punctuation are
 * one tag (`tagKey`) and share it.
 * @example tagSlug("water") // "water"
 * @example tagSlug("صحة") // "sha-6605fc"
 * @example tagSlug("الطاقة المتجددة", "arabic") // "الطاقة-المتجددة"
 */
export function tagSlug(name: string, style: SlugStyle = "ascii"): string {
  const key = tagKey(name);
  const plain = slugify(key, style);
  // A reserved name's `_` (`_con`) is unique too: no other slug starts with one.
  if (plain && (plain === key || plain === `_${key}`) && isAscii(name)) return plain;
  if (plain && style === "arabic" && plain.replaceAll("-", " ") === name) return plain;
  return `${plain || "tag"}-${createHash("sha256").update(key.normalize("NFC")).digest("hex").slice(0, 6)}`;
}

/** What makes two tag names one tag: their plain slug for names written in ASCII (`Water`, `water`), else the name itself. */
export function tagKey(name: string): string {
  return (isAscii(name) && asciiForm(name)) || name;
}

function isAscii(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text);
}

/** The ASCII slug before any cut: letters transliterated, digits folded, everything else one `-`. */
function asciiForm(text: string): string {
  const latin = Array.from(text.normalize("NFKD").toLowerCase(), (ch) => {
    if (ch in ARABIC_TO_LATIN) return ARABIC_TO_LATIN[ch];
    const code = ch.codePointAt(0)!;
    if (code >= 0x660 && code <= 0x669) return String(code - 0x660); // Arabic-Indic digits
    if (code >= 0x6f0 && code <= 0x6f9) return String(code - 0x6f0); // Persian digits
    return ch;
  }).join("");
  return latin
    .replace(/\p{M}/gu, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Letters and digits of any script, NFC, lower case, without diacritics, tatweel or invisible marks; the rest one `-`. */
function arabicForm(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\p{M}\p{Cf}\u0640]/gu, "")
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/** At most `max` long as `size` counts, cut before the last word that did not fit whole (where there is a `-`). */
function cut(slug: string, max: number, size: (part: string) => number): string {
  if (size(slug) <= max) return slug;
  let kept = "";
  for (const ch of slug) {
    if (size(kept + ch) > max) break;
    kept += ch;
  }
  return kept.replace(/-[^-]*$/, "");
}
