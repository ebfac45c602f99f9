/**
 * The front matter keys Bayan reads, and the near misses of them: a key that differs only in
 * case, by a typo or a plural, or a word editors use for the same thing (`published`, `status`,
 * `embargo_until`). A near miss is an error, never data: `embrago: 2099-01-01` read as data would
 * publish an embargoed release today.
 */
import type { FrontMatter } from "./model.ts";

/** Every key Bayan reads, as written in front matter. */
export const KNOWN_KEYS: ReadonlyArray<keyof FrontMatter> = [
  "title",
  "date",
  "updated",
  "slug",
  "lang",
  "tags",
  "summary",
  "image",
  "imageAlt",
  "location",
  "embargo",
  "draft",
  "translationKey",
  "contact",
  "photos",
  "files",
];

/** Words used for a known key in other tools and by editors, by the key they mean (compared folded, see `fold`). */
const SYNONYMS: Record<string, keyof FrontMatter> = {
  // Holding a release back: the keys that leak when misread.
  published: "draft",
  publish: "draft",
  unpublished: "draft",
  status: "draft",
  state: "draft",
  hidden: "draft",
  hide: "draft",
  private: "draft",
  visible: "draft",
  visibility: "draft",
  مسودة: "draft",
  منشور: "draft",
  embargountil: "embargo",
  embargoed: "embargo",
  embargodate: "embargo",
  embargoend: "embargo",
  embargotime: "embargo",
  releasedate: "embargo",
  releaseat: "embargo",
  releaseon: "embargo",
  publishat: "embargo",
  publishon: "embargo",
  publishdate: "embargo",
  publishafter: "embargo",
  holduntil: "embargo",
  notbefore: "embargo",
  embargoeduntil: "embargo",
  حظر: "embargo",
  موعدالنشر: "embargo",
  // Other keys: an error too, since the editor clearly meant the known key.
  pubdate: "date",
  publisheddate: "date",
  publishedat: "date",
  datepublished: "date",
  datetime: "date",
  تاريخ: "date",
  التاريخ: "date",
  modified: "updated",
  lastmodified: "updated",
  lastmod: "updated",
  updatedat: "updated",
  datemodified: "updated",
  headline: "title",
  عنوان: "title",
  العنوان: "title",
  language: "lang",
  locale: "lang",
  لغة: "lang",
  اللغة: "lang",
  keywords: "tags",
  categories: "tags",
  category: "tags",
  وسوم: "tags",
  الوسوم: "tags",
  description: "summary",
  excerpt: "summary",
  abstract: "summary",
  ملخص: "summary",
  الملخص: "summary",
  photo: "image",
  picture: "image",
  cover: "image",
  صورة: "image",
  الصورة: "image",
  alt: "imageAlt",
  alttext: "imageAlt",
  imagedescription: "imageAlt",
  place: "location",
  city: "location",
  المكان: "location",
};

/** A key as compared: lower case, without `_`, `-`, spaces or tatweel. */
function fold(key: string): string {
  return key
    .normalize("NFC")
    .toLowerCase()
    .replace(/[_\-\s\u0640]/g, "");
}

const FOLDED = new Map(KNOWN_KEYS.map((key) => [fold(key), key]));

/**
 * The known key that `key` is a near miss of, or undefined for a key of the editor's own.
 * @example nearKey("embrago") // "embargo"
 * @example nearKey("Draft") // "draft"
 * @example nearKey("department") // undefined
 */
export function nearKey(key: string): keyof FrontMatter | undefined {
  // `__proto__` and the like are refused on their own (frontmatter.ts), never read as a typo (`proto` → `photos`).
  if (key.startsWith("__")) return undefined;
  const folded = fold(key);
  const exact = FOLDED.get(folded) ?? FOLDED.get(folded.replace(/e?s$/, "")) ?? FOLDED.get(`${folded}s`) ?? SYNONYMS[folded];
  if (exact) return exact;
  // A typo: one edit in a short key (`data` for `date`), two in a longer one (`embrago`, `sumary`).
  let best: { key: keyof FrontMatter; distance: number } | undefined;
  for (const [candidate, known] of FOLDED) {
    const allowed = Math.min(candidate.length, folded.length) <= 4 ? 1 : 2;
    const distance = editDistance(folded, candidate, allowed);
    if (distance <= allowed && (!best || distance < best.distance)) best = { key: known, distance };
  }
  return best?.key;
}

/**
 * Optimal string alignment distance (Levenshtein with transpositions: `embrago` is one edit from
 * `embargo`), stopped early once it is past `limit`.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
    }
    if (Math.min(...row) > limit) return limit + 1;
    [before, previous] = [previous, row];
  }
  return previous[b.length];
}

/** How to write what a near-miss key meant: `published: false` is `draft: true`. */
export function nearKeyHint(key: string, near: keyof FrontMatter, value: unknown): string {
  if (near === "draft") return `to keep the release unpublished, write draft: true (and delete ${key}:); to publish it, delete ${key}:`;
  if (near === "embargo") return `to hold the release back until a moment, write embargo: 2026-12-01T08:00:00+03:00 instead of ${key}:`;
  const shown = typeof value === "string" || typeof value === "number" ? ` ${value}` : " …";
  return `write ${near}:${shown} instead; if ${key} is data of your own, give it a name further from Bayan's keys`;
}

/**
 * A known key (or a near miss of one) inside a group of keys, where Bayan does not look:
 * `params: { draft: true }` written for another tool would publish a draft.
 * @example nestedKey({ draft: true, author: "x" }) // "draft"
 */
export function nestedKey(value: unknown): string | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  return Object.keys(value).find((key) => (KNOWN_KEYS as readonly string[]).includes(key) || nearKey(key) !== undefined);
}
