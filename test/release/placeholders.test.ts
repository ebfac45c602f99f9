import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { scaffoldRelease } from "../../src/cli/scaffold.ts";
import { validateSite } from "../../src/config.ts";
import { parseRelease } from "../../src/release/parse.ts";
import { PLACEHOLDERS } from "../../src/release/placeholders.ts";

const site = validateSite({ title: "x", url: "https://news.example.org", languages: ["ar", "en", "fr"] }, "site.json");
const now = DateTime.fromISO("2026-11-24T09:00:00+03:00");
const parse = (text: string, file = "releases/x.txt") => parseRelease(text, { file, format: "txt", defaultLang: "ar" });
const errors = (text: string) => parse(text).diagnostics.filter((d) => d.severity === "error");

describe("the placeholder npm run new writes", () => {
  it.each(["ar", "en", "fr"])("is refused at its line in a %s release left as it was scaffolded", (lang) => {
    const { text } = scaffoldRelease({ title: "عنوان", lang, date: "2026-11-24" }, site, now);
    const line = text.split("\n").findIndex((l) => Object.values(PLACEHOLDERS).includes(l)) + 1;
    expect(line).toBeGreaterThan(1);
    expect(errors(text)).toEqual([
      expect.objectContaining({ line, message: expect.stringMatching(/placeholder that npm run new wrote/), hint: expect.stringMatching(/replace it/) }),
    ]);
  });

  it.each([
    ["with text typed after it", "اكتب نص البيان هنا. الرياض (واس) – أعلنت الهيئة."],
    ["without its full stop, indented", "   اكتب نص البيان هنا"],
    ["with its spaces doubled", "اكتب  نص البيان  هنا."],
    ["in English, in another case", "write the text of the release here"],
  ])("is found %s", (_, line) => {
    expect(errors(`عنوان\n\n${line}\n`)).toEqual([expect.objectContaining({ line: 3 })]);
  });

  it.each([
    ["a real release", "عنوان\n\nالرياض (واس) – أعلنت الهيئة اليوم.\n"],
    ["part of the placeholder only", "عنوان\n\nاكتب نص البيان بعناية.\n"],
  ])("leaves %s alone", (_, text) => {
    expect(errors(text)).toEqual([]);
  });
});
