/** Files under releases/ that are not releases: a warning that says how to make them one, unless a release uses them. */
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { checkProject } from "../../src/cli/check.ts";
import { formatDiagnostic } from "../../src/diagnostics.ts";
import { makeProject } from "../helpers/project.ts";

const NOW = DateTime.fromISO("2026-11-29T12:00:00+03:00", { setZone: true });
const release = (front = "") => `---\ndate: 2026-11-01\nsummary: ملخص.\n${front}---\nعنوان البيان\n\nنص البيان.\n`;
const warningsOf = (files: Record<string, string | Uint8Array>) =>
  checkProject({ root: makeProject(files).root, now: NOW })
    .diagnostics.filter((d) => d.severity === "warning")
    .map(formatDiagnostic);

describe("a file under releases/ that Bayan does not read", () => {
  it.each([
    [
      "2026/statement.docx",
      /statement\.docx: warning: this is a word-processor document: Bayan reads only \.txt and \.md files as releases, so it is not published\n.*Plain Text \(\.txt, encoding UTF-8\)/,
    ],
    ["2026/statement.pdf", /statement\.pdf: warning: this is a PDF: .*\n.*copy its text into a \.txt file/],
    ["2026/BUDGET.TXT", /BUDGET\.TXT: warning: this is a release file with an upper-case extension: .*\n.*rename it/],
    ["2026/notes.markdown", /notes\.markdown: warning: this is a text file .*\n.*rename it to end in \.txt/],
    ["2026/unused.jpg", /unused\.jpg: warning: this is an image that no release uses: /],
    ["2026/data.xlsx", /data\.xlsx: warning: this is not a release file: Bayan reads only \.txt and \.md files as releases, so it is not published/],
  ])("%s gets a warning saying how to make it a release", (file, warning) => {
    const warnings = warningsOf({ "2026/2026-11-01-a.txt": release(), [file]: "x" });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(warning);
  });

  it("says nothing of an image a release names, a document a Markdown release links to, or the system's own files", () => {
    expect(
      warningsOf({
        "2026/2026-11-01-a.txt": release("image: photo.jpg\nimageAlt: صورة المحطة.\n"),
        "2026/photo.jpg": "jpeg",
        "2026/2026-11-02-b.md": `${release()}\n[التقرير الكامل](annual-report.pdf)\n`,
        "2026/annual-report.pdf": "pdf",
        "2026/.DS_Store": "x",
        "Thumbs.db": "x",
      }),
    ).toEqual([]);
  });
});
