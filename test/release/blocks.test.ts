import { describe, expect, it } from "vitest";
import { cutAtEndMark, isEndMark, renderTextBody } from "../../src/release/blocks.ts";
import { fragment, tagsOf } from "./html.ts";

const options = { file: "releases/x.txt", dir: "rtl" as const, firstLine: 3 };
const render = (text: string) => renderTextBody(text.split("\n"), options);
/** Text with the dateline's no-break spaces as plain ones: the shape, not the line breaking. */
const plain = (text: string) => text.replace(/\u00A0/g, " ");
const shape = (text: string) => [...fragment(render(text).html).children].map((el) => `${el.tagName.toLowerCase()}:${plain(el.textContent ?? "")}`);

describe("headings", () => {
  it.each([
    ["a short line followed by text", "أرقام المشروع\n\nنص الفقرة.", ["h2:أرقام المشروع", "p:نص الفقرة."]],
    ["a Latin heading", "Project figures\n\nText.", ["h2:Project figures", "p:Text."]],
    ["a heading ending in a closing bracket", "المرحلة الثانية (2027)\n\nنص.", ["h2:المرحلة الثانية (2027)", "p:نص."]],
  ])("%s is a heading", (_, text, expected) => {
    expect(shape(text)).toEqual(expected);
  });

  it.each([
    ["the last block", "نص أول.\n\nسطر قصير أخير"],
    ["a line ending with a full stop", "جملة قصيرة.\n\nنص."],
    ["a line ending with a colon", "وقال الوزير:\n\nنص."],
    ["a line ending with an Arabic comma", "من جهة أخرى،\n\nنص."],
    ["a line ending with an Arabic question mark", "ما الجديد؟\n\nنص."],
    ["a line ending with an ellipsis", "وللحديث بقية…\n\nنص."],
    ["a line ending with a full stop and a closing quote", "قال «نعم.»\n\nنص."],
    ["a line ending with ؛", "أولاً؛\n\nنص."],
    ["thirteen words", `${"كلمة ".repeat(13).trim()}\n\nنص.`],
    ["over 100 characters", `${"ا".repeat(101)}\n\nنص.`],
    ["two lines", "سطر أول\nسطر ثان\n\nنص."],
  ])("%s is not a heading", (_, text) => {
    expect(shape(text)[0]).toMatch(/^p:/);
  });
});

describe("lists", () => {
  it.each([
    ["-", "- أ\n- ب"],
    ["•", "• أ\n•ب"],
    ["*", "* أ\n* ب"],
    ["–", "– أ\n– ب"],
  ])("bullets %s → <ul>", (_, text) => {
    expect(render(text).html).toBe("<ul><li>أ</li><li>ب</li></ul>");
  });

  it.each([
    ["Latin numerals with .", "1. أ\n2. ب", ""],
    ["Latin numerals with )", "1) أ\n2) ب", ""],
    ["Arabic-Indic numerals", "١. أ\n٢. ب", ""],
    ["Persian numerals", "۱) أ\n۲) ب", ""],
    ["a list starting at 3", "3. أ\n4. ب", ' start="3"'],
    ["a list starting at ١٢", "١٢. أ\n١٣. ب", ' start="12"'],
  ])("%s → <ol>", (_, text, start) => {
    expect(render(text).html).toBe(`<ol${start}><li>أ</li><li>ب</li></ol>`);
  });

  it.each([
    ["a line without a marker", "- أ\nب"],
    ["bullets and numerals mixed", "- أ\n2. ب"],
    ["a dash without a space (a negative number)", "-5 درجات مئوية."],
    ["a year at the start of a line", "2027. عام التشغيل."],
  ])("%s is not a list", (_, text) => {
    expect(shape(text)[0]).toMatch(/^p:/);
  });

  it("makes a single bulleted line a list, but a single short numbered line a heading", () => {
    expect(shape("- بند واحد\n\nنص.")).toEqual(["ul:بند واحد", "p:نص."]);
    expect(shape("1. الخلفية\n\nنص.")).toEqual(["h2:1. الخلفية", "p:نص."]);
    expect(shape("1. بند واحد.\n\nنص.")).toEqual(["ol:بند واحد.", "p:نص."]);
  });

  it("gives list items as lines in the plain text", () => {
    expect(render("- أ\n- ب").text).toBe("أ\nب");
  });
});

describe("paragraphs", () => {
  it("joins a hard-wrapped paragraph with spaces", () => {
    expect(shape("هذا سطر أول من فقرة\nيكمل في السطر الثاني\nوينتهي هنا.")).toEqual(["p:هذا سطر أول من فقرة يكمل في السطر الثاني وينتهي هنا."]);
  });

  it.each([
    ["full stops", "جملة أولى.\nجملة ثانية."],
    ["mixed sentence ends", "هل تعلم؟\nنعم!\nوهكذا…"],
    ["closing quotes after the stop", 'قال: «نعم.»\nوأضاف: "لا."'],
    ["Latin", "First sentence.\nSecond one?"],
  ])("gives one <p> per line when every line is a sentence: %s", (_, text) => {
    expect(shape(text)).toHaveLength(text.split("\n").length);
  });

  it("trims indentation and spaces around lines", () => {
    expect(render("   سطر مسافة.   \n\t").html).toBe("<p>سطر مسافة.</p>");
  });

  it("treats lines of spaces as blank", () => {
    expect(shape("أ.\n   \nب.")).toEqual(["p:أ.", "p:ب."]);
  });
});

describe("end marks", () => {
  it.each(["انتهى", "-انتهى-", "- انتهى -", "// انتهى //", "(انتهى)", "—انتهى—", "/انتهى/", "###", "-ENDS-", "ENDS", "- ends -", "-30-", "– 30 –"])(
    "%s is an end mark",
    (mark) => {
      expect(isEndMark(mark)).toBe(true);
      const body = render(`نص.\n\n${mark}`);
      expect(body.html).toBe("<p>نص.</p>");
      expect(body.diagnostics).toEqual([]);
    },
  );

  it.each(["انتهى الاجتماع.", "30", "#", "وانتهى", "ENDS here"])("%s is not an end mark", (text) => {
    expect(isEndMark(text)).toBe(false);
  });

  it("closes the body and warns about text after it, on its line", () => {
    const body = render("نص.\n\n-انتهى-\n\nللتواصل: 0500000000");
    expect(body.html).toBe("<p>نص.</p>");
    expect(body.text).toBe("نص.");
    expect(body.diagnostics).toEqual([
      expect.objectContaining({ file: "releases/x.txt", line: 7, severity: "warning", message: expect.stringMatching(/not published/) }),
    ]);
  });

  it("recognises a decorated end mark right under the last line", () => {
    expect(render("نص.\n-انتهى-").html).toBe("<p>نص.</p>");
  });

  it("keeps a bare word that ends a hard-wrapped line", () => {
    expect(render("وفي الختام\nانتهى\nالاجتماع بالاتفاق.").html).toBe("<p>وفي الختام انتهى الاجتماع بالاتفاق.</p>");
  });

  it("skips end marks inside Markdown code fences when asked", () => {
    expect(cutAtEndMark(["```", "###", "```", "###", "x"], options, true).lines).toEqual(["```", "###", "```"]);
  });
});

describe("datelines in .txt", () => {
  it("wraps the dateline in the first paragraph and strips it from firstParagraph", () => {
    const body = render("الرياض 11 أغسطس 2015م (واس) - افتتح الوزير المعرض.\n\nفقرة ثانية.");
    expect(plain(body.html)).toBe('<p><span class="dateline">الرياض 11 أغسطس 2015م (واس)</span> - افتتح الوزير المعرض.</p>\n<p>فقرة ثانية.</p>');
    expect(body.firstParagraph).toBe("افتتح الوزير المعرض.");
    expect(body.dateline).toMatchObject({ location: "الرياض", agency: "واس", date: { year: 2015, month: 8, day: 11 } });
  });

  it("finds a dateline on a short line that would otherwise be a heading", () => {
    const body = render("الرياض (واس) – افتتح الوزير المعرض\n\nنص.");
    expect(body.dateline).toMatchObject({ location: "الرياض", agency: "واس" });
    expect(shape("الرياض (واس) – افتتح الوزير المعرض\n\nنص.")[0]).toMatch(/^p:/);
  });

  it("looks past a subtitle heading but not past a paragraph", () => {
    expect(render("عنوان فرعي\n\nالرياض (واس) - نص.").dateline?.location).toBe("الرياض");
    expect(render("فقرة أولى.\n\nالرياض (واس) - نص.").dateline).toBeUndefined();
  });

  it("reports dates that disagree on the paragraph's line", () => {
    const body = render("عنوان فرعي\n\nالرياض 14 جمادى الآخرة 1448 هـ الموافق 20 نوفمبر 2026 م (واس) - نص.");
    expect(body.diagnostics).toEqual([expect.objectContaining({ line: 5, severity: "warning" })]);
  });
});

describe("wire copy: datelines on a line of their own", () => {
  const dateline = "الكويت 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس";
  const text = "أعلنت وزارة الصحة اليوم عن حملة وطنية للتطعيم.";

  it("marks a dateline block, finds its date, and takes the first paragraph from the text under it", () => {
    const body = render(`${dateline}\n\n${text}\n\nفقرة ثانية.`);
    expect(plain(body.html)).toBe(`<p><span class="dateline">${dateline}</span></p>\n<p>${text}</p>\n<p>فقرة ثانية.</p>`);
    expect(body.dateline).toMatchObject({ location: "الكويت", agency: "واس", date: { year: 2015, month: 8, day: 10 } });
    expect(body.firstParagraph).toBe(text);
    expect(body.diagnostics).toEqual([]);
  });

  it("splits a dateline off the first line of a block", () => {
    expect(shape(`${dateline}\n${text}\nيكمل النص هنا`)).toEqual([`p:${dateline}`, `p:${text} يكمل النص هنا`]);
  });

  it.each([
    ["English SPA", "Riyadh, Ramadan 27, 1442 AH, corresponding to May 09, 2021 AD, SPA", { year: 2021, month: 5, day: 9 }],
    ["a dash after the agency", "جدة 20 ذي القعدة 1436 هـ الموافق 4 سبتمبر 2015 م ـ واس -", { year: 2015, month: 9, day: 4 }],
  ])("is never a heading: %s", (_, line, date) => {
    const body = render(`${line}\n\n${text}`);
    expect(shape(`${line}\n\n${text}`)).toEqual([`p:${line}`, `p:${text}`]);
    expect(body.dateline?.date).toEqual(date);
  });

  it("reads a dateline that opens the first paragraph with the agency unbracketed", () => {
    const body = render(`${dateline} - ${text}`);
    expect(plain(body.html)).toBe(`<p><span class="dateline">${dateline}</span> - ${text}</p>`);
    expect(body.firstParagraph).toBe(text);
  });

  it("looks past a byline and a subtitle, not past text", () => {
    expect(render(`عنوان فرعي\n\nعبدالرحمن الشهري – اليمن\n\n${dateline}\n\n${text}`).dateline?.agency).toBe("واس");
    expect(render(`${text}\n\n${dateline}\n\n${text}`).dateline).toBeUndefined();
  });

  it("keeps a dateline-shaped line lower down out of the headings", () => {
    expect(shape(`${text}\n\n${dateline}\n\n${text}`)).toEqual([`p:${text}`, `p:${dateline}`, `p:${text}`]);
  });
});

describe("wire copy: bylines", () => {
  const text = "أكد مسؤول يمني أن المساعدات وصلت إلى المحافظات.";
  it.each([
    ["name – place", "عبدالرحمن الشهري – اليمن", { author: "عبدالرحمن الشهري", location: "اليمن" }],
    ["desk – place", "عين اليوم – الرياض", { author: "عين اليوم", location: "الرياض" }],
    ["place – name", "الرياض – محمد العتيبي", { author: "محمد العتيبي", location: "الرياض" }],
    ["place - name, a hyphen", "جدة - سارة الغامدي", { author: "سارة الغامدي", location: "جدة" }],
    ["English", "Ahmed Saleh – Jeddah", { author: "Ahmed Saleh", location: "Jeddah" }],
  ])("%s is a byline, taken out of the body", (_, line, expected) => {
    const body = render(`${line}\n\n${text}`);
    expect(body.byline).toEqual({ text: line, ...expected });
    expect(body.html).toBe(`<p>${text}</p>`);
    expect(body.firstParagraph).toBe(text);
  });

  it("takes a byline off the first line of a block", () => {
    const body = render(`عين اليوم – الرياض\n${text}`);
    expect(body.byline?.author).toBe("عين اليوم");
    expect(body.html).toBe(`<p>${text}</p>`);
  });

  it("reads the first line of a hard-wrapped paragraph as a byline only when it ends with a known place", () => {
    expect(render("الرياض – أعلنت وزارة\nالصحة اليوم عن حملة.").byline).toBeUndefined();
    expect(render("عبدالرحمن الشهري – تهامة\nوصلت المساعدات.").byline).toBeUndefined();
    expect(render("عبدالرحمن الشهري – اليمن\nوصلت المساعدات.").byline?.author).toBe("عبدالرحمن الشهري");
  });

  it.each([
    ["below the first paragraph", `${text}\n\nالمرحلة الأولى – التصميم\n\n${text}`],
    ["with figures", `الجولة 12 – الرياض\n\n${text}`],
    ["too long", `وزارة البيئة والمياه والزراعة في المملكة – فرع منطقة الرياض\n\n${text}`],
  ])("a dashed line %s is not a byline", (_, body) => {
    expect(render(body).byline).toBeUndefined();
  });
});

describe("wire copy: numbers on lines of their own", () => {
  it.each([
    ["2 -", "2 -\n\nتوسعة المستشفى.\n\n3 -\n\nافتتاح المركز.", ' start="2"'],
    ["٣ -", "٣ -\n\nتوسعة المستشفى.\n\n٤ -\n\nافتتاح المركز.", ' start="3"'],
    ["(1)", "(1)\n\nتوسعة المستشفى.\n\n(2)\n\nافتتاح المركز.", ""],
    ["1-", "1-\nتوسعة المستشفى.\n\n2-\nافتتاح المركز.", ""],
  ])("%s numbers the block under it, and items that follow on make one list", (_, text, start) => {
    expect(render(`مقدمة البيان.\n\n${text}`).html).toBe(`<p>مقدمة البيان.</p>\n<ol${start}><li>توسعة المستشفى.</li><li>افتتاح المركز.</li></ol>`);
  });

  it("starts a new list when the numbers do not follow on", () => {
    expect(tagsOf(render("1 -\n\nأ.\n\nفقرة.\n\n1 -\n\nب.").html)).toEqual(["ol", "li", "p", "ol", "li"]);
  });

  it("makes a line of digits a paragraph, never a heading", () => {
    expect(shape("3601100204\n\nنص الخبر.\n\n2015\n\nنص.")).toEqual(["p:3601100204", "p:نص الخبر.", "p:2015", "p:نص."]);
  });

  it("drops a long id on the last line with a warning on its line", () => {
    const body = render("نص الخبر.\n\n3601100204");
    expect(body.html).toBe("<p>نص الخبر.</p>");
    expect(body.diagnostics).toEqual([expect.objectContaining({ line: 5, severity: "warning", message: expect.stringMatching(/3601100204.*not published/) })]);
  });

  it("keeps a phone number on the last line", () => {
    expect(render("للتواصل مع المركز الإعلامي.\n\n0501234567").html).toBe("<p>للتواصل مع المركز الإعلامي.</p>\n<p>0501234567</p>");
  });
});

describe("wire copy: headings stay honest", () => {
  it.each([
    ["a date label", "التاريخ : 9 / 10 / 1436ه\n\nنص."],
    ["a date in figures", "الخميس 24/11/2026\n\nنص."],
    ["more figures than letters", "رقم 2026/11/24-115\n\nنص."],
    ["a number and a marker with nothing after it", "نص.\n\n4 -"],
    ["a byline naming a place, below the text", "نص.\n\nمحمد العتيبي – جدة\n\nنص."],
  ])("%s is not a heading", (_, text) => {
    expect(tagsOf(render(text).html)).not.toContain("h2");
  });

  it("makes none of a run of short lines (verse) a heading", () => {
    const verse = "وطني لو شغلت بالخلد عنه\n\nنازعتني إليه في الخلد نفسي";
    expect(tagsOf(render(`قال الشاعر:\n\n${verse}\n\nوختم الأمير كلمته.`).html)).toEqual(["p", "p", "p", "p"]);
  });

  it("still makes a short line between paragraphs, or before a list, a heading", () => {
    expect(tagsOf(render("نص.\n\nأرقام المشروع\n\nنص.").html)).toEqual(["p", "h2", "p"]);
    expect(tagsOf(render("نص.\n\nأرقام المشروع\n\n- بند").html)).toEqual(["p", "h2", "ul", "li"]);
  });
});

describe("the dateline on the page", () => {
  it("holds each number to the words beside it: no line ends between a day and its month, or before a year's era mark", () => {
    const html = render("الجبيل 14 جمادى الآخرة 1448 هـ الموافق 24 نوفمبر 2026 م (واس) – دشّنت الهيئة اليوم المحطة.").html;
    expect(/<span class="dateline">(.*?)<\/span>/.exec(html)![1]).toBe(
      "الجبيل\u00A014\u00A0جمادى الآخرة\u00A01448\u00A0هـ الموافق\u00A024\u00A0نوفمبر\u00A02026\u00A0م (واس)",
    );
  });
});
