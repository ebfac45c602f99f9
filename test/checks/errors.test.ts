/**
 * Every problem Bayan must catch (issue 5, items 2 and 3), one bad file each, through `checkProject`:
 * the severity, the file, the line and what the message says.
 */
import { mkdirSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { checkProject } from "../../src/cli/check.ts";
import { sortDiagnostics } from "../../src/diagnostics.ts";
import { MAX_FILE_BYTES } from "../../src/release/load.ts";
import type { Diagnostic } from "../../src/release/model.ts";
import { makeProject } from "../helpers/project.ts";

const NOW = DateTime.fromISO("2026-11-29T12:00:00+03:00", { setZone: true });
const SUMMARY = "summary: ملخص قصير للبيان.";
/** A valid release with the given front matter lines and body: dated, summarized, titled. */
const release = (frontMatter: string[], body = "عنوان البيان الصحفي\n\nنص البيان.\n") =>
  `---\n${[...frontMatter, ...(frontMatter.some((l) => l.startsWith("summary:")) ? [] : [SUMMARY])].join("\n")}\n---\n${body}`;
const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part) : Buffer.from(part))));

/** Checks a project holding `files` (under releases/) and returns its problems. */
function check(files: Record<string, string | Uint8Array>, site: Record<string, unknown> = {}): Diagnostic[] {
  const project = makeProject(files, site);
  return checkProject({ root: project.root, now: NOW }).diagnostics;
}

type Expected = { file?: string; line?: number; message: RegExp; hint?: RegExp };
const only = (diagnostics: Diagnostic[], severity: Diagnostic["severity"]) => diagnostics.filter((d) => d.severity === severity);

describe("errors", () => {
  it.each<[string, Record<string, string | Uint8Array>, Expected]>([
    [
      "invalid UTF-8 (Windows-1256 bytes), with the legacy-encoding hint",
      { "2026-01-01-a.txt": bytes("عنوان البيان الصحفي\n\n", [0xc8, 0xe1, 0xc7, 0xe4]) },
      { line: 3, message: /not valid UTF-8/, hint: /"legacyEncoding": "windows-1256"/ },
    ],
    ["UTF-16 LE (BOM FF FE)", { "2026-01-01-a.txt": bytes([0xff, 0xfe], "T\0i\0t\0l\0e\0") }, { message: /UTF-16/, hint: /UTF-8/ }],
    ["UTF-16 BE (BOM FE FF)", { "2026-01-01-a.txt": bytes([0xfe, 0xff], "\0T\0i\0t\0l\0e") }, { message: /UTF-16/ }],
    ["broken YAML: an unclosed list", { "2026-01-01-a.txt": release([SUMMARY, "tags: [مياه, طاقة"]) }, { line: 3, message: /YAML/ }],
    ["broken YAML: an unclosed quote", { "2026-01-01-a.txt": release(['title: "عنوان بلا نهاية']) }, { line: 2, message: /quoted value is never closed/ }],
    ["broken YAML: a bad indent", { "2026-01-01-a.txt": release(["title: x", "  date: 2026-01-01"]) }, { line: 2, message: /YAML/ }],
    ["a duplicated key", { "2026-01-01-a.txt": release(["date: 2026-01-01", "date: 2026-01-02"]) }, { line: 3, message: /given twice/ }],
    [
      "---js front matter, refused without running it",
      { "2026-01-01-a.txt": "---js\n{ title: (() => { globalThis.bayanPwned = 1; return 'x' })() }\n---\nعنوان\n" },
      { line: 1, message: /must be YAML/ },
    ],
    [
      "a !!js/function tag",
      { "2026-01-01-a.txt": release(['title: !!js/function "function(){ globalThis.bayanPwned = 1 }"']) },
      { line: 2, message: /!!js\/function is not allowed/ },
    ],
    ["a !!binary tag", { "2026-01-01-a.txt": release(["title: !!binary aGVsbG8="]) }, { line: 2, message: /not allowed|must be text/ }],
    ["a __proto__ key", { "2026-01-01-a.txt": release(["__proto__: { polluted: true }"]) }, { line: 2, message: /"__proto__" is not allowed/ }],
    ["a constructor key", { "2026-01-01-a.txt": release(["constructor: { polluted: true }"]) }, { line: 2, message: /"constructor" is not allowed/ }],
    ["a prototype key, nested", { "2026-01-01-a.txt": release(["extra:", "  prototype: 1"]) }, { line: 3, message: /"prototype" is not allowed/ }],
    [
      "an XML-forbidden control character (a Word line break)",
      { "2026-01-01-a.txt": release(["date: 2026-01-01"], "عنوان البيان الصحفي\n\nسطر\u000Bمكسور.\n") },
      { line: 7, message: /U\+000B/ },
    ],
    ["a NUL byte", { "2026-01-01-a.txt": bytes(release([]), [0x00], "\n") }, { line: 7, message: /U\+0000/ }],
    ["a title of the wrong type", { "2026-01-01-a.txt": release(["title: 2026"]) }, { line: 2, message: /title must be text, but here it is the number 2026/ }],
    ["a date of the wrong type", { "2026-01-01-a.txt": release(["date: 20261124"]) }, { line: 2, message: /date must be a date/ }],
    ["draft that is not true or false", { "2026-01-01-a.txt": release(["draft: yes please"]) }, { line: 2, message: /draft must be true or false/ }],
    ["contact as a list", { "2026-01-01-a.txt": release(["contact: [a, b]"]) }, { line: 2, message: /contact must be text/ }],
    ["an unparseable date, named", { "2026-01-01-a.txt": release(["date: next tuesday"]) }, { line: 2, message: /date "next tuesday"/ }],
    ["a date that does not exist", { "2026-01-01-a.txt": release(["date: 2026-02-30"]) }, { line: 2, message: /"2026-02-30" is not a real date/ }],
    ["an unparseable embargo", { "2026-01-01-a.txt": release(["embargo: tomorrow 9am"]) }, { line: 2, message: /embargo "tomorrow 9am"/ }],
    [
      "a known key with the wrong case",
      { "2026-01-01-a.txt": release(["Date: 2026-01-01"]) },
      { line: 2, message: /"Date" is not a front matter key Bayan reads; did you mean `date`\?/, hint: /date: 2026-01-01/ },
    ],
    ["a misspelled embargo", { "2026-01-01-a.txt": release(["embrago: 2099-01-01"]) }, { line: 2, message: /did you mean `embargo`\?/, hint: /embargo: / }],
    ["published: false", { "2026-01-01-a.txt": release(["published: false"]) }, { line: 2, message: /did you mean `draft`\?/, hint: /draft: true/ }],
    ["a blank line before the front matter", { "2026-01-01-a.txt": `\n${release(["draft: true"])}` }, { line: 2, message: /starts on line 2/ }],
    [
      "the placeholder npm run new wrote",
      { "2026-01-01-a.txt": release([], "عنوان البيان الصحفي\n\nاكتب نص البيان هنا.\n") },
      { line: 6, message: /placeholder that npm run new wrote/ },
    ],
    ["an embargo with an impossible time", { "2026-01-01-a.txt": release(["embargo: 2026-12-01T25:00:00+03:00"]) }, { line: 2, message: /embargo/ }],
    ["an unparseable updated date", { "2026-01-01-a.txt": release(["updated: soon"]) }, { line: 2, message: /updated "soon"/ }],
    ["an empty file", { "2026-01-01-a.txt": "" }, { line: 1, message: /the file is empty/ }],
    ["a file of blank lines and a BOM", { "2026-01-01-a.txt": bytes([0xef, 0xbb, 0xbf], "\r\n  \r\n\t\n") }, { line: 1, message: /the file is empty/ }],
    ["front matter and no title", { "2026-01-01-a.txt": "---\ndate: 2026-01-01\n---\n\n\n" }, { message: /no title/ }],
    ["a file of invisible characters only", { "2026-01-01-a.txt": "\u200F\u202E\u2066\n\u200B\n" }, { message: /no title/ }],
    ["a Markdown file with an empty heading", { "2026-01-01-a.md": "#\n\nنص.\n" }, { message: /no title/ }],
    [
      "a slug that climbs out of dist/",
      { "2026-01-01-a.txt": release(["slug: ../../../etc/owned"]) },
      { line: 2, message: /slug "..\/..\/..\/etc\/owned" may only use/ },
    ],
    ["an absolute slug", { "2026-01-01-a.txt": release(["slug: /etc/owned"]) }, { line: 2, message: /may only use/ }],
    ["a slug with a backslash", { "2026-01-01-a.txt": release(["slug: ..\\..\\owned"]) }, { line: 2, message: /may only use/ }],
    ["a slug with percent-encoding", { "2026-01-01-a.txt": release(["slug: '%2e%2e%2fowned'"]) }, { line: 2, message: /may only use/ }],
    [
      "a slug with spaces, capitals and Arabic",
      { "2026-01-01-a.txt": release(["slug: Budget 2027 ميزانية"]) },
      { line: 2, message: /may only use/, hint: /slug: budget-2027-myzanya/ },
    ],
    ["a slug with a query and a fragment", { "2026-01-01-a.txt": release(["slug: a?b#c"]) }, { line: 2, message: /may only use/ }],
    ["an image without imageAlt", { "2026-01-01-a.txt": release(["image: photo.jpg"]) }, { line: 2, message: /no imageAlt/ }],
    ["tags as a group of keys", { "2026-01-01-a.txt": release(["tags: { water: 1 }"]) }, { line: 2, message: /tags must be a list or text/ }],
    ["a tag that is a list", { "2026-01-01-a.txt": release(["tags: [water, [energy]]"]) }, { line: 2, message: /each tag must be a word/ }],
    ["a lang that is not a language code", { "2026-01-01-a.txt": release(["lang: Arabic"]) }, { line: 2, message: /not a language code/ }],
    ["a lang the site does not publish", { "2026-01-01-a.txt": release(["lang: fr"]) }, { line: 2, message: /"fr" is not one of the site's languages/ }],
    [
      "a file over the size limit, saying the limit",
      { "2026-01-01-a.txt": `عنوان\n\n${"ا".repeat(MAX_FILE_BYTES / 2 + 10)}` },
      { message: /over the limit of 1 MB/ },
    ],
  ])("%s", (_, files, expected) => {
    const errors = only(check(files), "error");
    expect(errors, JSON.stringify(errors, null, 1)).toHaveLength(1);
    const [error] = errors;
    expect(error.file).toBe(expected.file ?? `releases/${Object.keys(files)[0]}`);
    if (expected.line) expect(error.line).toBe(expected.line);
    expect(error.message).toMatch(expected.message);
    expect(error.hint).toMatch(expected.hint ?? /\S/);
    expect((globalThis as { bayanPwned?: number }).bayanPwned).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("two releases with one address, whatever the letter case or Unicode form: both files named", () => {
    const errors = only(
      check({
        "2026-01-01-café.txt": release([]),
        "2026-01-01-Cafe\u0301.txt": release([]),
        "a.txt": release(["date: 2026-01-05", "slug: x"]),
        "b/b.txt": release(["date: 2026-01-20", "slug: x"]),
      }),
      "error",
    );
    expect(errors.map((e) => [e.file, e.message])).toEqual(
      expect.arrayContaining([
        [
          expect.stringMatching(/café|Cafe\u0301/),
          expect.stringMatching(/same address \/releases\/2026\/01\/cafe\/ as releases\/2026-01-01-(café|Cafe\u0301)\.txt/),
        ],
        [expect.stringMatching(/releases\/(a|b\/b)\.txt/), expect.stringMatching(/same address \/releases\/2026\/01\/x\/ as releases\/(a|b\/b)\.txt/)],
      ]),
    );
    expect(errors).toHaveLength(2);
  });

  it("a link out of the releases folder, and a link to nothing", () => {
    const project = makeProject({ "2026-01-01-ok.txt": release([]) });
    writeFileSync(path.join(project.root, "secret.txt"), "كلمة السر\n\nلا تنشر.\n");
    symlinkSync(path.join(project.root, "secret.txt"), path.join(project.root, "releases/leak.txt"));
    symlinkSync("/etc/hostname", path.join(project.root, "releases/host.txt"));
    symlinkSync(path.join(project.root, "missing.txt"), path.join(project.root, "releases/dangling.txt"));
    mkdirSync(path.join(project.root, "outside"));
    writeFileSync(path.join(project.root, "outside/more.txt"), "عنوان\n\nنص.\n");
    symlinkSync(path.join(project.root, "outside"), path.join(project.root, "releases/linked-folder"));
    const result = checkProject({ root: project.root, now: NOW });
    const errors = only(result.diagnostics, "error").map((e) => `${e.file}: ${e.message}`);
    expect(errors).toEqual([
      expect.stringMatching(/^releases\/dangling\.txt: .*does not exist/),
      expect.stringMatching(/^releases\/host\.txt: .*outside the releases folder/),
      expect.stringMatching(/^releases\/leak\.txt: .*outside the releases folder/),
    ]);
    expect(result.releases.map((r) => r.file)).toEqual(["releases/2026-01-01-ok.txt"]);
  });

  it("a release file that cannot be read is an error naming it, not a crash: a link to a folder", () => {
    const project = makeProject({ "2026-01-01-ok.txt": release([]), "drafts/notes.txt": release([]) });
    symlinkSync(path.join(project.root, "releases/drafts"), path.join(project.root, "releases/2026-02-01-folder.txt"));
    const result = checkProject({ root: project.root, now: NOW });
    expect(only(result.diagnostics, "error")).toEqual([
      expect.objectContaining({
        file: "releases/2026-02-01-folder.txt",
        message: expect.stringMatching(/folder, not a release file/),
        hint: expect.stringMatching(/rename it/),
      }),
    ]);
    expect(result.releases.map((r) => r.file).sort()).toEqual(["releases/2026-01-01-ok.txt", "releases/drafts/notes.txt"]);
  });

  it("a link inside the releases folder is read like the file", () => {
    const project = makeProject({ "2026/2026-01-01-ok.txt": release([]) });
    symlinkSync(path.join(project.root, "releases/2026/2026-01-01-ok.txt"), path.join(project.root, "releases/2026-02-01-alias.txt"));
    const result = checkProject({ root: project.root, now: NOW });
    expect(only(result.diagnostics, "error")).toEqual([]);
    expect(result.releases).toHaveLength(2);
  });

  it("a missing image or logo, as the build would find them", () => {
    const diagnostics = check(
      {
        "2026-01-01-a.txt": release(["image: missing.jpg", "imageAlt: صورة المحطة"]),
        "2026-01-01-b.txt": release(["image: ../../etc/passwd", "imageAlt: صورة"]),
        "2026-01-01-c.txt": release(["image: later.jpg", "imageAlt: صورة", "draft: true"]),
      },
      { logo: "assets/missing.svg" },
    );
    expect(diagnostics.map((d) => `${d.severity} ${d.file}${d.line ? `:${d.line}` : ""}: ${d.message}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^error releases\/2026-01-01-a\.txt:2: image "missing\.jpg" was not found/),
        expect.stringMatching(/^error releases\/2026-01-01-b\.txt:2: image "..\/..\/etc\/passwd" points outside the project/),
        expect.stringMatching(/^warning releases\/2026-01-01-c\.txt:2: image "later\.jpg" was not found/),
        expect.stringMatching(/^error templates\/site\.json:\d+: logo "assets\/missing\.svg" was not found/),
      ]),
    );
    expect(only(diagnostics, "error")).toHaveLength(3);
  });

  it("lists every problem of every file in one run, not only the first", () => {
    const diagnostics = check(
      {
        "2026-01-01-a.txt": release(["date: 2026-13-01", "draft: maybe", "image: x.jpg"]),
        "2026-01-01-b.txt": "",
        "2026-01-01-c.txt": bytes([0xff, 0xfe, 0x41, 0]),
      },
      { timezone: "Mars/Olympus" },
    );
    expect(sortDiagnostics(only(diagnostics, "error")).map((d) => `${d.file}:${d.line ?? ""}`)).toEqual([
      "releases/2026-01-01-a.txt:2",
      "releases/2026-01-01-a.txt:3",
      "releases/2026-01-01-a.txt:4",
      "releases/2026-01-01-b.txt:1",
      "releases/2026-01-01-c.txt:",
      expect.stringMatching(/^templates\/site\.json:\d+$/),
    ]);
  });
});

describe("warnings", () => {
  it.each<[string, Record<string, string | Uint8Array>, Expected]>([
    [
      "a bidi override in the title",
      { "2026-01-01-a.txt": release([], "عنوان \u202Eمقلوب\u202C للخداع هنا\n\nنص.\n") },
      { line: 4, message: /invisible direction or zero-width/ },
    ],
    ["a zero-width space in the title", { "2026-01-01-a.txt": release([], "عنوان\u200B البيان الصحفي\n\nنص.\n") }, { line: 4, message: /zero-width/ }],
    [
      "a bidi isolate in the body",
      { "2026-01-01-a.txt": release([], "عنوان البيان الصحفي\n\nنص \u2067مقلوب\u2069 هنا.\n") },
      { line: 6, message: /direction-override characters/ },
    ],
    ["a very long title", { "2026-01-01-a.txt": release([], `${"كلمة ".repeat(40)}\n\nنص.\n`) }, { line: 4, message: /the title is \d+ characters long/ }],
    ["dated in the future without an embargo", { "2027-06-01-a.txt": release([]) }, { message: /after the build time, but has no embargo/ }],
    ["dated in front matter in the future", { "a.txt": release(["date: 2030-01-01"]) }, { line: 2, message: /dated 2030-01-01/ }],
    [
      "an embargo that ends after the release's date",
      { "2026-01-01-a.txt": release(["embargo: 2026-01-20T08:00:00+03:00"]) },
      { line: 2, message: /embargo ends on 2026-01-20, after the release's date 2026-01-01: it is dated when the embargo ends/, hint: /date: 2026-01-20/ },
    ],
    [
      "front matter keys of the editor's own",
      { "2026-01-01-a.txt": release(["department: الإعلام", "author: x"]) },
      { line: 2, message: /kept as data only: department, author/ },
    ],
    [
      "text after the end mark",
      { "2026-01-01-a.txt": release([], "عنوان البيان الصحفي\n\nنص.\n\n-انتهى-\n\nملاحظة داخلية.\n") },
      { line: 10, message: /after the end mark/ },
    ],
  ])("%s", (_, files, expected) => {
    const diagnostics = check(files);
    expect(only(diagnostics, "error")).toEqual([]);
    expect(only(diagnostics, "warning")).toContainEqual(
      expect.objectContaining({
        file: `releases/${Object.keys(files)[0]}`,
        ...(expected.line ? { line: expected.line } : {}),
        message: expect.stringMatching(expected.message),
        hint: expect.stringMatching(expected.hint ?? /\S/),
      }),
    );
  });

  it("no summary is a note, not a warning: the first paragraph serves", () => {
    const diagnostics = check({ "2026-01-01-a.txt": "عنوان البيان الصحفي\n\nنص.\n" });
    expect(diagnostics).toEqual([expect.objectContaining({ severity: "note", message: expect.stringMatching(/no summary/) })]);
  });

  it.each(["19:12 ت م", "١٩:١٢ ت م", "(19:12 ت.م)", "1912 GMT", "09:05 ت غ"])("an agency time stamp %s under the end mark is part of the format", (stamp) => {
    const diagnostics = check({ "2026-01-01-a.txt": release([], `عنوان البيان الصحفي\n\nنص.\n\n// انتهى //\n${stamp}\n`) });
    expect(diagnostics).toEqual([]);
  });

  it("text under the time stamp is still not published, with a warning", () => {
    const diagnostics = check({ "2026-01-01-a.txt": release([], "عنوان البيان الصحفي\n\nنص.\n\n// انتهى //\n19:12 ت م\n\nملاحظة داخلية.\n") });
    expect(diagnostics).toEqual([expect.objectContaining({ severity: "warning", line: 11, message: expect.stringMatching(/after the end mark/) })]);
  });

  it("a date taken from the file's modification time", () => {
    const project = makeProject({ "undated.txt": "عنوان البيان الصحفي\n\nنص.\n" });
    utimesSync(path.join(project.root, "releases/undated.txt"), new Date("2026-03-04T10:00:00Z"), new Date("2026-03-04T10:00:00Z"));
    const result = checkProject({ root: project.root, now: NOW });
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ severity: "warning", line: 1, message: expect.stringMatching(/modification time \(2026-03-04\)/) }),
    );
    expect(result.releases[0].date).toBe("2026-03-04T13:00:00+03:00");
  });

  it("an embargo that ends after the date dates the release then, keeping its address and feed id", () => {
    const project = makeProject({
      "2026-12-01-late.txt": release(["date: 2026-12-01", "embargo: 2027-01-02T08:00:00+03:00"]),
      "2026-12-01-morning.txt": release(["embargo: 2026-12-01T08:00:00+03:00"]),
      "2026-12-01-early.txt": release(["date: 2026-12-05", "embargo: 2026-12-01T08:00:00+03:00"]),
    });
    const result = checkProject({ root: project.root, now: DateTime.fromISO("2027-02-01T00:00:00+03:00") });
    const byFile = new Map(result.releases.map((r) => [r.file.replace("releases/2026-12-01-", ""), r]));
    expect(byFile.get("late.txt")).toMatchObject({
      date: "2027-01-02T08:00:00+03:00",
      url: "/releases/2026/12/late/",
      id: "tag:news.example.org,2026-12-01:ar/late",
    });
    expect(byFile.get("morning.txt")).toMatchObject({ date: "2026-12-01T08:00:00+03:00" });
    expect(byFile.get("early.txt")).toMatchObject({ date: "2026-12-05T00:00:00+03:00" });
    // Only the release whose day moves is worth a warning.
    expect(only(result.diagnostics, "warning").map((d) => d.file)).toEqual(["releases/2026-12-01-late.txt"]);
  });

  it("a legacy-encoded file read with legacyEncoding", () => {
    const diagnostics = check({ "2026-01-01-a.txt": bytes("title\n\n", [0xc8, 0xe1, 0xc7, 0xe4], ".\n") }, { legacyEncoding: "windows-1256" });
    expect(only(diagnostics, "error")).toEqual([]);
    expect(only(diagnostics, "warning")).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/windows-1256/) }));
  });
});
