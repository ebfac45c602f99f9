import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze, analyzeWords, normalizeArabic, normalizeWord, stemCandidates } from "../../src/search/analyze.ts";
import { excerpt } from "../../src/search/excerpt.ts";

// Text as releases are written: Arabic letters and their variant forms, tashkeel, tatweel,
// presentation forms, Arabic-Indic digits, Latin, punctuation, spaces and bidi marks.
const pieces = [
  ..."ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي",
  ..."ًٌٍَُِّْٰـ",
  ..."٠١٢٣٤٥٦٧٨٩۰۴ی",
  ..."ﻗﻄﺮﷲﻻ",
  ..."abcXYZ019",
  ..." .,،؛؟!:()«»-\n",
  "\u200C",
  "\u200F",
  "\u202B",
  "\u202C",
];
const releaseText = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((chars) => chars.join(""));
const anyText = fc.string({ unit: "binary", maxLength: 40 });
const arabicWord = fc.array(fc.constantFrom(..."ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيًَُِّـ"), { minLength: 1, maxLength: 12 }).map((chars) => chars.join(""));

describe("normalization properties", () => {
  it("normalizeArabic is idempotent on any text", () => {
    fc.assert(
      fc.property(fc.oneof(releaseText, anyText), (text) => {
        expect(normalizeArabic(normalizeArabic(text))).toBe(normalizeArabic(text));
      }),
    );
  });

  it("normalizeWord is idempotent on any text", () => {
    fc.assert(
      fc.property(fc.oneof(releaseText, anyText), (text) => {
        expect(normalizeWord(normalizeWord(text))).toBe(normalizeWord(text));
      }),
    );
  });
});

describe("analysis properties", () => {
  it("never throws and gives words inside the text", () => {
    fc.assert(
      fc.property(fc.oneof(releaseText, anyText), (text) => {
        for (const word of analyzeWords(text)) {
          expect(word.start).toBeGreaterThanOrEqual(0);
          expect(word.end).toBeLessThanOrEqual(text.length);
          expect(word.start).toBeLessThan(word.end);
          expect(word.form).not.toBe("");
        }
      }),
    );
  });

  it("gives the same terms for a text and its normalized form", () => {
    fc.assert(
      fc.property(releaseText, (text) => {
        expect(analyze(normalizeArabic(text))).toEqual(analyze(text));
      }),
    );
  });

  it("gives normalized, non-empty, distinct stem candidates", () => {
    fc.assert(
      fc.property(arabicWord, (word) => {
        const stems = stemCandidates(normalizeWord(word));
        expect(new Set(stems).size).toBe(stems.length);
        for (const stem of stems) {
          expect(stem.length).toBeGreaterThan(0);
          expect(normalizeWord(stem)).toBe(stem);
        }
      }),
    );
  });

  it("analyzes a word the same however it is diacritized or stretched", () => {
    fc.assert(
      fc.property(arabicWord, fc.constantFrom("\u064E", "\u0651", "\u0640", "\u064B"), (word, mark) => {
        const marked = [...word].join(mark);
        expect(analyze(marked)).toEqual(analyze(word));
      }),
    );
  });
});

describe("excerpt properties", () => {
  it("never throws and only cuts the text", () => {
    fc.assert(
      fc.property(releaseText, fc.array(arabicWord, { maxLength: 3 }), (text, words) => {
        const segments = excerpt(text, new Set(words.flatMap((word) => stemCandidates(normalizeWord(word)))));
        const shown = segments
          .map((segment) => segment.text)
          .join("")
          .replace(/^… /, "")
          .replace(/ …$/, "");
        expect(text).toContain(shown);
      }),
    );
  });
});
