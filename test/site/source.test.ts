import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSite } from "../../src/config.ts";
import { resolveOptions } from "../../src/options.ts";
import { loadReleases } from "../../src/release/load.ts";
import { createSource } from "../../src/site/source.ts";
import { REPO } from "../helpers/project.ts";

describe("the build's source of releases", () => {
  it("takes the releases buildSite checked, once, instead of reading them again", async () => {
    const options = resolveOptions({ site: loadSite(path.join(REPO, "templates/site.json")), now: "2026-11-29T12:00:00+03:00" });
    const root = mkdtempSync(path.join(os.tmpdir(), "bayan-source-"));
    const write = (title: string) => {
      mkdirSync(path.join(root, "releases"), { recursive: true });
      writeFileSync(path.join(root, "releases/2026-11-01-plant.txt"), `${title}\n\nنص البيان في فقرة واحدة.\n`);
    };
    const titles = async (source: ReturnType<typeof createSource>) => (await source.get()).newsroom.releases.map((release) => release.title);

    write("بيان أول");
    const checked = loadReleases({ root, releasesDir: "releases", site: options.site, now: options.now });
    // Edited after the check: the build publishes what was checked; the next load reads the edit.
    write("بيان أول معدل");
    expect(await titles(createSource(options, root))).toEqual(["بيان أول معدل"]);
    const source = createSource({ ...options, loaded: checked }, root);
    expect(await titles(source)).toEqual(["بيان أول"]);
    source.invalidate();
    expect(await titles(source)).toEqual(["بيان أول معدل"]);
    expect(await titles(createSource(options, root))).toEqual(["بيان أول معدل"]);
  });
});
