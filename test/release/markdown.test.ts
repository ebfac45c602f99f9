import { describe, expect, it } from "vitest";
import { markdownTitle, renderMarkdownBody } from "../../src/release/markdown.ts";
import { fragment, tagsOf } from "./html.ts";

const render = (text: string, lang = "ar") =>
  renderMarkdownBody(text.split("\n"), { file: "releases/x.md", dir: lang === "ar" ? "rtl" : "ltr", firstLine: 5, lang });

describe("renderMarkdownBody", () => {
  it("demotes a body # heading to <h2>", () => {
    expect(tagsOf(render("# قسم\n\nنص\n\n## قسم فرعي\n\n### أصغر").html)).toEqual(["h2", "p", "h2", "h3"]);
  });

  it.each([
    ["ar", "\"اقتباس\" و 'داخلي'", "«اقتباس» و ‹داخلي›"],
    ["fa", '"نقل قول"', "«نقل قول»"],
    ["en", "\"quote\" and 'inner'", "“quote” and ‘inner’"],
  ])("uses the quotes of the script (%s)", (lang, text, expected) => {
    expect(fragment(render(text, lang).html).textContent?.trim()).toBe(expected);
  });

  it("keeps raw HTML and template syntax as text", () => {
    const body = render("<script>alert(1)</script> {{ 7*7 }} {% raw %} <b>x</b>");
    expect(tagsOf(body.html).filter((tag) => tag !== "bdi")).toEqual(["p"]);
    expect(body.text).toBe("<script>alert(1)</script> {{ 7*7 }} {% raw %} <b>x</b>");
  });

  it.each([
    ["[x](javascript:alert(1))"],
    ["[x](JAVASCRIPT:alert(1))"],
    ["[x](vbscript:msgbox)"],
    ["[x](data:text/html;base64,PHNjcmlwdD4=)"],
    ["[x](ftp://example.org)"],
    ["[x](file:///etc/passwd)"],
    ["<javascript:alert(1)>"],
  ])("makes no link from %s", (text) => {
    expect(tagsOf(render(text).html)).not.toContain("a");
  });

  it.each([
    ["[x](https://example.org)", "https://example.org"],
    ["[x](mailto:media@example.org)", "mailto:media@example.org"],
    ["[x](/releases/2026/)", "/releases/2026/"],
    ["[x](../other/)", "../other/"],
    ["<https://example.org>", "https://example.org"],
    ["راسلونا على media@example.org.", "mailto:media@example.org"],
    ["انظر www.example.org، ثم", "http://www.example.org"],
    ["الرابط https://example.org/a،", "https://example.org/a"],
  ])("links %s", (text, href) => {
    expect(fragment(render(text).html).querySelector("a")?.getAttribute("href")).toBe(href);
  });

  it("keeps only href on links", () => {
    expect(render('[x](https://example.org "title")').html).toBe('<p><a href="https://example.org"><bdi>x</bdi></a></p>');
  });

  it("does not link bare domains", () => {
    expect(tagsOf(render("example.org").html)).not.toContain("a");
  });

  it("turns images into links to the image, since pictures come from front matter", () => {
    const body = fragment(render("![المحطة](https://example.org/plant.jpg)").html);
    expect(body.querySelector("img")).toBeNull();
    expect(body.querySelector("a")?.getAttribute("href")).toBe("https://example.org/plant.jpg");
  });

  it("isolates Latin runs in right-to-left releases", () => {
    expect(render("شركة ACWA Power المحدودة").html).toBe("<p>شركة <bdi>ACWA Power</bdi> المحدودة</p>");
    expect(render("ACWA Power", "en").html).toBe("<p>ACWA Power</p>");
  });

  it("recognises a dateline in the first paragraph", () => {
    const body = render("الرياض 26 شوال 1436 هـ (واس) – افتتح **الوزير** المعرض.\n\nفقرة ثانية.");
    expect(body.dateline).toMatchObject({ location: "الرياض", agency: "واس", hijri: { year: 1436, month: 10, day: 26 } });
    expect(body.html).toMatch(/^<p><span class="dateline">الرياض\u00A026\u00A0شوال\u00A01436\u00A0هـ \(واس\)<\/span> – افتتح <strong>الوزير<\/strong>/);
    expect(body.firstParagraph).toBe("افتتح الوزير المعرض.");
    expect(body.text).toBe("الرياض 26 شوال 1436 هـ (واس) – افتتح الوزير المعرض.\n\nفقرة ثانية.");
  });

  it("recognises a dateline on a line of its own, as agencies send it", () => {
    const dateline = "الكويت 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس";
    for (const text of [`${dateline}\n\nأعلنت الوزارة اليوم.`, `${dateline}\nأعلنت الوزارة اليوم.`]) {
      const body = render(text);
      expect(body.dateline).toMatchObject({ location: "الكويت", agency: "واس", date: { year: 2015, month: 8, day: 10 } });
      // As in .txt, each number is held to the words beside it on the page, and only there.
      expect(body.html).toMatch(
        /^<p><span class="dateline">الكويت\u00A025\u00A0شوال\u00A01436\u00A0هـ الموافق\u00A010\u00A0اغسطس\u00A02015\u00A0م واس<\/span>/,
      );
      expect(body.text.startsWith(dateline)).toBe(true);
      expect(body.firstParagraph).toBe("أعلنت الوزارة اليوم.");
    }
  });

  it("reports a dateline's wrong date on its line in the file", () => {
    const body = render("## قسم\n\nالرياض 31 فبراير 2026 (واس) - نص.");
    expect(body.diagnostics).toEqual([expect.objectContaining({ line: 7, severity: "warning" })]);
  });

  it("stops at an end mark outside code fences and warns about text after it", () => {
    const body = render("نص.\n\n```\n-انتهى-\n```\n\n-انتهى-\n\nملاحظة داخلية");
    expect(body.html).toContain("<pre><code>-انتهى-");
    expect(body.text).not.toContain("ملاحظة");
    expect(body.diagnostics).toEqual([expect.objectContaining({ line: 13, severity: "warning" })]);
  });

  it("gives plain text with list items on lines, and code", () => {
    const body = render("مقدمة *مهمة*.\n\n1. أول\n2. ثان\n\n> اقتباس\n\n    code\n\nخاتمة");
    expect(body.text).toBe("مقدمة مهمة.\n\nأول\nثان\n\nاقتباس\n\ncode\n\nخاتمة");
    expect(body.firstParagraph).toBe("مقدمة مهمة.");
  });
});

describe("markdownTitle", () => {
  it.each([
    ["# عنوان البيان", "عنوان البيان"],
    ["## عنوان #", "عنوان"],
    ["عنوان **عريض** و[رابط](https://x.org)", "عنوان عريض ورابط"],
    ['# "اقتباس"', "«اقتباس»"],
    ["#", ""],
  ])("%s → %s", (line, title) => {
    expect(markdownTitle(line, "ar")).toBe(title);
  });
});
