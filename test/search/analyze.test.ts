import { describe, expect, it } from "vitest";
import { analyze, analyzeWords, isStopWord, normalizeArabic, normalizeWord, prefixCandidates, stemArabic, stemCandidates } from "../../src/search/analyze.ts";

const stems = (word: string): string[] => stemCandidates(normalizeWord(word));

describe("normalizeArabic", () => {
  it.each([
    ["tashkeel", "دَشَّنَتْ", "دشنت"],
    ["tanween and sukun", "اتصالاً هاتفيًّا", "اتصالا هاتفيا"],
    ["tatweel", "الـــرياض", "الرياض"],
    ["alef with hamza above", "أكد", "اكد"],
    ["alef with hamza below", "إطلاق", "اطلاق"],
    ["alef madda", "آل ثاني", "ال ثاني"],
    ["alef wasla", "ٱلله", "الله"],
    ["hamza on waw and on ya fold together", "مسؤول مسئول", "مسءول مسءول"],
    ["ta marbuta", "الهيئة", "الهيءه"],
    ["alef maqsura", "مستشفى", "مستشفي"],
    ["Arabic-Indic digits", "٢٠٢٦", "2026"],
    ["Persian digits and letters", "۱۴۴۸ یک", "1448 يك"],
    ["presentation forms (NFKC)", "ﻗﻄﺮ", "قطر"],
    ["bidi controls and zero-width joiners", "\u202Bقطر\u202C\u200C", "قطر"],
  ])("%s", (_rule, input, expected) => {
    expect(normalizeArabic(input)).toBe(expected);
  });

  it("leaves Latin text and punctuation alone", () => {
    expect(normalizeArabic("ACWA Power, KAUST.")).toBe("ACWA Power, KAUST.");
  });
});

describe("stemCandidates: proclitics", () => {
  it.each([
    ["قطر", ["قطر"]],
    ["وقطر", ["وقطر", "قطر"]],
    ["بقطر", ["بقطر", "قطر"]],
    ["لقطر", ["لقطر", "قطر"]],
    ["السعودية", ["سعود"]],
    ["سعودية", ["سعود"]],
    ["والسعودية", ["سعود"]],
    ["بالتعاون", ["تعاون"]],
    ["وبالتعاون", ["تعاون"]],
    ["للتعاون", ["تعاون", "لتعا"]],
    ["الحج", ["حج"]],
    ["للحج", ["حج", "لحج"]],
    ["وحي", ["وحي", "حي"]],
  ])("%s → %j", (word, expected) => {
    expect(stems(word)).toEqual(expected);
  });

  it("keeps the literal reading first, so the corpus can keep وزير and بيان whole", () => {
    expect(stems("وزير")[0]).toBe("وزير");
    expect(stems("بيان")[0]).toBe("بيان");
    expect(stems("كتاب")[0]).toBe("كتاب");
    expect(stems("لبنان")[0]).toBe("لبنان");
  });

  it("does not read والده (his mother) as و + ال + ده", () => {
    expect(stems("والدة")[0]).toBe("والد");
  });
});

describe("stemCandidates: light suffixes", () => {
  it.each([
    ["الطاقة", "طاق"],
    ["طاقات", "طاق"],
    ["اجتماعات", "اجتماع"],
    ["القطري", "قطر"],
    ["السعوديين", "سعود"],
    ["اتفاقيات", "اتفاق"],
    ["دولتين", "دول"],
    ["عسكريين", "عسكر"],
    ["المواطنين", "مواطن"],
    ["مهندسون", "مهندس"],
    ["اتصالاً", "اتصال"],
    ["أساسيًا", "اساس"],
    ["دعمهما", "دعم"],
    ["أهدافها", "اهداف"],
    ["مساهمين", "مساهم"],
    ["تراكم", "تراكم"],
  ])("%s → %s", (word, expected) => {
    expect(stems(word)[0]).toBe(expected);
  });

  it("reads a ta marbuta before a pronoun as the noun: وزارتها can meet وزارة", () => {
    expect(stems("وزارتها")).toContain(stems("وزارة")[0]);
    expect(stems("حكومته")).toContain(stems("الحكومة")[0]);
  });
});

describe("words the analysis must not break", () => {
  it.each(["قطر", "أمن", "علم", "خالد", "عبدالرحمن", "سلمان", "بيان", "تعاون", "لبنان", "علي", "عمان", "رمضان"])("%s keeps its letters", (word) => {
    expect(stems(word)[0]).toBe(normalizeWord(word));
  });

  it("gives the article form and the bare form of short roots the same stem", () => {
    for (const [bare, withArticle] of [
      ["أمن", "الأمن"],
      ["علم", "العلم"],
      ["قطر", "القطري"],
    ]) {
      expect(stems(withArticle)[0]).toBe(stems(bare)[0]);
    }
  });

  it("keeps علي (the name Ali) searchable although it is spelled like على", () => {
    expect(stems("علي")).toEqual(["علي"]);
    expect(stems("على")).toEqual(["علي"]);
  });
});

describe("stop words", () => {
  it.each(["في", "من", "إلى", "التي", "هذا", "وفي", "ومن", "وهو", "وبين", "بفي", "بتم", "لان", "الهذا", "the", "and"])("%s is a stop word", (word) => {
    expect(stems(word)).toEqual([]);
  });

  it("keeps الله, which is not ال + له", () => {
    expect(stems("الله")).toEqual(["له"]);
  });

  it("does not treat فهم (understanding) as ف + هم", () => {
    expect(isStopWord(normalizeWord("فهم"))).toBe(false);
    expect(stems("فهم")[0]).toBe("فهم");
  });
});

describe("English and numbers", () => {
  it("lower-cases and stems with Porter", () => {
    expect(analyze("Desalination Plants opened")).toEqual(["desalin", "plant", "open"]);
  });

  it("keeps digit groups as one number", () => {
    expect(analyze("400,000 م³ ٤٠٠٬٠٠٠")).toEqual(["400000", "م3", "400000"]);
    expect(stems("و٤٠٠٬٠٠٠")).toContain("400000");
  });

  it("keeps a digit group whole with a mark or tatweel beside its separator, as normalized", () => {
    // Found by analyze.property.test.ts: the mark kept ٣ّ,٧ as two numbers, its normalized form 3,7 as one.
    expect(analyze("٣ّ,٧ ٤,ّ٥ 6ـ٫5")).toEqual(["37", "45", "6.5"]);
    expect(analyze("3,,7")).toEqual(["3", "7"]);
  });
});

describe("analyzeWords", () => {
  it("gives each word its span in the original text", () => {
    const text = "دشّنت الهيئة، اليوم";
    const words = analyzeWords(text);
    expect(words.map((word) => text.slice(word.start, word.end))).toEqual(["دشّنت", "الهيئة", "اليوم"]);
    expect(words.map((word) => word.form)).toEqual(["دشنت", "الهيءه", "اليوم"]);
  });

  it("splits a ligature into its words", () => {
    expect(analyzeWords("ﷺ").map((word) => word.form)).toEqual(["صلي", "الله", "عليه", "وسلم"]);
  });
});

describe("prefixCandidates", () => {
  it("strips the article and proclitics but no suffix from an unfinished word", () => {
    expect(prefixCandidates(normalizeWord("السعو"))).toEqual(["سعو"]);
    expect(prefixCandidates(normalizeWord("وقط"))).toEqual(["وقط", "قط"]);
    expect(prefixCandidates("desal")).toEqual(["desal"]);
  });
});

describe("stemArabic", () => {
  it("never leaves fewer than two letters", () => {
    for (const word of ["ات", "هم", "الي", "بها", "ية"]) expect(stemArabic(word).length).toBeGreaterThanOrEqual(2);
  });
});
