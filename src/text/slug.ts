/**
 * URL slugs. Bayan's slugs are plain ASCII (`a-z`, `0-9`, `-`): every static host, every
 * disk and every mail client handles them, and NFC/NFD look-alikes cannot collide.
 * Arabic is transliterated into a readable form: `بيان وزارة الصحة` → `byan-wzara-alsha`.
 */

const ARABIC_TO_LATIN: Record<string, string> = {
  ا: "a", أ: "a", إ: "i", آ: "a", ٱ: "a", ء: "", ؤ: "u", ئ: "i",
  ب: "b", ت: "t", ث: "th", ج: "j", ح: "h", خ: "kh", د: "d", ذ: "dh",
  ر: "r", ز: "z", س: "s", ش: "sh", ص: "s", ض: "d", ط: "t", ظ: "z",
  ع: "a", غ: "gh", ف: "f", ق: "q", ك: "k", ل: "l", م: "m", ن: "n",
  ه: "h", ة: "a", و: "w", ي: "y", ى: "a", پ: "p", چ: "ch", گ: "g", ک: "k", ی: "y",
};

const MAX_LENGTH = 80;

/** Turns any text (Latin, Arabic, digits in either system) into a URL-safe slug; `""` if nothing is left. */
export function slugify(text: string): string {
  const latin = Array.from(text.normalize("NFKD").toLowerCase(), (ch) => {
    if (ch in ARABIC_TO_LATIN) return ARABIC_TO_LATIN[ch];
    const code = ch.codePointAt(0)!;
    if (code >= 0x660 && code <= 0x669) return String(code - 0x660); // Arabic-Indic digits
    if (code >= 0x6f0 && code <= 0x6f9) return String(code - 0x6f0); // Persian digits
    return ch;
  }).join("");
  const slug = latin
    .replace(/\p{M}/gu, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug.length <= MAX_LENGTH ? slug : slug.slice(0, MAX_LENGTH).replace(/-[^-]*$/, "");
}
