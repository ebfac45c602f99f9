import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { loadSite } from "../../src/config.ts";
import { resolveOptions } from "../../src/options.ts";
import { loadReleases } from "../../src/release/load.ts";
import { REPO } from "../helpers/project.ts";

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** Heap in use after a full collection. */
function heapUsed(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

describe("releases held in memory", () => {
  it("hold their body as HTML and plain text, not a third time as the text of their files", () => {
    const options = resolveOptions({ site: loadSite(path.join(REPO, "templates/site.json")), now: "2026-11-29T12:00:00+03:00" });
    const root = mkdtempSync(path.join(os.tmpdir(), "bayan-load-memory-"));
    mkdirSync(path.join(root, "releases"));
    // Ten long releases (about 2 MB each as V8 holds their text): a copy of each file's text kept with them would show.
    const paragraph = "نص البيان في فقرة طويلة من فقرات البيان ".repeat(2_500);
    for (let day = 1; day <= 10; day++)
      writeFileSync(
        path.join(root, `releases/2026-11-${String(day).padStart(2, "0")}-long.txt`),
        `بيان ${day}\n\nالرياض 1 نوفمبر 2026 (واس) – ${paragraph}\n\n${paragraph}\n`,
      );
    const before = heapUsed();
    const { releases } = loadReleases({ root, releasesDir: "releases", site: options.site, now: options.now });
    const held = heapUsed() - before;
    expect(releases).toHaveLength(10);
    expect(releases[0].dateline?.text).toMatch(/^الرياض/);
    // Two bytes a character: the body's HTML and plain text, and little else.
    const body = releases.reduce((sum, release) => sum + 2 * (release.bodyHtml.length + release.bodyText.length), 0);
    expect(held / body).toBeLessThan(1.4);
  });
});
