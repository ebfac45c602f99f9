/** `npm run check`: the command as a press officer runs it, on a real project folder. */
import { mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { main as build } from "../../src/cli/build.ts";
import { checkProject, main as check } from "../../src/cli/check.ts";
import { formatDiagnostic } from "../../src/diagnostics.ts";
import { makeProject, REPO } from "../helpers/project.ts";
import { runMain, runTs } from "../helpers/cli.ts";

const NOW = "2026-11-29T12:00:00+03:00";

/** Runs a Bayan command's `main` in `root`, in this process, as `npm run` does from the project folder. */
async function run(root: string, command: "check" | "build", ...args: string[]) {
  const result = await runMain({ check, build }[command], args, { cwd: root });
  return { ...result, output: `${result.stderr}\n${result.stdout}` };
}
/** `file:line: severity:` lines of a report. */
const problemLines = (output: string) => output.split("\n").filter((line) => /^\S+?(:\d+)?: (error|warning|note): /.test(line));

/** A good release with everything a release should have, so the check has nothing to say about it. */
function goodRelease(i: number): string {
  const day = new Date(Date.UTC(2016, 0, 1) + i * 3 * 86_400_000).toISOString().slice(0, 10);
  return `---\ndate: ${day}\nsummary: ملخص البيان رقم ${i}.\ntags: [مياه, طاقة]\n---\nبيان صحفي رقم ${i} عن مشروعات المياه والطاقة\n\nالرياض (واس) – أعلنت الهيئة اليوم عن المرحلة ${i} من المشروع.\n\nأرقام المشروع\n\n- الطاقة: ${i} ميغاواط.\n- المستفيدون: ${i * 10} ألف نسمة.\n`;
}

describe("npm run check on 1,000 good releases", () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 1000; i++) files[`${2016 + Math.floor(i / 120)}/release-${String(i).padStart(4, "0")}.txt`] = goodRelease(i);
  const project = makeProject(files);

  it("exits 0 with no problem listed", async () => {
    const result = await run(project.root, "check", `--now=${NOW}`);
    expect(problemLines(result.output)).toEqual([]);
    expect(result.stdout).toContain("1000 published, 0 draft(s) not published, 0 held by embargo, 0 error(s), 0 warning(s).");
    expect(result.status).toBe(0);
  });

  it("with 3 bad ones, lists exactly those 3 files with their lines and exits 1", async () => {
    const bad = {
      "releases/2020/bad-date.txt": "---\nsummary: ملخص.\ndate: 2026-13-45\n---\nعنوان خاطئ التاريخ\n\nنص.\n",
      "releases/2021/bad-type.txt": "---\ntags: { water: 1 }\nsummary: ملخص.\ndate: 2021-01-01\n---\nعنوان الوسوم الخاطئة\n\nنص.\n",
      "releases/bad-control.txt": "---\nsummary: ملخص.\ndate: 2021-01-01\n---\nعنوان فيه محرف تحكم\n\nسطر أول.\nسطر\u000Bثان.\n",
    };
    for (const [file, text] of Object.entries(bad)) writeFileSync(path.join(project.root, file), text);
    try {
      const result = await run(project.root, "check", `--now=${NOW}`);
      expect(problemLines(result.output)).toEqual([
        expect.stringMatching(/^releases\/2020\/bad-date\.txt:3: error: date "2026-13-45" is not a real date/),
        expect.stringMatching(/^releases\/2021\/bad-type\.txt:2: error: tags must be a list/),
        expect.stringMatching(/^releases\/bad-control\.txt:8: error: .*U\+000B/),
      ]);
      expect(result.output).toMatch(/^ {4}→ \S/m); // every problem comes with a hint
      expect(result.stdout).toContain("Check failed: 3 error(s) in 3 file(s).");
      expect(result.status).toBe(1);
    } finally {
      for (const file of Object.keys(bad)) rmSync(path.join(project.root, file));
    }
  });
});

describe("npm run check", () => {
  it("writes nothing", () => {
    const project = makeProject({ "2026-01-01-a.txt": goodRelease(1), "bad.txt": "" });
    const before = readdirSync(project.root, { recursive: true }).sort();
    // A real process, run as `npm run` does from the project folder (whose src/ is a link in test projects).
    expect(runTs("src/cli/check.ts", [`--now=${NOW}`], { cwd: project.root, encoding: "utf8" }).status).toBe(1);
    expect(readdirSync(project.root, { recursive: true }).sort()).toEqual(before);
  });

  it("exits 0 when there are only warnings", async () => {
    const project = makeProject({ "undated.txt": "عنوان بلا تاريخ ولا ملخص\n\nنص.\n" });
    utimesSync(path.join(project.root, "releases/undated.txt"), new Date("2026-03-04T10:00:00Z"), new Date("2026-03-04T10:00:00Z"));
    const result = await run(project.root, "check", `--now=${NOW}`);
    expect(problemLines(result.output)).toEqual([expect.stringMatching(/^releases\/undated\.txt:1: warning: no date found/)]);
    expect(result.status).toBe(0);
  });

  it("checks another folder with --root, and judges embargoes by --now", async () => {
    const project = makeProject({ "2026-01-01-budget.txt": "---\nembargo: 2027-01-01T08:00:00+03:00\nsummary: ملخص.\n---\nالميزانية العامة\n\nنص.\n" });
    const before = await run(REPO, "check", `--root=${project.root}`, "--now=2026-12-31T12:00:00+03:00");
    expect(before.stdout).toContain("0 published, 0 draft(s) not published, 1 held by embargo");
    expect(before.stdout).toContain("releases/2026-01-01-budget.txt: embargoed until 2027-01-01T08:00:00+03:00");
    const after = await run(REPO, "check", `--root=${project.root}`, "--now=2027-01-01T08:00:00+03:00");
    expect(after.stdout).toContain("1 published, 0 draft(s) not published, 0 held by embargo");
  });

  it("refuses a --now it cannot read", async () => {
    const result = await run(REPO, "check", "--now=tomorrow");
    expect(result.stderr).toContain('--now: error: "tomorrow" is not a date and time');
    expect(result.status).toBe(2);
  });

  it("reports config errors at their lines, and still checks the releases", async () => {
    const project = makeProject({ "2026-01-01-a.txt": goodRelease(1), "bad.txt": "---\ndate: 2026-02-30\n---\nعنوان\n" });
    writeFileSync(path.join(project.root, "templates/site.json"), '{\n  "title": "x",\n  "url": "news.example.org",\n  "perPage": 0,\n  "colour": "#fff"\n}\n');
    const lines = problemLines((await run(project.root, "check", `--now=${NOW}`)).output);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^templates\/site\.json:3: error: url: must be an absolute URL/),
        expect.stringMatching(/^templates\/site\.json:4: error: perPage: /),
        expect.stringMatching(/^templates\/site\.json:5: error: unknown key "colour"/),
        expect.stringMatching(/^releases\/bad\.txt:2: error: date "2026-02-30" is not a real date/),
      ]),
    );
  });

  it("reports a config that is not JSON, and a missing one", async () => {
    const project = makeProject({ "2026-01-01-a.txt": goodRelease(1) });
    const lines = () => checkProject({ root: project.root, now: DateTime.fromISO(NOW) }).diagnostics.map(formatDiagnostic);
    writeFileSync(path.join(project.root, "templates/site.json"), '{\n  "title": "x",\n  "url": "https://x.org",\n}\n');
    expect(lines()).toEqual([expect.stringMatching(/^templates\/site\.json:4: error: the site config is not valid JSON/)]);
    rmSync(path.join(project.root, "templates/site.json"));
    expect(lines()).toEqual([expect.stringMatching(/^templates\/site\.json: error: the site config is missing/)]);
  });

  it("warns when there is no releases folder", async () => {
    const project = makeProject({});
    const { diagnostics } = checkProject({ root: project.root, now: DateTime.fromISO(NOW) });
    expect(diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/^releases\/: warning: there is no releases folder/)]);
  });

  it("says what npm run build says: the build refuses to publish with the same messages", async () => {
    const project = makeProject({ "2026-01-01-a.txt": goodRelease(1) });
    await project.build({ now: NOW });
    const previous = project.read("index.html");
    for (const [file, text] of Object.entries({
      "bad/date.txt": "---\ndate: 2026-13-45\n---\nعنوان\n",
      "bad/yaml.txt": '---\ntags: !!js/function "function(){}"\n---\nعنوان\n',
      "bad/empty.txt": "",
    })) {
      mkdirSync(path.dirname(path.join(project.root, "releases", file)), { recursive: true });
      writeFileSync(path.join(project.root, "releases", file), text);
    }
    const checked = await run(project.root, "check", `--now=${NOW}`);
    const built = await run(project.root, "build", `--now=${NOW}`);
    const errors = (output: string) => problemLines(output).filter((line) => line.includes(": error: "));
    expect(errors(checked.output)).toHaveLength(3);
    expect(errors(built.output)).toEqual(errors(checked.output));
    expect(built.status).toBe(1);
    expect(built.stderr).toContain("Nothing was published");
    expect(project.read("index.html")).toBe(previous);
  });
});

describe("a report of many problems", () => {
  // 35 releases without a summary (a note), 5 of them without a date (a warning each), 1 error.
  const files: Record<string, string> = { "2026/bad-date.txt": "---\ndate: 2026-13-45\n---\nعنوان خاطئ التاريخ\n\nنص.\n" };
  for (let i = 0; i < 30; i++) files[`2026/2026-01-${String(i + 1).padStart(2, "0")}-plain-${i}.txt`] = `بيان رقم ${i} بلا ملخص\n\nنص البيان رقم ${i}.\n`;
  for (let i = 0; i < 5; i++) files[`undated/u${i}.txt`] = `بيان بلا تاريخ رقم ${i}\n\nنص.\n`;
  const project = makeProject(files);
  const printed = (output: string) => output.split("\n").filter((line) => line.trim() !== "");

  it.each(["check", "build"] as const)("%s prints no note, one line per kind of warning past a few, and the error last", async (command) => {
    const result = await run(project.root, command, `--now=${NOW}`);
    expect(result.status).toBe(1);
    expect(result.output).not.toMatch(/no summary/);
    const problems = printed(result.stderr).filter((line) => !line.startsWith("    →") && !line.startsWith("Nothing was published"));
    expect(problems).toEqual([
      expect.stringMatching(
        /^5 × warning: no date found: .*\(releases\/undated\/u0\.txt, releases\/undated\/u1\.txt, releases\/undated\/u2\.txt and 2 more; all of them with --verbose\)$/,
      ),
      expect.stringMatching(/^releases\/2026\/bad-date\.txt:2: error: date "2026-13-45"/),
    ]);
    expect(result.stdout).toContain("1 error(s), 5 warning(s)");
  });

  it("check --verbose prints every note and warning, and still the error last", async () => {
    const result = await run(project.root, "check", `--now=${NOW}`, "--verbose");
    const lines = problemLines(result.output);
    expect(lines.filter((line) => / note: no summary/.test(line))).toHaveLength(35);
    expect(lines.filter((line) => / warning: no date found/.test(line))).toHaveLength(5);
    expect(lines.at(-1)).toMatch(/^releases\/2026\/bad-date\.txt:2: error: /);
  });
});
