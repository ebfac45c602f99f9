import { describe, expect, it } from "vitest";
import { readFrontMatter } from "../../src/release/frontmatter.ts";

const file = "releases/x.txt";
const read = (yaml: string, body = "العنوان\n\nنص.") => readFrontMatter(`---\n${yaml}\n---\n${body}`, file);
const errorsOf = (yaml: string) => read(yaml).diagnostics.filter((d) => d.severity === "error");

describe("splitting", () => {
  it("returns the whole text as body when there is no front matter", () => {
    expect(readFrontMatter("عنوان\n\nنص", file)).toMatchObject({ body: "عنوان\n\nنص", bodyLine: 1, closed: true, diagnostics: [] });
  });

  it("treats a rule of four or more dashes as text", () => {
    expect(readFrontMatter("----\nنص", file)).toMatchObject({ body: "----\nنص", diagnostics: [] });
  });

  it.each(["---", "..."])("accepts %s as the closing line and starts the body after it", (close) => {
    const result = readFrontMatter(`---\ndate: 2026-11-24\n${close}\nعنوان`, file);
    expect(result).toMatchObject({ body: "عنوان", bodyLine: 4, frontMatter: { date: "2026-11-24" }, diagnostics: [] });
  });

  it("reports unclosed front matter on line 1 and gives no body", () => {
    const result = readFrontMatter("---\ntitle: x\nنص بلا نهاية", file);
    expect(result.closed).toBe(false);
    expect(result.body).toBe("");
    expect(result.diagnostics).toEqual([expect.objectContaining({ line: 1, severity: "error", hint: expect.stringMatching(/---/) })]);
  });

  it.each(["---js", "---json", "--- javascript", "---toml"])("refuses %s front matter without reading it", (open) => {
    const result = readFrontMatter(`${open}\n{ title: (() => "x")() }\n---\nعنوان`, file);
    expect(result.frontMatter).toEqual({});
    expect(result.body).toBe("عنوان");
    expect(result.diagnostics).toEqual([expect.objectContaining({ line: 1, severity: "error", message: expect.stringMatching(/YAML/) })]);
  });

  it("accepts an empty front matter", () => {
    expect(readFrontMatter("---\n---\nعنوان", file)).toMatchObject({ frontMatter: {}, body: "عنوان", diagnostics: [] });
  });
});

describe("YAML errors point at the line in the file", () => {
  it.each([
    ["unsafe tag", "title: x\ntags: !!js/function 'f'", 3, /!!js\/function/],
    ["custom tag", "title: !include secrets.yml", 2, /!include/],
    ["duplicate key", "title: a\ndate: 2026-01-01\ntitle: b", 4, /twice/],
    ["unclosed quote", 'date: 2026-01-01\ntitle: "غير مغلق\nslug: x', 3, /never closed/],
    ["unclosed bracket", "date: 2026-01-01\ntags: [a, b", 3, /not valid YAML/],
    ["bad indentation (at the value it spoils)", "title: a\n  date: b", 2, /not valid YAML/],
    ["not a mapping", "- a\n- b", 2, /key: value/],
    ["a __proto__ key", "__proto__:\n  polluted: true", 2, /__proto__/],
    ["a nested constructor key", "extra:\n  list:\n    - constructor: 1", 4, /constructor/],
    ["a prototype key", "prototype: 1", 2, /prototype/],
    ["a key that is a list", "title: x\n? [a, b]\n: c", 3, /plain name/],
  ])("%s", (_, yaml, line, message) => {
    const errors = errorsOf(yaml);
    expect(errors).toEqual([expect.objectContaining({ file, line, message: expect.stringMatching(message) })]);
    expect(errors[0].hint).toBeTruthy();
  });

  it("never lets __proto__ reach the data", () => {
    const result = read("custom:\n  __proto__:\n    polluted: true");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.extra).toEqual({ custom: {} });
    expect(Object.getOwnPropertyNames(result.extra.custom)).toEqual([]);
  });
});

describe("known keys", () => {
  it("reads every known key and records its line", () => {
    const result = read(
      [
        "title: عنوان البيان",
        "date: 2026-11-24",
        "updated: 2026-11-25 09:30",
        "slug: plant",
        "lang: ar-SA",
        "tags: [مياه, 2026]",
        "summary: ملخص.",
        "image: plant.jpg",
        "imageAlt: المحطة من الجو",
        "location: الجبيل",
        "embargo: 2026-11-24T08:00:00+03:00",
        "draft: false",
        "translationKey: plant-2026",
        "contact: media@example.org",
      ].join("\n"),
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.frontMatter).toEqual({
      title: "عنوان البيان",
      date: "2026-11-24",
      updated: "2026-11-25 09:30",
      slug: "plant",
      lang: "ar-SA",
      tags: ["مياه", "2026"],
      summary: "ملخص.",
      image: "plant.jpg",
      imageAlt: "المحطة من الجو",
      location: "الجبيل",
      embargo: "2026-11-24T08:00:00+03:00",
      draft: false,
      translationKey: "plant-2026",
      contact: "media@example.org",
    });
    expect(result.keyLines).toMatchObject({ title: 2, date: 3, contact: 15 });
  });

  it.each([
    ["a list", "tags: [a, b]", ["a", "b"]],
    ["a block list", "tags:\n  - a\n  - b", ["a", "b"]],
    ["numbers", "tags: [2026, 1.50]", ["2026", "1.50"]],
    ["one text with commas", "tags: مياه، طاقة, مشاريع", ["مياه", "طاقة", "مشاريع"]],
    ["empties and spaces", "tags: ' a ,, b ,'", ["a", "b"]],
    ["repeats", "tags: [Water, water, طاقة, طاقة]", ["Water", "طاقة"]],
    ["one number", "tags: 2026", ["2026"]],
  ])("tags from %s", (_, yaml, tags) => {
    expect(read(yaml)).toMatchObject({ frontMatter: { tags }, diagnostics: [] });
  });

  it.each([
    ["date", "date: 2026-13-45", /date "2026-13-45" is not a real date; write it as YYYY-MM-DD, e\.g\. 2026-11-24/],
    ["date on 30 February", "date: 2026-02-30", /is not a real date/],
    ["date in another shape", "date: 24/11/2026", /date "24\/11\/2026" is not a date Bayan can read/],
    ["date as a number", "date: 20261124", /date must be a date written as text, but here it is the number 20261124/],
    ["embargo time", "embargo: 2026-11-24T25:00", /embargo "2026-11-24T25:00" is not a real date/],
    ["updated", "updated: tomorrow", /updated "tomorrow"/],
    ["title as a number", "title: 2026", /title must be text, but here it is the number 2026/],
    ["title as a list", "title: [a, b]", /title must be text, but here it is a list/],
    ["summary as true", "summary: true", /summary must be text, but here it is the value true/],
    ["contact as a map", "contact: {a: 1}", /contact must be text, but here it is a group of keys/],
    ["draft as yes", "draft: yes", /draft must be true or false, but here it is text/],
    ["lang", "lang: Arabic", /lang "Arabic" is not a language code/],
    ["tags as a map", "tags: {a: 1}", /tags must be a list/],
    ["a tag that is a list", "tags: [a, [b]]", /each tag must be a word/],
    ["image without imageAlt", "image: plant.jpg", /imageAlt/],
  ])("refuses a wrong %s on its line", (_, yaml, message) => {
    const errors = errorsOf(`slug: ok\n${yaml}`);
    expect(errors).toEqual([expect.objectContaining({ line: 3, severity: "error", message: expect.stringMatching(message) })]);
    expect(errors[0].hint).toBeTruthy();
  });

  it.each([
    "2026-11-24",
    "2026-11-24T09:30",
    "2026-11-24T09:30:15Z",
    "2026-11-24T09:30:00+03:00",
    "2026-11-24T09:30:00.250+0300",
    "2026-11-24 09:30",
    "2026-11-24 09:30:15",
    "2028-02-29",
  ])("accepts the date %s", (date) => {
    expect(read(`date: "${date}"`)).toMatchObject({ frontMatter: { date }, diagnostics: [] });
  });

  it.each(["draft:", "draft: ~", "embargo:", 'embargo: ""', "embargo: '  '"])("refuses %s, which holds nothing back", (yaml) => {
    expect(errorsOf(yaml)).toEqual([expect.objectContaining({ line: 2, message: expect.stringMatching(/is empty, so it holds nothing back/) })]);
  });

  it("takes an empty value as not given", () => {
    expect(read("title:\nsummary: ''\ndate:")).toMatchObject({ frontMatter: {}, diagnostics: [], keyLines: { title: 2, summary: 3, date: 4 } });
  });
});

describe("unknown keys", () => {
  it("are kept as data, with one warning that lists them at the first one's line", () => {
    const result = read("department: الإعلام\nreviewers: [أ, ب]\nmeta: {priority: 1}");
    expect(result.extra).toEqual({ department: "الإعلام", reviewers: ["أ", "ب"], meta: { priority: 1 } });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        severity: "warning",
        line: 2,
        message: expect.stringMatching(/department, reviewers, meta/),
      }),
    ]);
  });

  it.each([
    ["Title", "title"],
    ["Embargo", "embargo"],
    ["Draft", "draft"],
    ["EMBARGO", "embargo"],
    ["imagealt", "imageAlt"],
    ["embrago", "embargo"],
    ["embarg", "embargo"],
    ["embargoo", "embargo"],
    ["emabrgo", "embargo"],
    ["sumary", "summary"],
    ["titel", "title"],
    ["drafts", "draft"],
    ["embargoes", "embargo"],
    ["tag", "tags"],
    ["embargoed", "embargo"],
    ["image_alt", "imageAlt"],
    ["translation-key", "translationKey"],
    ["published", "draft"],
    ["status", "draft"],
    ["hidden", "draft"],
    ["embargo_until", "embargo"],
    ["release_date", "embargo"],
    ["publish_at", "embargo"],
    ["embargoUntil", "embargo"],
    ["embargoed_until", "embargo"],
    ["date_published", "date"],
    ["dateModified", "updated"],
    ["language", "lang"],
    ["description", "summary"],
    ["data", "date"],
    ["مسودة", "draft"],
    ["تاريخ", "date"],
  ])("refuse the near miss %s, naming %s", (key, known) => {
    const result = read(`slug: ok\n${key}: 2099-01-01`);
    expect(result.extra).toEqual({});
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        severity: "error",
        line: 3,
        message: expect.stringContaining(`did you mean \`${known}\`?`),
        hint: expect.stringMatching(new RegExp(known)),
      }),
    ]);
  });

  it.each(["department", "author", "link", "name", "note", "priority", "category_id", "photographer"])("keep %s, which is no near miss, as data", (key) => {
    const result = read(`${key}: x`);
    expect(result.extra).toEqual({ [key]: "x" });
    expect(result.diagnostics.map((d) => d.severity)).toEqual(["warning"]);
  });

  it.each([
    ["params:\n  draft: true", 2, /"draft" inside "params" is not read/],
    ["meta: { embargo: 2099-01-01 }", 2, /"embargo" inside "meta"/],
    ["slug: ok\nsettings:\n  Draft: true", 3, /"Draft" inside "settings"/],
  ])("refuse a known key nested in a key of the editor's own: %s", (yaml, line, message) => {
    const result = read(yaml);
    expect(result.extra).toEqual({});
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: "error", line, message: expect.stringMatching(message) })]);
  });

  it("keep a group of the editor's own keys as data", () => {
    expect(read("meta:\n  priority: 1\n  desk: economy").extra).toEqual({ meta: { priority: 1, desk: "economy" } });
  });

  it("say what published: false and status: draft mean", () => {
    expect(read("published: false").diagnostics[0].hint).toMatch(/draft: true/);
    expect(read("status: draft").diagnostics[0].hint).toMatch(/draft: true/);
  });
});

describe("front matter that is not where Bayan reads it", () => {
  const block = "---\nembargo: 2099-01-01\n---";
  it.each([
    ["a blank line before ---", `\n${block}\nعنوان\n\nنص.`, 2, /starts on line 2/],
    ["blank lines and spaces before ---", `\n  \n${block}\nعنوان`, 3, /starts on line 3/],
    ["a space before ---", ` ${block}\nعنوان`, 1, /spaces or invisible characters/],
    ["a tab after the opening text", `\t${block}\nعنوان`, 1, /spaces or invisible characters/],
    ["a zero-width space before ---", `\u200B${block}\nعنوان`, 1, /invisible/],
    ["a right-to-left mark before ---", `\u200F${block}\nعنوان`, 1, /invisible/],
    ["a second BOM before ---", `\uFEFF${block}\nعنوان`, 1, /invisible/],
    ["a title line, then the block", `عنوان البيان\n${block}\nنص.`, 2, /after the title on line 1/],
    ["a title line, a blank line, then the block", `عنوان البيان\n\n${block}\n\nنص.`, 3, /after the title/],
    ["TOML +++", '+++\nembargo = "2099-01-01"\n+++\nعنوان', 1, /TOML/],
    ["TOML +++ after a blank line", "\n+++\ndraft = true\n+++\nعنوان", 2, /TOML/],
    ["an unclosed block after a blank line", "\n---\ndraft: true\nعنوان\n\nنص.", 2, /starts on line 2/],
    ["a second block after the front matter", `---\ndate: 2026-01-01\n---\n${block}\nعنوان`, 4, /second front matter block/],
    ["a block after the title after the front matter", `---\ndate: 2026-01-01\n---\nعنوان\n${block}\nنص.`, 5, /after the title on line 4/],
  ])("%s is an error at the line of its ---", (_, text, line, message) => {
    const result = readFrontMatter(text, file);
    expect(result.frontMatter).not.toHaveProperty("embargo");
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: "error", line, message: expect.stringMatching(message), hint: expect.any(String) }),
    ]);
  });

  it.each([
    ["a Markdown rule under the title", "# العنوان\n\n---\n\nنص.\n\n---\n"],
    ["a setext heading and a paragraph with a colon", "Title\n---\n\nNote: the text.\n\n---\n"],
    ["a rule at the top of the text", "\n---\n\nنص البيان.\n"],
    ["Arabic text with a colon between rules", "عنوان\n---\nالرياض: أعلنت الهيئة.\n---\n"],
    ["a rule of four dashes", "----\ndraft: true\n----\nنص"],
    ["a block far below the title", "عنوان\n\nنص.\n\n---\ndraft: true\n---\n"],
  ])("%s is text, not front matter", (_, text) => {
    expect(readFrontMatter(text, file).diagnostics).toEqual([]);
  });
});
