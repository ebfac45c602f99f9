/**
 * The commands as a user runs them (issue 23, item 10; issue 19, item 13; issue 18, item 5):
 * `--help` on every command, unknown options, and errors a user can cause, printed as
 * `where: error: …` with a hint and no stack trace. Each command's `main` runs in this process;
 * one build runs as a real process, whose whole standard error (Eleventy's too) must hold no trace.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main as bayan } from "../../src/cli/bayan.ts";
import { main as build } from "../../src/cli/build.ts";
import { main as check } from "../../src/cli/check.ts";
import type { Command } from "../../src/cli/io.ts";
import { main as newRelease } from "../../src/cli/new.ts";
import { main as preview } from "../../src/cli/preview.ts";
import { main as search } from "../../src/cli/search.ts";
import { makeProject, REPO, samples } from "../helpers/project.ts";
import { inTimeZone, runMain, runTs } from "../helpers/cli.ts";

const COMMANDS: Record<string, Command> = { "build.ts": build, "check.ts": check, "new.ts": newRelease, "search.ts": search, "preview.ts": preview };

/** Runs a command of the project in `cwd`, in this process. */
function run(command: string, args: string[], cwd = REPO) {
  return runMain(COMMANDS[command], args, { cwd });
}

/** A line of a stack trace, ours or as Eleventy logs it. */
const STACK_LINE = /^(\[11ty\])?\s+at /m;

describe.each([
  ["build.ts", []],
  ["build.ts", ["--serve"]],
  ["check.ts", []],
  ["new.ts", []],
  ["search.ts", []],
  ["preview.ts", []],
])("%s %j", (command, extra) => {
  it("--help prints the usage and exits 0", async () => {
    const result = await run(command, [...extra, "--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: /im);
    expect(result.stdout).toContain("--help");
  });

  it("an unknown option is an error with the usage, exit 2", async () => {
    const result = await run(command, [...extra, "--drafs"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error: unknown option --drafs$/m);
    expect(result.stderr).toMatch(/^Usage: /im);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });
});

it("an option without its value is an error naming it, exit 2", async () => {
  const result = await run("new.ts", ["عنوان", "--date"]);
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/^error: option --date needs a value/m);
});

describe("npm run build", () => {
  const embargoed = { "budget.txt": "---\nembargo: 2026-12-01T08:00:00\n---\nميزانية الصباح السرية\n\nنص.\n", ...samples(["seed-release.txt"]) };

  it.each(["UTC", "America/New_York", "Asia/Tokyo"])("reads --now without an offset in the site's time zone on a machine set to %s", async (zone) => {
    const project = makeProject(embargoed);
    const before = await inTimeZone(zone, () => run("build.ts", ["--now=2026-12-01T07:59:59"], project.root));
    expect(before.status, before.stderr).toBe(0);
    expect(existsSync(path.join(project.root, "dist/releases/2026/11/budget/index.html"))).toBe(false);
    expect(before.stdout).toContain("1 held by embargo");
    const after = await inTimeZone(zone, () => run("build.ts", ["--now=2026-12-01T08:00:00"], project.root));
    expect(after.status, after.stderr).toBe(0);
    expect(existsSync(path.join(project.root, "dist/releases/2026/11/budget/index.html"))).toBe(true);
  });

  it("npm run check reads --now the same way", async () => {
    const project = makeProject(embargoed);
    const result = await inTimeZone("UTC", () => run("check.ts", ["--now=2026-12-01T07:59:59"], project.root));
    expect(result.stdout).toContain("1 held by embargo");
    expect((await inTimeZone("UTC", () => run("check.ts", ["--now=2026-12-01T08:00:00"], project.root))).stdout).toContain("0 held by embargo");
  });

  it.each([
    [["--now=tomorrow"], /^--now: error: "tomorrow" is not a date and time\n {4}→ write it as ISO 8601/m],
    [["--pathprefix=/../"], /^--pathprefix: error: "\/\.\.\/" must not hold \. or \.\. folders/m],
    [["--pathprefix=news"], /^--pathprefix: error: "news" must look like \/ or \/newsroom\//m],
  ])("%j is an error naming the option, with a hint, and nothing is built", async (args, message) => {
    const project = makeProject(samples(["seed-release.txt"]));
    const result = await run("build.ts", args, project.root);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(path.join(project.root, "dist"))).toBe(false);
  });

  it("refuses an --output folder it did not make, as an error with a hint", async () => {
    const project = makeProject(samples(["seed-release.txt"]));
    mkdirSync(path.join(project.root, "docs"));
    writeFileSync(path.join(project.root, "docs/guide.md"), "# guide\n");
    const result = await run("build.ts", ["--output=docs"], project.root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^--output: error: refusing to build into docs: it already exists and Bayan did not make it.*\n {4}→ give --output a new folder/m,
    );
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it("a failed build does not count releases as published", async () => {
    const project = makeProject({ ...samples(["seed-release.txt", "2026-10-05-digital-services.md"]), "bad.txt": "---\ndate: 2026-13-45\n---\nعنوان\n" });
    const result = await run("build.ts", [], project.root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^releases\/bad\.txt:2: error: /m);
    expect(result.stdout).toMatch(/^0 published/m);
    expect(result.stderr).toContain("Nothing was published");
  });

  it("a broken template is one error naming its file and line, without a stack trace, and the trace with --debug", async () => {
    const project = makeProject(samples(["seed-release.txt"]));
    writeFileSync(path.join(project.root, "templates/pages/404.njk"), "{% if %}");
    // A real process: its exit status, and everything on its standard error, Eleventy's own logging too.
    const result = runTs("src/cli/build.ts", [], { cwd: project.root, encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^templates\/pages\/404\.njk:1: error: unexpected token: %\} \(column 7\)\n {4}→ fix the template/m);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect((await run("build.ts", ["--debug"], project.root)).stderr).toMatch(STACK_LINE);
  });
});

describe("bayan", () => {
  it.each([["build"], ["start"], ["check"], ["new"], ["search"], ["preview"]])("hands %s its options", async (name) => {
    const result = await runMain(bayan, [name, "--help"], { cwd: REPO });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: /im);
  });

  it("lists the commands with no command, and refuses an unknown one with exit 2", async () => {
    expect(await runMain(bayan, [], { cwd: REPO })).toMatchObject({ status: 0, stdout: expect.stringMatching(/^Usage: bayan <command>/) });
    const unknown = await runMain(bayan, ["biuld"], { cwd: REPO });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^error: unknown command biuld\n\nUsage: bayan/);
  });
});
