import { describe, expect, it } from "vitest";
import { EASTERN_DIGITS, latinDigits } from "../../src/text/digits.ts";
import { normalizeArabic } from "../../src/search/analyze.ts";
import { fold } from "../../src/release/dateline.ts";

describe("Arabic-Indic and Persian digits, folded in one place", () => {
  it("turns both kinds into ASCII digits, one code unit for one, and leaves the rest", () => {
    expect(latinDigits("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ 2026 عام")).toBe("0123456789 0123456789 2026 عام");
    expect(latinDigits("بيان ٢٠٢٦/١١")).toHaveLength("بيان ٢٠٢٦/١١".length);
    expect(new RegExp(`^[${EASTERN_DIGITS}]+$`).test("٤۴")).toBe(true);
  });

  it("gives the same digits to search, datelines and list numbers", () => {
    expect(normalizeArabic("٢٠٢٦ ۲۰۲۶")).toBe("2026 2026");
    expect(fold("الرياض ٢٦ شوال ١٤٣٦")).toBe("الرياض 26 شوال 1436");
  });
});
