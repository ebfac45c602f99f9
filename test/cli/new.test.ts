import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DateTime } from "luxon";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateSite, type SiteInput } from "../../src/config.ts";
import { parseTags, scaffoldRelease, ScaffoldError } from "../../src/cli/scaffold.ts";
import { slugify } from "../../src/text/slug.ts";
import { main } from "../../src/cli/new.ts";
import { runMain } from "../helpers/cli.ts";

const repo = join(import.meta.dirname, "..", "..");

const siteInput: SiteInput = {
  title: { ar: "المركز الإعلامي", en: "Media Centre" },
  url: "https://news.example.org",
  pathPrefix: "/newsroom/",
  lang: "ar",
  languages: ["ar", "en"],
  timezone: "Asia/Riyadh",
};
const site = validateSite(siteInput, "site.json");
const now = DateTime.fromISO("2026-11-24T12:00:00Z");

/** Front matter as data, and the lines after it. */
function split(text: string): { data: Record<string, unknown>; body: string[] } {
  const match = /^---\n([\s\S]*?)---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`no front matter in:\n${text}`);
  return { data: parse(match[1]), body: match[2].split("\n") };
}

describe("scaffoldRelease", () => {
  it("names an Arabic release by date and a readable ASCII slug", () => {
    const release = scaffoldRelease({ title: "بيان وزارة الصحة", date: "2026-11-24" }, site, now);
    // The transliteration itself is slugify's business (test/text); here: it is used, and it is ASCII.
    const slug = slugify("بيان وزارة الصحة");
    expect(slug).toMatch(/^[a-z]+(-[a-z]+){2}$/);
    expect(release.file).toBe(`releases/2026/2026-11-24-${slug}.txt`);
    expect(release.url).toBe(`https://news.example.org/newsroom/releases/2026/11/${slug}/`);
  });

  it("fills in front matter that parses back, then the title and a placeholder", () => {
    const release = scaffoldRelease({ title: "بيان وزارة الصحة", date: "2026-11-24", tags: "صحة، تطعيم" }, site, now);
    const { data, body } = split(release.text);
    expect(data).toEqual({ date: "2026-11-24", lang: "ar", tags: ["صحة", "تطعيم"], summary: "" });
    expect(body).toEqual(["بيان وزارة الصحة", "", "اكتب نص البيان هنا.", ""]);
  });

  it("gives another language a suffixed file name, its own URL root and placeholder", () => {
    const release = scaffoldRelease({ title: "Health Ministry statement", lang: "en", date: "2026-01-05" }, site, now);
    expect(release.file).toBe("releases/2026/2026-01-05-health-ministry-statement.en.txt");
    expect(release.url).toBe("https://news.example.org/newsroom/en/releases/2026/01/health-ministry-statement/");
    const { data, body } = split(release.text);
    expect(data).toMatchObject({ lang: "en", tags: [] });
    expect(body[2]).toBe("Write the text of the release here.");
  });

  it("dates a release today in the site time zone, not the machine's", () => {
    // 22:30 UTC on the 24th is already the 25th in Riyadh (UTC+3).
    const late = DateTime.fromISO("2026-11-24T22:30:00Z");
    expect(scaffoldRelease({ title: "Late news" }, site, late).file).toBe("releases/2026/2026-11-25-late-news.txt");
  });

  it("falls back to the slug `release` when the title has no letters or digits", () => {
    expect(scaffoldRelease({ title: "؟ ! …", date: "2026-11-24" }, site, now).file).toBe("releases/2026/2026-11-24-release.txt");
  });

  it("keeps titles and tags that mean something in YAML as plain text", () => {
    const tags = 'yes, null, 2026, "quoted", key: value, #hash, - dash, [list], @at';
    const release = scaffoldRelease({ title: 'Title: with # and "quotes"', date: "2026-11-24", tags }, site, now);
    const { data, body } = split(release.text);
    expect(data.tags).toEqual(["yes", "null", "2026", '"quoted"', "key: value", "#hash", "- dash", "[list]", "@at"]);
    expect(body[0]).toBe('Title: with # and "quotes"');
  });

  it("puts the title on one line, without bidi controls", () => {
    const release = scaffoldRelease({ title: "  بيان\u202e\nجديد  ", date: "2026-11-24" }, site, now);
    expect(split(release.text).body[0]).toBe("بيان جديد");
  });

  describe.each([
    ["2026-13-01", /no such day/],
    ["2026-02-30", /no such day/],
    ["2026-2-3", /YYYY-MM-DD/],
    ["24/11/2026", /YYYY-MM-DD/],
    ["20261124", /YYYY-MM-DD/],
    ["", /YYYY-MM-DD/],
  ])("rejects the date %j", (date, message) => {
    it("with a message that says how to write it", () => {
      expect(() => scaffoldRelease({ title: "x", date }, site, now)).toThrow(ScaffoldError);
      expect(() => scaffoldRelease({ title: "x", date }, site, now)).toThrow(message);
    });
  });

  it("rejects a language the site does not publish, listing the ones it does", () => {
    expect(() => scaffoldRelease({ title: "x", lang: "fr" }, site, now)).toThrow(/"fr".*ar, en/);
  });

  it("rejects an empty title", () => {
    expect(() => scaffoldRelease({ title: " \n " }, site, now)).toThrow(/No title/);
  });
});

describe("parseTags", () => {
  it.each([
    [undefined, []],
    ["", []],
    ["water, energy", ["water", "energy"]],
    ["مياه، طاقة،مشاريع", ["مياه", "طاقة", "مشاريع"]],
    ["a,, b ,، c", ["a", "b", "c"]],
    ["water, water", ["water"]],
    ["  renewable   energy ", ["renewable energy"]],
  ])("%j → %j", (input, tags) => {
    expect(parseTags(input)).toEqual(tags);
  });
});

describe("npm run new", () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "bayan-new-"));
    mkdirSync(join(root, "templates"));
    writeFileSync(join(root, "templates", "site.json"), JSON.stringify(siteInput));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** `npm run new -- …args --root <root>` from the repository folder, its `main` in this process. */
  const run = (...args: string[]) => runMain(main, [...args, "--root", root], { cwd: repo });

  const arabicTitle = "تدشين محطة التحلية";
  const arabicSlug = slugify(arabicTitle);

  it("creates an Arabic release and prints its path and URL", async () => {
    const result = await run(arabicTitle, "--date", "2026-11-24", "--tags", "مياه، طاقة");
    expect(result).toMatchObject({ status: 0, stderr: "" });
    const file = join(root, `releases/2026/2026-11-24-${arabicSlug}.txt`);
    expect(result.stdout).toContain(file);
    expect(result.stdout).toContain(`https://news.example.org/newsroom/releases/2026/11/${arabicSlug}/`);
    const { data, body } = split(readFileSync(file, "utf8"));
    expect(data).toEqual({ date: "2026-11-24", lang: "ar", tags: ["مياه", "طاقة"], summary: "" });
    expect(body[0]).toBe(arabicTitle);
  });

  it("creates an English release with --lang en", async () => {
    const result = await run("Desalination plant opens", "--lang", "en", "--date", "2026-11-24");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("https://news.example.org/newsroom/en/releases/2026/11/desalination-plant-opens/");
    const text = readFileSync(join(root, "releases/2026/2026-11-24-desalination-plant-opens.en.txt"), "utf8");
    expect(split(text).data).toMatchObject({ lang: "en" });
  });

  it("refuses to overwrite an existing file, in English and Arabic, and leaves it unchanged", async () => {
    const file = join(root, `releases/2026/2026-11-24-${arabicSlug}.txt`);
    mkdirSync(join(root, "releases/2026"), { recursive: true });
    writeFileSync(file, "edited by hand\n");
    const result = await run(arabicTitle, "--date", "2026-11-24");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/already exists/);
    expect(result.stderr).toMatch(/موجود مسبقاً/);
    expect(result.stderr).toContain(file);
    expect(readFileSync(file, "utf8")).toBe("edited by hand\n");
  });

  it.each([
    [["x", "--date", "2026-02-30"], /Bad date "2026-02-30"/],
    [["x", "--lang", "fr"], /Unknown language "fr"/],
    [[], /No title given/],
  ])("fails on %j with one line and no stack trace", async (args, message) => {
    const result = await run(...args);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stdout).toBe("");
  });

  it("says where to run it when there is no site config", async () => {
    rmSync(join(root, "templates"), { recursive: true });
    const result = await run("x");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/No templates\/site\.json .* --root/);
  });
});
