import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { checkProject } from "../../src/cli/check.ts";
import { MAX_TAGS } from "../../src/release/tags.ts";
import { BUILD_NOW, makeProject } from "../helpers/project.ts";
import { releaseText as release } from "../helpers/release-text.ts";

const tagsLine = (tags: string[]) => `tags: [${tags.join(", ")}]`;
const numbered = (n: number) => Array.from({ length: n }, (_, i) => `وسم${i + 1}`);

/** Bytes written under a folder. */
function bytesUnder(folder: string): number {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(path.join(entry.parentPath, entry.name)).size, 0);
}

describe("tags per release", () => {
  it(`are at most ${MAX_TAGS}: check names the line of tags: and the limit`, () => {
    const project = makeProject({ "2026-11-20-many.txt": release(["date: 2026-11-20", tagsLine(numbered(MAX_TAGS + 1))]) });
    const { diagnostics } = checkProject({ root: project.root, now: DateTime.fromISO(BUILD_NOW, { setZone: true }) });
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([
      expect.objectContaining({
        file: "releases/2026-11-20-many.txt",
        line: 3,
        message: `the release has ${MAX_TAGS + 1} tags, over the limit of ${MAX_TAGS}`,
      }),
    ]);
  });

  it(`write tag pages and feeds whose size grows with the tag count, not with its square (10 and ${MAX_TAGS} tags)`, async () => {
    const tagOutput = async (n: number) => {
      const project = makeProject({ "2026-11-20-many.txt": release([tagsLine(numbered(n))]) }, { ogCards: false });
      expect((await project.build()).ok).toBe(true);
      return bytesUnder(path.join(project.root, "dist/tags")) / n;
    };
    const [few, many] = [await tagOutput(10), await tagOutput(MAX_TAGS)];
    // Each feed item lists the release's tags: 40 more names of about 40 bytes in three feeds.
    expect(many - few).toBeLessThan(40 * 40 * 3 * 1.2);
  });

  it("are NFC, without invisible direction or zero-width characters, with a warning naming the line", async () => {
    // YAML escapes carry in what an editor would not see: a right-to-left override, a zero-width
    // space, a decomposed letter (e + U+0301).
    const project = makeProject({
      "2026-11-20-one.txt": release(['tags: ["\\u202Eصحة", "caf\\u0065\\u0301"]']),
      "2026-11-21-two.txt": release(["tags: [صحة, café]"], "بيان ثان"),
    });
    const result = await project.build();
    expect(result.ok).toBe(true);
    expect(result.diagnostics.filter((d) => d.message.includes("tags held invisible"))).toEqual([
      expect.objectContaining({ file: "releases/2026-11-20-one.txt", line: 2, severity: "warning" }),
    ]);
    const cloud = [...project.page("/tags/").querySelectorAll(".tag-cloud li")].map((li) => li.textContent);
    expect(cloud.sort()).toEqual(["café (2)", "صحة (2)"]);
  });
});
