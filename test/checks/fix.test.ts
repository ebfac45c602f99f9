/** `npm run check -- --fix` on a real project folder: what it changes, and everything it leaves alone. */
import { lstatSync, readdirSync, readFileSync, statSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeProject, RELEASE_MTIME } from "../helpers/project.ts";
import { main } from "../../src/cli/check.ts";
import { runMain } from "../helpers/cli.ts";

const NOW = "2026-11-29T12:00:00+03:00";
/** `npm run check -- --now=… …args` in `root`, its `main` in this process. */
const check = (root: string, ...args: string[]) => runMain(main, [`--now=${NOW}`, ...args], { cwd: root });

const FRONT = "---\ndate: 2015-08-11\nsummary: ملخص.\n---\n";
const files: Record<string, string | Uint8Array> = {
  // Wire copy with the archive's U+001A.
  "2015/spa-1.txt": `${FRONT}اجتماع مجلس الوزراء\n\nالرياض (واس) – عقد\u001A المجلس جلسته.\n\u001A\n// انتهى //\n19:12 ت م\n`,
  // Windows line ends and a byte order mark, with a direction override and a Word line break.
  "2015/spa-2.txt": Buffer.from(
    `\uFEFF${FRONT}عنوان الخبر الثاني\r\n\r\nنص \u202Eمقلوب\u202C هنا.\r\nسطر\u000Bثان.\r\n`.replaceAll("\n", "\r\n").replaceAll("\r\r\n", "\r\n"),
  ),
  // Nothing to fix.
  "2015/clean.md": `${FRONT}# خبر سليم\n\nنص سليم.\n`,
  // Not UTF-8: left for check to report.
  "2015/legacy.txt": Buffer.from([0xc8, 0xe1, 0x1a, 0x0a]),
  // Not a release file at all.
  "2015/notes.csv": "a,b\u001A\n",
};

describe("npm run check -- --fix", () => {
  it("removes the invisible characters, says what it changed file by file, and touches nothing else", async () => {
    const project = makeProject(files);
    const releases = path.join(project.root, "releases");
    symlinkSync("spa-1.txt", path.join(releases, "2015/link.txt"));
    const before = new Map(
      readdirSync(releases, { recursive: true, withFileTypes: true })
        .filter((e) => !e.isDirectory())
        .map((e) => path.relative(releases, path.join(e.parentPath, e.name)))
        .map((f) => [f, readFileSync(path.join(releases, f))]),
    );

    const plain = await check(project.root);
    expect(plain.status).toBe(1);
    expect(plain.stderr).toMatch(/spa-1\.txt:7: error: .*U\+001A/);

    const fixed = await check(project.root, "--fix");
    expect(fixed.stdout.split("\n").filter((line) => line.includes(": removed "))).toEqual([
      "releases/2015/spa-1.txt: removed U+001A on lines 7, 8",
      "releases/2015/spa-2.txt: removed U+202E on line 7; U+202C on line 7; U+000B → line break on line 8",
    ]);
    expect(fixed.stdout).toContain("--fix changed 2 file(s)");
    // What is left is what --fix cannot mend: the file that is not UTF-8.
    expect(fixed.stderr.split("\n").filter((line) => / error: /.test(line))).toEqual([
      expect.stringMatching(/^releases\/2015\/legacy\.txt:1: error: .*not valid UTF-8/),
    ]);

    const read = (file: string) => readFileSync(path.join(releases, file), "utf8");
    expect(read("2015/spa-1.txt")).toBe(`${FRONT}اجتماع مجلس الوزراء\n\nالرياض (واس) – عقد المجلس جلسته.\n\n// انتهى //\n19:12 ت م\n`);
    expect(read("2015/spa-2.txt")).toBe(`\uFEFF${FRONT}عنوان الخبر الثاني\n\nنص مقلوب هنا.\nسطر\nثان.\n`.replaceAll("\n", "\r\n"));
    // The link is still a link, to the fixed file; every other file is byte for byte as it was, with its time.
    expect(lstatSync(path.join(releases, "2015/link.txt")).isSymbolicLink()).toBe(true);
    for (const file of ["2015/clean.md", "2015/legacy.txt", "2015/notes.csv"]) {
      expect(readFileSync(path.join(releases, file)), file).toEqual(before.get(file));
      expect(statSync(path.join(releases, file)).mtime, file).toEqual(RELEASE_MTIME);
    }
    // No temporary file left behind.
    expect(readdirSync(releases, { recursive: true }).map(String).sort()).toEqual(["2015", ...before.keys()].sort());

    const again = await check(project.root, "--fix");
    expect(again.stdout).toContain("--fix changed 0 file(s)");
  });

  it("fixes a whole archive in one run: 160 releases, one with U+001A, and the check then passes", async () => {
    const archive: Record<string, string> = {};
    for (let i = 0; i < 160; i++)
      archive[`archive/${i}.txt`] = `---\ndate: 2015-08-11\nsummary: ملخص ${i}.\n---\nخبر رقم ${i}\n\nنص الخبر${i === 77 ? "\u001A" : ""} رقم ${i}.\n`;
    const project = makeProject(archive);
    expect((await check(project.root)).status).toBe(1);
    const fixed = await check(project.root, "--fix");
    expect(fixed.stdout).toContain("releases/archive/77.txt: removed U+001A on line 7");
    expect(fixed.stdout).toContain("Check passed.");
    expect(fixed.status).toBe(0);
  });
});
