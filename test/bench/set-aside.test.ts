import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { deleteSetAside, setAside } from "../../tools/bench/measure.ts";

const temp = mkdtempSync(path.join(tmpdir(), "bayan-set-aside-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("what the bench empties between builds", () => {
  it("is moved out of the project whole, each time under a name of its own, and deleted at the end", () => {
    const project = path.join(temp, "bayan");
    const pages = path.join(project, ".cache", "bayan-pages");
    for (const round of [1, 2]) {
      mkdirSync(path.join(pages, "a"), { recursive: true });
      writeFileSync(path.join(pages, "a", "page.html"), `round ${round}`);
      setAside(pages, temp);
      expect(existsSync(pages)).toBe(false);
      expect(existsSync(path.join(project, ".cache"))).toBe(true);
    }
    const aside = path.join(temp, "set-aside");
    const moved = readdirSync(aside).sort();
    expect(moved).toHaveLength(2);
    expect(moved.map((name) => readFileSync(path.join(aside, name, "a", "page.html"), "utf8"))).toEqual(["round 1", "round 2"]);
    // Nothing there: nothing to move.
    setAside(path.join(project, "dist"), temp);
    expect(readdirSync(aside)).toHaveLength(2);
    deleteSetAside(temp);
    expect(existsSync(aside)).toBe(false);
    expect(existsSync(path.join(project, ".cache"))).toBe(true);
  });
});
