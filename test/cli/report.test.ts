import { describe, expect, it } from "vitest";
import { reportLines } from "../../src/cli/report.ts";
import type { Diagnostic } from "../../src/release/model.ts";

const warning = (file: string, message: string): Diagnostic => ({ file, line: 1, severity: "warning", message, hint: "fix it" });

describe("reportLines", () => {
  // An archive the size of the real one: 27,916 releases with the same warning, a few others, one error.
  const flood = Array.from({ length: 27_916 }, (_, i) =>
    warning(`releases/${String(i).padStart(5, "0")}.txt`, `no date found: using the file's modification time (2015-08-${10 + (i % 19)})`),
  );
  const diagnostics: Diagnostic[] = [
    { file: "releases/bad.txt", line: 2, severity: "error", message: 'date "2026-13-45" is not a real date' },
    ...flood,
    warning("releases/a.txt", "the title is 160 characters long"),
    warning("releases/b.txt", "the title is 171 characters long"),
    { file: "releases/c.txt", severity: "note", message: "no summary: the start of the first paragraph is used" },
  ];

  it("gives one line to a kind of warning past three, the other warnings one each, and the error last", () => {
    const lines = reportLines(diagnostics).map((line) => line.text.split("\n")[0]);
    expect(lines).toEqual([
      "27916 × warning: no date found: using the file's modification time (2015-08-10) (releases/00000.txt, releases/00001.txt, releases/00002.txt and 27913 more; all of them with --verbose)",
      "releases/a.txt:1: warning: the title is 160 characters long",
      "releases/b.txt:1: warning: the title is 171 characters long",
      'releases/bad.txt:2: error: date "2026-13-45" is not a real date',
    ]);
  });

  it("with verbose, prints every note and warning, and still the error last", () => {
    const lines = reportLines(diagnostics, true);
    expect(lines).toHaveLength(diagnostics.length);
    expect(lines[0].text).toMatch(/^releases\/c\.txt: note: no summary/);
    expect(lines.at(-1)!.text).toMatch(/^releases\/bad\.txt:2: error: /);
  });

  it("never groups errors", () => {
    const errors = Array.from({ length: 10 }, (_, i): Diagnostic => ({ file: `releases/${i}.txt`, severity: "error", message: "the file is empty" }));
    expect(reportLines(errors)).toHaveLength(10);
  });
});
