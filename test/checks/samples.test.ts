/**
 * Every row of test/fixtures/samples/README.md, behaving as its "what must happen" column says.
 * The first test reads the table, so a row added there without a test here fails.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { BuildResult } from "../../src/build/build.ts";
import { GOOD_SAMPLES, makeProject, SAMPLES, samples, type TestProject } from "../helpers/project.ts";
import { sharedSite } from "../helpers/shared-sites.ts";
import { outputFiles, outputTexts } from "./output.ts";

const table = readFileSync(path.join(SAMPLES, "README.md"), "utf8");
const rows = [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]);

const errorsOf = (result: BuildResult) => result.diagnostics.filter((d) => d.severity === "error");
const warningsOf = (result: BuildResult, file: string) => result.diagnostics.filter((d) => d.severity === "warning" && d.file === file);
const text = (document: Document, selector: string) => [...document.querySelectorAll(selector)].map((el) => el.textContent!.trim());

/** A bad sample alone in a project: the build must refuse it, publishing nothing. */
async function refused(name: string) {
  const project = makeProject(samples([name]));
  const result = await project.build();
  expect(result.ok).toBe(false);
  expect(existsSync(path.join(project.root, "dist"))).toBe(false);
  return { project, errors: errorsOf(result), file: `releases/${name}` };
}

let site: TestProject;
let built: BuildResult;
beforeAll(async () => {
  ({ project: site, result: built } = await sharedSite("samples"));
  expect(errorsOf(built)).toEqual([]);
});

/** What each row of the table requires, by sample file. */
const ROWS: Record<string, () => Promise<void> | void> = {
  "seed-release.txt": async () => {
    const source = readFileSync(path.join(SAMPLES, "seed-release.txt"), "utf8")
      .split(/\n\s*\n/)
      .map((block) => block.trim().replace(/\s*\n\s*/g, " "));
    const page = site.page("/releases/2026/11/seed-release/");
    expect(text(page, "h1")).toEqual([source[0]]);
    expect(text(page, ".release-body h2")).toEqual([source[1], source[3]]);
    // Unchanged: every block of the file, in order, and nothing else.
    expect(text(page, ".release-body > *")).toEqual(source.slice(1));
    expect(warningsOf(built, "releases/seed-release.txt")).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/modification time/) }));

    // In a git work tree, the date of the first commit, without a warning.
    const project = makeProject(samples(["seed-release.txt"]));
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=Bayan", "-c", "user.email=bayan@example.org", ...args], {
        cwd: project.root,
        env: { ...process.env, GIT_AUTHOR_DATE: "2015-08-11T10:00:00+03:00", GIT_COMMITTER_DATE: "2015-08-11T10:00:00+03:00" },
      });
    git("init", "-q");
    git("add", "releases/seed-release.txt");
    git("commit", "-q", "-m", "Add the seed");
    const result = await project.build();
    expect(result.releases[0]).toMatchObject({ dateSource: "git", date: "2015-08-11T10:00:00+03:00", url: "/releases/2015/08/seed-release/" });
    expect(warningsOf(result, "releases/seed-release.txt").map((d) => d.message)).not.toContainEqual(expect.stringMatching(/modification time/));
  },

  "2026-11-24-desalination-plant.txt": () => {
    const page = site.page("/releases/2026/11/desalination-plant/");
    expect(page.querySelector(".release-date time")!.getAttribute("datetime")).toBe("2026-11-24T00:00:00+03:00");
    const body = page.querySelector(".release-body")!;
    expect(body.querySelector(".dateline")!.textContent!.replace(/\u00A0/g, " ")).toMatch(/^الجبيل 14 جمادى الآخرة 1448 هـ الموافق 24 نوفمبر 2026 م \(واس\)$/);
    expect(body.querySelectorAll("ul > li")).toHaveLength(4);
    expect([...body.querySelectorAll("a")].map((a) => a.getAttribute("href"))).toEqual([
      "https://example.org/reports/jubail-2026.pdf",
      "mailto:media@example.org",
    ]);
    expect(body.textContent).not.toMatch(/انتهى/);
  },

  "2026-11-24-desalination-plant.en.txt": () => {
    const english = site.page("/en/releases/2026/11/desalination-plant/");
    expect([english.documentElement.getAttribute("lang"), english.documentElement.getAttribute("dir")]).toEqual(["en", "ltr"]);
    expect(english.querySelector(".release-body")!.textContent).not.toMatch(/ENDS/);
    const arabic = site.page("/releases/2026/11/desalination-plant/");
    const alternate = (document: Document, lang: string) => document.querySelector(`link[rel="alternate"][hreflang="${lang}"]`)?.getAttribute("href");
    expect(alternate(arabic, "en")).toBe("https://news.example.org/en/releases/2026/11/desalination-plant/");
    expect(alternate(english, "ar")).toBe("https://news.example.org/releases/2026/11/desalination-plant/");
  },

  "2026-10-05-digital-services.md": () => {
    const page = site.page("/releases/2026/10/digital-services/");
    expect(page.querySelector(".release-date time")!.getAttribute("datetime")).toBe("2026-10-05T09:30:00+03:00");
    const body = page.querySelector(".release-body")!;
    expect(body.querySelectorAll("h2")).toHaveLength(1);
    expect(body.querySelectorAll("ol > li")).toHaveLength(3);
    expect(body.querySelector("strong")).not.toBeNull();
    expect(body.querySelector("blockquote")!.textContent).toMatch(/«.*»/);
    expect(body.querySelector("a")!.getAttribute("href")).toBe("https://example.org/portal");
  },

  "2026-09-14-flu-campaign-bom-crlf.txt": async () => {
    const name = "2026-09-14-flu-campaign-bom-crlf.txt";
    const clean = readFileSync(path.join(SAMPLES, name), "utf8")
      .replace(/^\uFEFF/, "")
      .replace(/\r\n/g, "\n");
    expect(clean).not.toBe(readFileSync(path.join(SAMPLES, name), "utf8"));
    const [original, cleaned] = [makeProject(samples([name])), makeProject({ [name]: clean })];
    // One after the other: a build changes the process's working folder.
    for (const project of [original, cleaned]) expect((await project.build()).ok).toBe(true);
    const url = "/releases/2026/09/flu-campaign-bom-crlf/index.html";
    expect(original.read(url)).toBe(cleaned.read(url));
  },

  "2026-08-02-library-windows-1256.txt": async () => {
    const name = "2026-08-02-library-windows-1256.txt";
    const { errors, file } = await refused(name);
    expect(errors).toEqual([
      expect.objectContaining({ file, message: expect.stringMatching(/not valid UTF-8/), hint: expect.stringContaining('"legacyEncoding": "windows-1256"') }),
    ]);
    const project = makeProject(samples([name]), { legacyEncoding: "windows-1256" });
    const result = await project.build();
    expect(result.ok).toBe(true);
    expect(warningsOf(result, file)).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/windows-1256/) }));
    expect(text(project.page("/releases/2026/08/library-windows-1256/"), "h1")).toEqual(["افتتاح مكتبة عامة جديدة في حي الملز"]);
  },

  "embargoed-budget.txt": () => {
    expect(traces(site.root, ["الميزانية العامة للدولة", "embargoed-budget", "/releases/2099/"])).toEqual([]);
  },

  "draft-note.txt": async () => {
    expect(traces(site.root, ["مسودة: بيان لم يعتمد بعد", "draft-note"])).toEqual([]);
    // The site is shared with other test files: the preview is of a project of its own.
    const project = makeProject(samples(GOOD_SAMPLES));
    await project.build({ preview: true, output: ".cache/preview" });
    expect(text(project.page("/releases/2026/11/draft-note/", ".cache/preview"), "h1")).toEqual(["مسودة: بيان لم يعتمد بعد"]);
  },

  "bad/unclosed-front-matter.txt": async () => {
    const { errors, file } = await refused("bad/unclosed-front-matter.txt");
    expect(errors).toEqual([expect.objectContaining({ file, line: 2, message: expect.stringMatching(/never closed/) })]);
  },

  "bad/invalid-date.txt": async () => {
    const { errors, file } = await refused("bad/invalid-date.txt");
    expect(errors).toEqual([expect.objectContaining({ file, line: 2, message: expect.stringContaining('"2026-13-45"') })]);
  },

  "bad/html-injection.txt": async () => {
    const project = makeProject(samples(["bad/html-injection.txt"]));
    const result = await project.build();
    const release = result.releases[0];
    const title = 'بيان <script>alert(1)</script> & "اقتباس" <b>عريض</b>';
    expect(release.title).toBe(title);
    const page = project.page(release.url);
    expect(text(page, "h1")).toEqual([title]);
    expect(page.querySelector(".release-body")!.textContent).toContain("<img src=x onerror=alert(2)> ورابط javascript:alert(3) و ]]>");
    expect(text(project.page("/"), ".release-card h2")).toEqual([title]);
    // Feeds, search index and every other file: see hostile.test.ts, which checks each format.
  },

  "bad/bidi-override-title.txt": async () => {
    const project = makeProject(samples(["bad/bidi-override-title.txt"]));
    const result = await project.build();
    const file = "releases/bad/bidi-override-title.txt";
    expect(warningsOf(result, file)).toContainEqual(expect.objectContaining({ line: 1, message: expect.stringMatching(/invisible direction/) }));
    expect(result.releases[0].title).toBe("عنوان مقلوب للخداع");
    for (const [output, content] of outputTexts(path.join(project.root, "dist"))) expect(content, output).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  },

  "bad/empty.txt": async () => {
    // The decision: an empty file is an error (never a page with no title), so the build publishes nothing.
    const { errors, file } = await refused("bad/empty.txt");
    expect(errors).toEqual([expect.objectContaining({ file, line: 1, message: "the file is empty" })]);
  },

  "bad/slug-traversal.txt": async () => {
    const { project, errors, file } = await refused("bad/slug-traversal.txt");
    expect(errors).toEqual([
      expect.objectContaining({ file, line: 2, message: expect.stringMatching(/slug "..\/..\/..\/etc\/owned"/), hint: "write slug: etc-owned" }),
    ]);
    expect(existsSync(path.join(project.root, "../etc/owned"))).toBe(false);
    // Nothing but the parse cache (.cache/bayan-parse/) was written, and no output at all.
    expect(readdirSync(project.root).sort()).toEqual([
      ".cache",
      "assets",
      "eleventy.config.ts",
      "node_modules",
      "package.json",
      "releases",
      "src",
      "templates",
    ]);
    expect(readdirSync(path.join(project.root, ".cache"))).toEqual(["bayan-parse"]);
  },

  "bad/unsafe-yaml.txt": async () => {
    const { errors, file } = await refused("bad/unsafe-yaml.txt");
    expect(errors).toEqual([expect.objectContaining({ file, line: 2, message: expect.stringMatching(/!!js\/function is not allowed/) })]);
  },
};

/** Files of a built site that hold any of `needles` (in names or decompressed contents). */
function traces(root: string, needles: string[]): string[] {
  const dist = path.join(root, "dist");
  const found = outputFiles(dist).filter((file) => needles.some((needle) => file.includes(needle)));
  for (const [file, content] of outputTexts(dist)) if (needles.some((needle) => content.includes(needle))) found.push(file);
  return found;
}

describe("samples/README.md", () => {
  it("has a test for every row, and every test has a row", () => {
    expect(rows.length).toBeGreaterThanOrEqual(15);
    expect(Object.keys(ROWS).sort()).toEqual([...rows].sort());
  });

  it.each(rows)("%s behaves as the table says", async (row) => {
    await ROWS[row]();
  });
});
