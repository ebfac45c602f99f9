import { appendFileSync, cpSync, existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { codeFingerprint } from "../../src/build/page-cache.ts";
import { REPO } from "../helpers/project.ts";

/** A copy of the repository's `src/` and `tools/`, with one file edited per fingerprint asked for. */
function copyOfCode() {
  const root = mkdtempSync(path.join(os.tmpdir(), "bayan-code-"));
  for (const folder of ["src", "tools"]) cpSync(path.join(REPO, folder), path.join(root, folder), { recursive: true });
  let edits = 0;
  return {
    /** The fingerprint of the copy after `file` (from the copy's top) gained a comment. */
    after(file: string): string {
      // An edit, never a new file: a path that moved would otherwise pass unnoticed.
      expect(existsSync(path.join(root, file)), file).toBe(true);
      appendFileSync(path.join(root, file), `\n// edit ${++edits}\n`);
      // A fresh folder name each time: fingerprints are kept per folder for the life of the process.
      const copy = path.join(root, `src-${edits}`);
      cpSync(path.join(root, "src"), copy, { recursive: true });
      return codeFingerprint(copy);
    },
    fingerprint: () => codeFingerprint(path.join(root, "src")),
  };
}

describe("the page cache's fingerprint of Bayan's code (issue 20, item 6)", () => {
  it("stays the same when a developer tool in tools/ changes", () => {
    const code = copyOfCode();
    const before = code.fingerprint();
    expect(code.after("tools/bench/run.ts")).toBe(before);
    expect(code.after("tools/search-eval/bench.ts")).toBe(before);
    expect(code.after("tools/bench-parse.ts")).toBe(before);
  });

  it("changes when code that pages are rendered with changes, imported or loaded by path", () => {
    const code = copyOfCode();
    const before = code.fingerprint();
    const filters = code.after("src/plugins/filters.ts");
    expect(filters).not.toBe(before);
    const worker = code.after("src/search/worker.ts");
    expect(worker).not.toBe(filters);
    expect(code.after("src/build/build.ts")).not.toBe(worker);
  });
});
