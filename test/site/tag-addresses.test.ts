import { rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeProject, type TestProject } from "../helpers/project.ts";
import { releaseText as release } from "../helpers/release-text.ts";

/** Tag name → address (as linked), from a section's tag index. */
function tagAddresses(project: TestProject, root = "/"): Map<string, string> {
  const links = [...project.page(`${root}tags/`).querySelectorAll(".tag-cloud a")];
  return new Map(links.map((a) => [a.textContent!, a.getAttribute("href")!]));
}

/** The tag a tag feed is for, from its title (`site — tag`). */
function feedTag(project: TestProject, address: string): string {
  return /<title>[^<]* — ([^<]*)<\/title>/.exec(project.read(`${decodeURI(address)}feed.xml`))![1];
}

describe("tag addresses", () => {
  // صحة and سحة transliterate alike (sha): the second arrives when its embargo lifts.
  const files = {
    "2026-11-20-health.txt": release(["tags: [صحة]"]),
    "2026-11-25-sha.txt": release(["tags: [سحة]", "embargo: 2026-12-01T08:00:00+03:00"], "بيان آخر"),
  };

  it("stay where they were when a look-alike tag is published", async () => {
    const project = makeProject(files);
    expect((await project.build({ now: "2026-11-29T12:00:00+03:00" })).ok).toBe(true);
    const before = tagAddresses(project).get("صحة")!;
    expect(feedTag(project, before)).toBe("صحة");

    expect((await project.build({ now: "2026-12-02T12:00:00+03:00" })).ok).toBe(true);
    const after = tagAddresses(project);
    expect(after.get("صحة")).toBe(before);
    expect(feedTag(project, before)).toBe("صحة");
    expect(after.get("سحة")).not.toBe(before);
    expect(feedTag(project, after.get("سحة")!)).toBe("سحة");
  });

  it("stay where they were when a look-alike tag goes", async () => {
    const project = makeProject(files);
    expect((await project.build({ now: "2026-12-02T12:00:00+03:00" })).ok).toBe(true);
    const before = tagAddresses(project).get("صحة")!;
    rmSync(path.join(project.root, "releases/2026-11-25-sha.txt"));
    expect((await project.build({ now: "2026-12-02T12:00:00+03:00" })).ok).toBe(true);
    expect(tagAddresses(project).get("صحة")).toBe(before);
  });

  it("of releases do not move either: a look-alike release under embargo is refused before it is published", async () => {
    const project = makeProject({
      "2026-11-20-صحة.txt": release([]),
      "2026-11-25-سحة.txt": release(["embargo: 2026-12-01T08:00:00+03:00"], "بيان آخر"),
    });
    const result = await project.build();
    expect(result.ok).toBe(false);
    expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([
      expect.stringMatching(/same address \/releases\/2026\/11\/sha\/ as releases\/2026-11-(20-صحة|25-سحة)\.txt/),
    ]);
  });

  it("keep the plain slug of a tag written in ASCII, and make one tag of its spellings", async () => {
    const english = (tags: string) => release(["lang: en", `tags: [${tags}]`], "A statement");
    const project = makeProject(
      {
        "2026-11-20-one.en.txt": english("water, Climate change"),
        "2026-11-21-two.en.txt": english("Water, climate-change, energy"),
      },
      { languages: ["ar", "en"] },
    );
    expect((await project.build()).ok).toBe(true);
    expect(Object.fromEntries(tagAddresses(project, "/en/"))).toEqual({
      // Two releases each: the spelling first in name order is shown.
      "Climate change": "/en/tags/climate-change/",
      Water: "/en/tags/water/",
      energy: "/en/tags/energy/",
    });
    expect(project.page("/en/tags/water/").querySelectorAll(".release-card").length).toBe(2);
  });
});
