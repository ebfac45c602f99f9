import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { diagnosticsIn } from "../../src/build/build-error.ts";
import { makeProject, samples } from "../helpers/project.ts";
import { main as build } from "../../src/cli/build.ts";
import { runMain } from "../helpers/cli.ts";

describe("the interface strings (templates/i18n/*.json)", () => {
  it("stop the build at the line of a syntax error in ar.json, instead of serving English", async () => {
    const project = makeProject(samples(["seed-release.txt"]));
    const file = path.join(project.root, "templates/i18n/ar.json");
    const lines = readFileSync(file, "utf8").split("\n");
    // A comma after the last entry, on the line before the closing brace.
    const last = lines.findLastIndex((line) => line.trim().endsWith('"'));
    lines[last] += ",";
    writeFileSync(file, lines.join("\n"));
    const diagnostics = await project.build().then(
      () => [],
      (error: Error) => diagnosticsIn(error) ?? [error.message],
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: "templates/i18n/ar.json", line: last + 2, severity: "error", message: expect.stringContaining("not valid JSON") }),
    ]);
    // What `npm run build` prints: the file and line, and that nothing was published.
    const cli = await runMain(build, ["--now=2026-11-29T12:00:00+03:00"], { cwd: project.root });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(new RegExp(`^templates/i18n/ar\\.json:${last + 2}: error: not valid JSON`, "m"));
  });
});
