import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeProject } from "../helpers/project.ts";
import { releaseText } from "../helpers/release-text.ts";

describe("addresses every disk can hold", () => {
  it("give releases and tags named like a Windows device a leading _", async () => {
    const project = makeProject({
      "2026-11-20-con.txt": releaseText(["tags: [PRN, aux]"]),
      "2026-11-21-Com1.txt": releaseText([], "بيان ثان"),
    });
    const result = await project.build();
    expect(result.ok).toBe(true);
    expect(result.releases.map((release) => release.url).sort()).toEqual(["/releases/2026/11/_com1/", "/releases/2026/11/_con/"]);
    for (const folder of ["releases/2026/11/_con", "releases/2026/11/_com1", "tags/_prn", "tags/_aux"]) {
      expect(existsSync(path.join(project.root, "dist", folder, "index.html")), folder).toBe(true);
    }
  });

  it.each([
    ["ascii", `${"word-".repeat(20)}end`, "80 characters"],
    ["arabic", `${"كلمة-".repeat(40)}نهاية`, "160 bytes (about 80 Arabic letters)"],
  ])("refuse a front matter slug too long for an address (%s)", async (slugs, slug, limit) => {
    const project = makeProject({ "2026-11-20-statement.txt": releaseText([`slug: ${slug}`]) }, { slugs });
    const result = await project.build();
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([
      expect.objectContaining({
        line: 2,
        message: `slug "${slug}" is longer than an address may be (${limit})`,
      }),
    ]);
  });

  it("refuse a front matter slug that is a device name, naming the line", async () => {
    const project = makeProject({ "2026-11-20-statement.txt": releaseText(["slug: nul"]) });
    const result = await project.build();
    expect(result.ok).toBe(false);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([
      expect.objectContaining({
        file: "releases/2026-11-20-statement.txt",
        line: 2,
        message: 'slug "nul" is a name Windows keeps for a device: no folder can have it',
        hint: "write slug: nul-release",
      }),
    ]);
  });
});
