import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRelease, type ParseOptions } from "../../src/release/parse.ts";
import { fragment, sample, SAMPLES, tagsOf } from "./html.ts";

const options = (file: string, more: Partial<ParseOptions> = {}): ParseOptions => ({
  file: `releases/${file}`,
  format: file.endsWith(".md") ? "md" : "txt",
  defaultLang: "ar",
  ...more,
});
const parseSample = (name: string, more: Partial<ParseOptions> = {}) => parseRelease(sample(name), options(name, more));
const errors = (name: string, more: Partial<ParseOptions> = {}) => parseSample(name, more).diagnostics.filter((d) => d.severity === "error");

describe("good samples", () => {
  const good = readdirSync(SAMPLES).filter((name) => /\.(txt|md)$/.test(name) && !name.includes("windows-1256"));

  it.each(good)("%s parses without errors and with a title and body", (name) => {
    const release = parseSample(name);
    expect(release.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(release.title).not.toBe("");
    expect(release.bodyHtml).not.toBe("");
    expect(release.bodyText).not.toBe("");
  });

  it("seed-release.txt: title line, 2 headings, 4 paragraphs, no front matter", () => {
    const release = parseSample("seed-release.txt");
    expect(release.title).toBe("وزيري الدفاع السعودي والقطري يناقشان تعزيز التعاون العسكري المشترك");
    expect(release.titleLine).toBe(1);
    expect(release.frontMatter).toEqual({});
    expect(release.diagnostics).toEqual([]);
    const body = fragment(release.bodyHtml);
    expect([...body.querySelectorAll("h2")].map((h) => h.textContent)).toEqual(["اتصال وزارة الدفاع بين السعودية وقطر", "تعزيز الروابط العسكرية"]);
    expect(body.querySelectorAll("p")).toHaveLength(4);
    expect(release.dateline).toBeUndefined();
    expect(release.generatedSummary).toMatch(/^أجرى الأمير خالد بن سلمان/);
    expect(release.bodyText.split("\n\n")).toHaveLength(6);
  });

  describe("2026-11-24-desalination-plant.txt", () => {
    const release = parseSample("2026-11-24-desalination-plant.txt");
    const body = fragment(release.bodyHtml);

    it("reads the front matter", () => {
      expect(release.frontMatter).toMatchObject({
        tags: ["مياه", "طاقة", "مشاريع"],
        location: "الجبيل",
        translationKey: "desalination-2026",
        contact: "المركز الإعلامي — media@example.org — +966 11 000 0000",
      });
      expect(release.keyLines).toEqual({ tags: 2, summary: 3, location: 4, translationKey: 5, contact: 6 });
      expect(release.title).toBe("تدشين أول محطة تحلية تعمل بالطاقة الشمسية على ساحل الخليج العربي");
      expect(release.titleLine).toBe(8);
      expect(release.bodyLine).toBe(8);
    });

    it("recognises the SPA dateline with both calendars", () => {
      expect(release.dateline).toEqual({
        text: "الجبيل 14 جمادى الآخرة 1448 هـ الموافق 24 نوفمبر 2026 م (واس)",
        location: "الجبيل",
        agency: "واس",
        date: { year: 2026, month: 11, day: 24 },
        hijri: { year: 1448, month: 6, day: 14 },
      });
      const first = body.querySelector("p")!;
      expect(first.firstElementChild?.outerHTML.replace(/&#160;|\u00A0/g, " ")).toBe(`<span class="dateline">${release.dateline!.text}</span>`);
      expect(first.textContent).toMatch(/\(واس\) – دشّنت الهيئة/);
      expect(release.generatedSummary).toMatch(/^دشّنت الهيئة اليوم/);
      expect(release.bodyText).toMatch(/^الجبيل 14 جمادى/);
    });

    it("renders the heading, the list, the sentence lines and the links", () => {
      expect([...body.querySelectorAll("h2")].map((h) => h.textContent)).toEqual(["أرقام المشروع", "عن الهيئة"]);
      expect(body.querySelectorAll("ul > li")).toHaveLength(4);
      expect(body.querySelectorAll("p")).toHaveLength(4);
      const links = [...body.querySelectorAll("a")].map((a) => a.getAttribute("href"));
      expect(links).toEqual(["https://example.org/reports/jubail-2026.pdf", "mailto:media@example.org"]);
      expect([...body.querySelectorAll("bdi")].map((b) => b.textContent)).toEqual(expect.arrayContaining(["ACWA Power", "KAUST", "RO"]));
    });

    it("drops the end mark", () => {
      expect(release.bodyHtml).not.toContain("انتهى");
      expect(release.bodyText).not.toContain("انتهى");
      expect(release.diagnostics).toEqual([]);
    });
  });

  it("2026-11-24-desalination-plant.en.txt: English dateline, LTR, -ENDS- dropped", () => {
    const release = parseSample("2026-11-24-desalination-plant.en.txt");
    expect(release.frontMatter.lang).toBe("en");
    expect(release.dateline).toEqual({
      text: "JUBAIL, Nov. 24, 2026 (SPA)",
      location: "JUBAIL",
      agency: "SPA",
      date: { year: 2026, month: 11, day: 24 },
    });
    const body = fragment(release.bodyHtml);
    expect(body.querySelectorAll("ul > li")).toHaveLength(4);
    expect(body.querySelectorAll("bdi")).toHaveLength(0);
    expect(body.querySelector("a")?.getAttribute("href")).toBe("https://example.org/reports/jubail-2026.pdf");
    expect(release.bodyHtml).not.toContain("ENDS");
    expect(release.generatedSummary).toMatch(/^The authority today opened/);
  });

  it("2026-10-05-digital-services.md: Markdown with Arabic quotes, date kept with its offset", () => {
    const release = parseSample("2026-10-05-digital-services.md");
    expect(release.title).toBe("إطلاق الجيل الثاني من بوابة الخدمات الرقمية");
    expect(release.frontMatter.date).toBe("2026-10-05T09:30:00+03:00");
    const body = fragment(release.bodyHtml);
    expect(tagsOf(release.bodyHtml)).not.toContain("h1");
    expect(body.querySelector("h2")?.textContent).toBe("أبرز المزايا");
    expect(body.querySelectorAll("ol > li")).toHaveLength(3);
    expect(body.querySelector("strong")?.textContent).toBe("إطلاق الجيل الثاني");
    expect(body.querySelector("blockquote > p")?.textContent).toMatch(/^«هدفنا .* دقائق»/);
    expect(body.querySelector("a")?.getAttribute("href")).toBe("https://example.org/portal");
    expect(release.generatedSummary).toMatch(/^أعلنت الوزارة اليوم إطلاق الجيل الثاني/);
  });

  it("2026-09-14-flu-campaign-bom-crlf.txt parses as if it were clean UTF-8 with LF", () => {
    const bytes = sample("2026-09-14-flu-campaign-bom-crlf.txt");
    const clean = new TextDecoder()
      .decode(bytes)
      .replace(/^\uFEFF/, "")
      .replace(/\r\n/g, "\n");
    const fromBytes = parseRelease(bytes, options("flu.txt"));
    expect(fromBytes).toEqual(parseRelease(clean, options("flu.txt")));
    expect(fromBytes.frontMatter).toEqual({ date: "2026-09-14", tags: ["صحة"] });
    expect(fromBytes.title).toBe("حملة وطنية للتطعيم ضد الإنفلونزا الموسمية");
    expect(fromBytes.bodyHtml).not.toMatch(/\r|\uFEFF/);
  });

  it("embargoed-budget.txt and draft-note.txt keep embargo and draft for the build to act on", () => {
    expect(parseSample("embargoed-budget.txt").frontMatter).toEqual({ date: "2099-01-01", embargo: "2099-01-01T08:00:00+03:00" });
    expect(parseSample("draft-note.txt").frontMatter).toEqual({ draft: true, date: "2026-11-20" });
  });
});

describe("2026-08-02-library-windows-1256.txt", () => {
  const name = "2026-08-02-library-windows-1256.txt";

  it("without legacyEncoding: an error naming the line of the first bad byte and the fix", () => {
    const [error] = errors(name);
    expect(error).toMatchObject({ file: `releases/${name}`, line: 4, severity: "error" });
    expect(error.message).toMatch(/not valid UTF-8/);
    expect(error.hint).toMatch(/UTF-8/);
    expect(error.hint).toContain('"legacyEncoding": "windows-1256"');
  });

  it("with legacyEncoding windows-1256: decoded, with a warning", () => {
    const release = parseSample(name, { legacyEncoding: "windows-1256" });
    expect(release.title).toBe("افتتاح مكتبة عامة جديدة في حي الملز");
    expect(release.frontMatter.date).toBe("2026-08-02");
    expect(release.bodyText).toBe("افتتحت أمانة المنطقة مكتبة عامة تضم خمسين ألف كتاب.");
    expect(release.diagnostics).toEqual([expect.objectContaining({ severity: "warning", message: expect.stringMatching(/windows-1256/) })]);
  });
});

describe("bad samples", () => {
  it.each([
    ["bad/unclosed-front-matter.txt", 2, /quoted value is never closed/],
    ["bad/invalid-date.txt", 2, /date "2026-13-45" is not a real date/],
    ["bad/unsafe-yaml.txt", 2, /!!js\/function is not allowed/],
    ["bad/empty.txt", 1, /^the file is empty$/],
  ])("%s: error on line %i", (name, line, message) => {
    const found = errors(name);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: `releases/${name}`, line, message: expect.stringMatching(message) });
    expect(found[0].hint).toBeTruthy();
  });

  it("bad/unsafe-yaml.txt: nothing from the YAML is used", () => {
    expect(parseSample("bad/unsafe-yaml.txt").frontMatter).toEqual({});
  });

  it("bad/empty.txt: no page material at all", () => {
    expect(parseSample("bad/empty.txt")).toMatchObject({ title: "", bodyHtml: "", bodyText: "" });
  });

  it("bad/html-injection.txt: markup stays text", () => {
    const release = parseSample("bad/html-injection.txt");
    expect(release.diagnostics).toEqual([]);
    expect(release.title).toBe('بيان <script>alert(1)</script> & "اقتباس" <b>عريض</b>');
    const body = fragment(release.bodyHtml);
    expect(tagsOf(release.bodyHtml).filter((tag) => tag !== "p" && tag !== "bdi")).toEqual([]);
    expect(body.textContent).toBe("فقرة فيها <img src=x onerror=alert(2)> ورابط javascript:alert(3) و ]]> داخل النص.");
  });

  it("bad/bidi-override-title.txt: the controls are removed from the title, with a warning on line 1", () => {
    const release = parseSample("bad/bidi-override-title.txt");
    expect(release.title).toBe("عنوان مقلوب للخداع");
    expect(release.diagnostics).toEqual([expect.objectContaining({ severity: "warning", line: 1 })]);
  });

  it("bad/slug-traversal.txt: the slug is passed on as written, for the URL rules to refuse", () => {
    const release = parseSample("bad/slug-traversal.txt");
    expect(release.frontMatter.slug).toBe("../../../etc/owned");
    expect(release.keyLines.slug).toBe(2);
  });
});
