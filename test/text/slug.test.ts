import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { slugify, tagKey, tagSlug, type SlugStyle } from "../../src/text/slug.ts";

// Letters that transliterate alike, Latin, digits of three systems, marks, invisible characters,
// device names, dots and spaces: the names most likely to collide or to be refused by a disk.
const PIECES = [
  "ص",
  "س",
  "ح",
  "ه",
  "ة",
  "ا",
  "ع",
  "ت",
  "ط",
  "ث",
  "ـ",
  "\u064E",
  "\u0651",
  "\u200C",
  "\u202E",
  "con",
  "NUL",
  "Com1",
  "lpt9",
  "aux",
  "a",
  "B",
  "é",
  "e\u0301",
  "1",
  "١",
  "۱",
  " ",
  "-",
  ".",
  "_",
  "!",
  "/",
  "%",
  "?",
  "#",
];
const names = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 }).map((parts) => parts.join(""));
const longNames = fc.array(fc.constantFrom("بيان", "وزارة", "الصحة", "energy", "ث", " "), { minLength: 60, maxLength: 120 }).map((parts) => parts.join(""));
const styles: SlugStyle[] = ["ascii", "arabic"];
const reserved = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/;

describe.each(styles)("slugs in the %s style", (style) => {
  it("are letters, digits and single hyphens a disk can hold: no device name, no dot or space at the end, far below the 255 bytes of a file name", () => {
    fc.assert(
      fc.property(fc.oneof(names, longNames), (name) => {
        for (const slug of [slugify(name, style), tagSlug(name, style)]) {
          expect(slug).toMatch(style === "ascii" ? /^_?[a-z0-9]+(-[a-z0-9]+)*$|^$/ : /^_?[\p{L}\p{N}]+(-[\p{L}\p{N}]+)*$|^$/u);
          expect(slug).not.toMatch(reserved);
          expect(Buffer.byteLength(slug)).toBeLessThanOrEqual(170);
          expect(slug).toBe(slug.normalize("NFC"));
        }
      }),
    );
  });

  it("give two tags one address only when they are one tag", () => {
    fc.assert(
      fc.property(names, names, (a, b) => {
        if (tagKey(a) !== tagKey(b)) expect(tagSlug(a, style)).not.toBe(tagSlug(b, style));
      }),
    );
  });
});

describe("slugs", () => {
  it("keep the addresses they had: ASCII transliteration, cut at 80 characters before a whole word", () => {
    expect(slugify("بيان وزارة الصحة")).toBe("byan-wzara-alsha");
    expect(slugify("Desalination Plant ١٤٤٨")).toBe("desalination-plant-1448");
    expect(slugify(`${"word ".repeat(20)}end`)).toBe("word-".repeat(16).slice(0, -1));
    expect(tagSlug("Climate change")).toBe("climate-change");
  });

  it("prefix a device name with _, in any case", () => {
    expect(["con", "PRN", "Aux", "nul", "com1", "LPT9"].map((name) => slugify(name))).toEqual(["_con", "_prn", "_aux", "_nul", "_com1", "_lpt9"]);
    expect(tagSlug("CON")).toBe("_con");
    expect(slugify("con", "arabic")).toBe("_con");
  });

  it("keep Arabic letters in the arabic style, without diacritics or tatweel, and give a tag that lost characters a hash", () => {
    expect(slugify("بيانُ وزارةِ الصـــحة", "arabic")).toBe("بيان-وزارة-الصحة");
    expect(tagSlug("الطاقة المتجددة", "arabic")).toBe("الطاقة-المتجددة");
    expect(tagSlug("صِحّة", "arabic")).toMatch(/^صحة-[0-9a-f]{6}$/);
    expect(tagSlug("صحة")).toBe("sha-6605fc");
  });
});
