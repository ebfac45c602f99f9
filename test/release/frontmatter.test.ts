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
      title: "عنوان البيان", date: "2026-11-24", updated: "2026-11-25 09:30", slug: "plant", lang: "ar-SA",
      tags: ["مياه", "2026"], summary: "ملخص.", image: "plant.jpg", imageAlt: "المحطة من الجو", location: "الجبيل",
      embargo: "2026-11-24T08:00:00+03:00", draft: false, translationKey: "plant-2026", contact: "media@example.org",
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
    "2026-11-24", "2026-11-24T09:30", "2026-11-24T09:30:15Z", "2026-11-24T09:30:00+03:00", "2026-11-24T09:30:00.250+0300",
    "2026-11-24 09:30", "2026-11-24 09:30:15", "2028-02-29",
  ])("accepts the date %s", (date) => {
    expect(read(`date: "${date}"`)).toMatchObject({ frontMatter: { date }, diagnostics: [] });
  });

  it("takes an empty value as not given", () => {
    expect(read("title:\nsummary: ''\ndate:")).toMatchObject({ frontMatter: {}, diagnostics: [], keyLines: { title: 2, summary: 3, date: 4 } });
  });
});

describe("unknown keys", () => {
  it("are kept as data without an error", () => {
    const result = read("department: الإعلام\nreviewers: [أ, ب]\nmeta: {priority: 1}");
    expect(result.extra).toEqual({ department: "الإعلام", reviewers: ["أ", "ب"], meta: { priority: 1 } });
    expect(result.diagnostics).toEqual([]);
  });

  it("get a warning when they differ from a known key only in case", () => {
    const result = read("Title: عنوان");
    expect(result.extra).toEqual({ Title: "عنوان" });
    expect(result.diagnostics).toEqual([expect.objectContaining({ severity: "warning", line: 2, hint: expect.stringMatching(/title/) })]);
  });
});
