/**
 * The hostile-input table (`cases.ts`): each case is built into its own project, then checked
 * as a whole: `check` and `build` agree, a refused case publishes nothing, and the text and
 * bytes a case names appear nowhere in `dist/` — not in a file name, not in a text file
 * (search-index files decompressed), not inside a binary file.
 */
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { checkProject } from "../../src/cli/check.ts";
import { formatDiagnostic } from "../../src/diagnostics.ts";
import { BUILD_NOW, makeProject, RELEASE_MTIME } from "../helpers/project.ts";
import { outputFiles, outputTexts } from "../checks/output.ts";
import { LEAK_CASES, type LeakCase } from "./cases.ts";

/** Where `needle` shows in the output: file names, text contents, raw bytes. */
function tracesOf(dist: string, needle: string | Uint8Array): string[] {
  const found: string[] = [];
  const bytes = typeof needle === "string" ? Buffer.from(needle) : Buffer.from(needle);
  const texts = outputTexts(dist);
  for (const file of outputFiles(dist)) {
    if (typeof needle === "string" && file.includes(needle)) found.push(`${file} (name)`);
    if (typeof needle === "string" && texts.get(file)?.includes(needle)) found.push(`${file} (text)`);
    else if (readFileSync(path.join(dist, file)).includes(bytes)) found.push(`${file} (bytes)`);
  }
  return found;
}

function setUp(leak: LeakCase) {
  const project = makeProject(leak.releases, leak.site);
  for (const [name, content] of Object.entries(leak.files ?? {})) {
    const file = path.join(project.root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    utimesSync(file, RELEASE_MTIME, RELEASE_MTIME);
  }
  return project;
}

describe.each(LEAK_CASES.map((leak) => [`${leak.item} ${leak.name}`, leak] as const))("%s", (_, leak) => {
  const now = leak.now ?? BUILD_NOW;

  it(leak.expect.outcome === "refused" ? "is refused by check and by build, nothing published" : "builds, and leaves no trace of what it hides", async () => {
    const project = setUp(leak);
    const checked = checkProject({ root: project.root, now: DateTime.fromISO(now, { setZone: true }) });
    const built = await project.build({ now });
    const dist = path.join(project.root, "dist");
    if (leak.expect.outcome === "refused") {
      const printed = [...checked.diagnostics, ...built.diagnostics]
        .filter((d) => d.severity === "error")
        .map(formatDiagnostic)
        .join("\n");
      expect(
        checked.diagnostics.some((d) => d.severity === "error"),
        "check passes what build must refuse",
      ).toBe(true);
      expect(built.ok).toBe(false);
      expect(existsSync(dist)).toBe(false);
      if (leak.expect.error) expect(printed).toMatch(leak.expect.error);
    } else {
      expect(built.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic)).toEqual([]);
      expect(built.ok).toBe(true);
    }
    for (const needle of leak.expect.nowhere ?? []) expect(tracesOf(dist, needle), `trace of ${String(needle).slice(0, 40)}`).toEqual([]);
    for (const file of leak.expect.absent ?? []) expect(existsSync(path.join(dist, file)), file).toBe(false);
    const warnings = checked.diagnostics
      .filter((d) => d.severity === "warning")
      .map(formatDiagnostic)
      .join("\n");
    if (leak.expect.warning) expect(warnings).toMatch(leak.expect.warning);
  });
});
