import { describe, expect, it } from "vitest";
import { parseRelease, type ParseOptions } from "../../src/release/parse.ts";
import { tagsOf } from "./html.ts";

const file = "releases/x.txt";
const parse = (text: string, more: Partial<ParseOptions> = {}) => parseRelease(text, { file, format: "txt", defaultLang: "ar", ...more });
const md = (text: string, more: Partial<ParseOptions> = {}) => parse(text, { format: "md", ...more });

describe("empty files and titles", () => {
  it.each(["", "   ", "\n\n\n", "\uFEFF", "\r\n \t\r\n"])("refuses an empty file (%j)", (text) => {
    const release = parse(text);
    expect(release.diagnostics).toEqual([expect.objectContaining({ file, line: 1, severity: "error", message: "the file is empty" })]);
    expect(release.title).toBe("");
  });

  it("refuses a release with front matter but no title", () => {
    const release = parse("---\ndate: 2026-11-24\n---\n\n");
    expect(release.diagnostics).toEqual([expect.objectContaining({ line: 4, severity: "error", message: "the release has no title" })]);
  });

  it("takes the first non-empty line as the title, and its line", () => {
    expect(parse("\n\n  العنوان  \n\nنص.")).toMatchObject({ title: "العنوان", titleLine: 3, bodyHtml: "<p>نص.</p>", bodyLine: 1 });
  });

  it("takes the front matter title, keeping the first line as body", () => {
    expect(parse("---\ntitle: من الترويسة\n---\nسطر أول.")).toMatchObject({
      title: "من الترويسة",
      titleLine: 2,
      bodyHtml: "<p>سطر أول.</p>",
      bodyLine: 4,
    });
  });

  it.each([
    ["U+202E", "عنوان \u202Eمقلوب\u202C"],
    ["U+2066", "عنوان \u2066مقلوب\u2069"],
    ["RLM and LRM", "عنوان\u200F \u200Eمقلوب"],
    ["zero width space", "عنوان \u200Bمقلوب"],
    ["BOM inside", "عنوان \uFEFFمقلوب"],
  ])("removes %s from the title with one warning on its line", (_, title) => {
    const release = parse(`\n${title}\n\nنص.`);
    expect(release.title).toBe("عنوان مقلوب");
    expect(release.diagnostics).toEqual([expect.objectContaining({ line: 2, severity: "warning" })]);
  });

  it("cleans a front matter title too", () => {
    const release = parse('---\ntitle: "عنوان \u202Eمقلوب"\n---\nنص.');
    expect(release.title).toBe("عنوان مقلوب");
    expect(release.diagnostics).toEqual([expect.objectContaining({ line: 2, severity: "warning" })]);
  });

  it("warns about a title over 150 characters", () => {
    const release = parse(`${"كلمة ".repeat(40)}\n\nنص.`);
    expect(release.diagnostics).toEqual([expect.objectContaining({ line: 1, severity: "warning", message: expect.stringMatching(/199 characters/) })]);
    expect(parse(`${"ا".repeat(150)}\n\nنص.`).diagnostics).toEqual([]);
  });
});

describe("body", () => {
  it("removes bidi overrides from the body with a warning a line, keeping RLM", () => {
    const release = parse("العنوان\n\nسطر \u202Eأول.\nسطر \u2067ثان.\nسطر\u200F ثالث.");
    expect(release.bodyText).toBe("سطر أول.\n\nسطر ثان.\n\nسطر\u200F ثالث.");
    expect(release.diagnostics.map((d) => [d.line, d.severity])).toEqual([
      [3, "warning"],
      [4, "warning"],
    ]);
  });

  it("counts body lines from the top of the file", () => {
    const release = parse("---\ndate: 2026-11-24\n---\nالعنوان\n\nالرياض 31 فبراير 2026 (واس) - نص.\n\n-انتهى-\n\nزيادة");
    expect(release.diagnostics.map((d) => [d.line, d.severity]).sort()).toEqual([
      [10, "warning"],
      [6, "warning"],
    ]);
    expect(release.dateline).toEqual({ text: "الرياض 31 فبراير 2026 (واس)", location: "الرياض", agency: "واس" });
  });

  it("gives bodyText with the dateline and the generated summary without it", () => {
    const release = parse("العنوان\n\nRIYADH, Nov. 24, 2026 (SPA) — The text.\n\nMore.", { defaultLang: "en" });
    expect(release.bodyText).toBe("RIYADH, Nov. 24, 2026 (SPA) — The text.\n\nMore.");
    expect(release.generatedSummary).toBe("The text.");
  });

  it("keeps the start of a long first paragraph as the summary, not a second copy of the paragraph", () => {
    const paragraph = Array.from({ length: 300 }, (_, i) => `كلمة${i}`).join(" ");
    const release = parse(`العنوان\n\n${paragraph}\n\nفقرة ثانية.`);
    expect(release.generatedSummary).toBe(`${paragraph.slice(0, paragraph.lastIndexOf(" ", 200))}…`);
    // What a parse holds (and the parse cache stores): the body twice (HTML and text), not three times.
    expect(JSON.stringify(release).length).toBeLessThan(release.bodyHtml.length + release.bodyText.length + 1500);
  });

  it("takes the direction from front matter lang, then the site language", () => {
    expect(parse("---\nlang: en\n---\nTitle\n\nACWA Power.").bodyHtml).toBe("<p>ACWA Power.</p>");
    expect(parse("Title\n\nACWA Power.", { defaultLang: "en" }).bodyHtml).toBe("<p>ACWA Power.</p>");
    expect(parse("عنوان\n\nشركة ACWA Power.").bodyHtml).toBe("<p>شركة <bdi>ACWA Power</bdi>.</p>");
  });

  it("stops at unclosed front matter without a second error", () => {
    const release = parse("---\ntitle: x\n\nنص");
    expect(release.diagnostics).toEqual([expect.objectContaining({ line: 1, severity: "error" })]);
  });

  it("reads the body after ---js front matter, which is refused", () => {
    const release = parse("---js\n{ title: process.exit(1) }\n---\nالعنوان\n\nنص.");
    expect(release).toMatchObject({ title: "العنوان", bodyHtml: "<p>نص.</p>", frontMatter: {} });
    expect(release.diagnostics).toEqual([expect.objectContaining({ line: 1, severity: "error" })]);
  });
});

describe("Markdown releases", () => {
  it("takes the title from a first-line # heading", () => {
    const release = md("# إطلاق **البوابة**\n\nنص.");
    expect(release).toMatchObject({ title: "إطلاق البوابة", titleLine: 1, bodyHtml: "<p>نص.</p>" });
  });

  it("takes the title from a setext heading, underline included", () => {
    expect(md("العنوان\n=======\n\nنص.")).toMatchObject({ title: "العنوان", bodyHtml: "<p>نص.</p>" });
  });

  it("takes the first line as the title otherwise", () => {
    expect(md("العنوان\n\nنص.")).toMatchObject({ title: "العنوان", bodyHtml: "<p>نص.</p>" });
  });

  it("demotes a body # heading when the title is in front matter", () => {
    const release = md("---\ntitle: العنوان\n---\n# قسم\n\nنص.");
    expect(tagsOf(release.bodyHtml)).toEqual(["h2", "p"]);
  });

  it("leaves template syntax alone", () => {
    expect(md("العنوان\n\n{{ 7*7 }} {% include x %}").bodyText).toBe("{{ 7*7 }} {% include x %}");
  });
});

describe("long and hostile inputs", () => {
  const spaces = " ".repeat(100_000);
  it.each([
    ["a Latin word and a long run of spaces", `RIYADH${spaces}x`],
    ["an Arabic word and a long run of spaces", `الرياض${spaces}x`],
    ["trailing spaces", `نص${spaces}`],
    ["a long run of closing brackets", `نص${")".repeat(100_000)}`],
    ["a long closing # sequence", `# عنوان ${"#".repeat(100_000)} x`],
    ["a URL with many closing brackets", `https://example.org/${")".repeat(50_000)}`],
    ["a long run of dashes", `${"-".repeat(100_000)}x`],
  ])(
    "parses %s without getting stuck (a backtracking pattern would take minutes)",
    (_, line) => {
      for (const format of ["txt", "md"] as const) {
        expect(parse(`العنوان\n\n${line}\n\n${line}`, { format }).title).toBe("العنوان");
        expect(() => parse(line, { format })).not.toThrow();
      }
    },
    20_000,
  );
});

describe("wire copy", () => {
  it.each([
    ["عام / أمير الرياض يستقبل السفير", "عام", "أمير الرياض يستقبل السفير"],
    ["اقتصادي / ارتفاع الصادرات غير النفطية", "اقتصادي", "ارتفاع الصادرات غير النفطية"],
    ["رياضي/ الهلال يتأهل", "رياضي", "الهلال يتأهل"],
    ["ثقافي / افتتاح معرض الكتاب", "ثقافي", "افتتاح معرض الكتاب"],
    ["أمني / القبض على مروجين", "أمني", "القبض على مروجين"],
    ["General / Crown Prince receives envoy", "General", "Crown Prince receives envoy"],
  ])("takes the desk off the title %s", (title, desk, rest) => {
    expect(parse(`${title}\n\nنص.`)).toMatchObject({ title: rest, desk });
  });

  it.each(["الرياض / جدة: رحلات جديدة", "عام/", "2026 / 2027 ميزانية"])("leaves %s whole", (title) => {
    const release = parse(`${title}\n\nنص.`);
    expect(release.title).toBe(title);
    expect(release.desk).toBeUndefined();
  });

  it("reads SPA copy: desk, stand-alone dateline, numbered items, no headings", () => {
    const release = parse(
      [
        "اقتصادي / المملكة تستضيف مؤتمر الطاقة",
        "الكويت 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس",
        "أعلنت وزارة الطاقة اليوم استضافة المملكة مؤتمر الطاقة الدولي.",
        "وتضمن جدول الأعمال محاور منها:",
        "1 -",
        "أمن الإمدادات.",
        "2 -",
        "الطاقة المتجددة.",
      ].join("\n\n"),
    );
    expect(release).toMatchObject({ title: "المملكة تستضيف مؤتمر الطاقة", desk: "اقتصادي", generatedSummary: expect.stringMatching(/^أعلنت/) });
    expect(release.dateline).toMatchObject({ location: "الكويت", agency: "واس", date: { year: 2015, month: 8, day: 10 } });
    expect(tagsOf(release.bodyHtml)).toEqual(["p", "span", "p", "p", "ol", "li", "li"]);
    expect(release.diagnostics).toEqual([]);
  });

  it("keeps the byline in the data, out of the body", () => {
    const release = parse("انطلاق مهرجان الصيف\n\nعين اليوم – الرياض\n\nانطلق اليوم مهرجان الصيف.");
    expect(release.byline).toEqual({ text: "عين اليوم – الرياض", author: "عين اليوم", location: "الرياض" });
    expect(release.bodyHtml).toBe("<p>انطلق اليوم مهرجان الصيف.</p>");
  });
});
