/** `check` runs every validation `build` runs: what the build refuses, the check refuses first, with the same words. */
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { checkProject } from "../../src/cli/check.ts";
import { formatDiagnostic } from "../../src/diagnostics.ts";
import { makeProject } from "../helpers/project.ts";

const NOW = "2026-11-29T12:00:00+03:00";
const RELEASE = "---\ndate: 2026-11-01\nsummary: ملخص.\n---\nعنوان البيان\n\nنص البيان.\n";

describe("check refuses what build refuses", () => {
  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ["an empty site title", { title: "" }, RELEASE, /templates\/site\.json:\d+: error: title: must not be empty/],
    ["a site title of spaces", { title: "   " }, RELEASE, /title: must not be empty/],
    ["an empty site title in one language", { title: { ar: "", en: "Media Centre" } }, RELEASE, /title\.ar: must not be empty/],
    ["a site title with a lone surrogate", { title: "المركز \ud800" }, RELEASE, /title: holds a broken character/],
    ["a site description with a lone surrogate", { description: { ar: "\udc00", en: "x" } }, RELEASE, /description\.ar: holds a broken character/],
    [
      "a release title with a lone surrogate (a YAML escape)",
      {},
      '---\ntitle: "عنوان \\uD800"\nsummary: ملخص.\n---\nنص.\n',
      /releases\/2026-11-01-a\.txt:2: error: title contains .*broken/,
    ],
    ["a tag with a lone surrogate", {}, '---\ntags: ["\\uDFFF"]\nsummary: ملخص.\n---\nعنوان\n\nنص.\n', /:2: error: tags contains/],
  ])("%s", async (_, site, release, error) => {
    const project = makeProject({ "2026-11-01-a.txt": release }, site);
    const checked = checkProject({ root: project.root, now: DateTime.fromISO(NOW, { setZone: true }) });
    expect(
      checked.diagnostics
        .filter((d) => d.severity === "error")
        .map(formatDiagnostic)
        .join("\n"),
    ).toMatch(error);
    // The build refuses it too: with the same diagnostics, or by a config error before it starts.
    const built = await project.build({ now: NOW }).catch((cause: Error) => ({ ok: false, thrown: cause.name }));
    expect(built.ok).toBe(false);
  });

  it("an ordinary surrogate pair (an emoji) is text", () => {
    const project = makeProject({ "2026-11-01-a.txt": '---\ntitle: "عنوان \\U0001F600"\nsummary: ملخص.\n---\nنص.\n' }, { title: "المركز 😀" });
    expect(checkProject({ root: project.root, now: DateTime.fromISO(NOW, { setZone: true }) }).diagnostics).toEqual([]);
  });
});
