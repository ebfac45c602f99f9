import { readFileSync } from "node:fs";
import path from "node:path";
import type { EleventyConfig } from "@11ty/eleventy";
import { describe, expect, it } from "vitest";
import { writeAsHost } from "../helpers/host-site.ts";
import { makeProject, SAMPLES, samples, type TestProject } from "../helpers/project.ts";

/** What Eleventy's `write()` reports of each page it wrote. */
type Written = Array<{ outputPath: string | false; content: unknown }>;

/** A published release that links to the embargoed sample's address: a leak. */
const PORTAL = `${readFileSync(path.join(SAMPLES, "2026-10-05-digital-services.md"), "utf8")}\nانظر [الميزانية](/releases/2099/01/embargoed-budget/).\n`;

/** Builds `project` as a site that adds the plugin, `host` adding the site's own config; the pages Eleventy reports. */
async function write(project: TestProject, host?: (config: EleventyConfig) => void): Promise<Written> {
  const [, pages] = (await writeAsHost(project, host)) as [unknown, Written];
  return pages.filter((page) => page.outputPath);
}

const RELEASE = "/releases/2026/11/desalination-plant/index.html";

describe("pages written by a build", () => {
  it("are let go once written: Eleventy keeps none of their text, and every file holds all of it", async () => {
    const project = makeProject(samples(["2026-11-24-desalination-plant.txt", "seed-release.txt", "2026-10-05-digital-services.md"]));
    // While the build runs: of each template's pages, only the one written last may still be held.
    let held: string[] = [];
    const pages = await write(project, (config) =>
      config.on("eleventy.after", ({ results }: { results: Array<Written[number] & { inputPath: string }> }) => {
        held = results.filter(({ content }) => typeof content === "string" || (content as Buffer).length > 0).map(({ inputPath }) => inputPath);
      }),
    );
    // Whether any page is still held then depends on whether Eleventy's passthrough copies gave the
    // event loop a turn after the last page (under load or a slowed clock they do): not asserted.
    // A build that kept its pages would hold many of one template's here.
    expect(new Set(held).size).toBe(held.length);
    // The last pages written are let go on the next turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    expect(pages.length).toBeGreaterThan(10);
    for (const { outputPath, content } of pages) {
      expect(Buffer.isBuffer(content) && content.length === 0, String(outputPath)).toBe(true);
      expect(readFileSync(outputPath as string).length, String(outputPath)).toBeGreaterThan(0);
    }
    const page = project.read(RELEASE, "_site");
    expect(page).toContain("تدشين");
    expect(page.trimEnd().endsWith("</html>")).toBe(true);
  });

  it("stay text when a site's transform runs after Bayan's, which still audits what that transform wrote", async () => {
    const host = (config: EleventyConfig) =>
      config.addPlugin((late: EleventyConfig) =>
        late.addTransform("host-stamp", (content) => (typeof content === "string" ? content.replace("</body>", "<!-- stamped --></body>") : content)),
      );
    const clean = makeProject(samples(["2026-11-24-desalination-plant.txt"]));
    const pages = await write(clean, host);
    expect(pages.every(({ content }) => typeof content === "string")).toBe(true);
    expect(clean.read(RELEASE, "_site")).toContain("<!-- stamped --></body>");

    const hiding = makeProject({ ...samples(["embargoed-budget.txt"]), "2026-10-05-digital-services.md": PORTAL });
    await expect(write(hiding, host)).rejects.toMatchObject({
      diagnostics: [expect.objectContaining({ file: "releases/2026-10-05-digital-services.md", line: expect.any(Number) })],
    });
  });

  it("are audited as they are let go: a leak in a page is found, with its line", async () => {
    const hiding = makeProject({ ...samples(["embargoed-budget.txt"]), "2026-10-05-digital-services.md": PORTAL });
    await expect(write(hiding)).rejects.toMatchObject({
      diagnostics: [
        expect.objectContaining({
          file: "releases/2026-10-05-digital-services.md",
          line: expect.any(Number),
          message: expect.stringMatching(/embargoed-budget\.txt/),
        }),
      ],
    });
  });
});
