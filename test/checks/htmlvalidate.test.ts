/** html-validate over every page of the sample site (and of a hostile one, and of a preview): zero errors. */
import path from "node:path";
import { HtmlValidate, type ConfigData } from "html-validate";
import { describe, expect, it } from "vitest";
import { GOOD_SAMPLES, makeProject, samples } from "../helpers/project.ts";
import { HOSTILE_RELEASES } from "./hostile-releases.ts";
import { addAssetPhoto, kitRelease } from "../media/fixtures.ts";
import { outputTexts } from "./output.ts";

const config: ConfigData = {
  extends: ["html-validate:recommended", "html-validate:document"],
  rules: {
    // `<!doctype html>` in lower case is valid HTML; upper case is a style preference.
    "doctype-style": "off",
    // Blank lines with indentation come from template whitespace; they change nothing for a reader or a parser.
    "no-trailing-whitespace": "off",
    // A search-snippet guideline, not validity: Arabic release titles plus the site name often pass 70 characters,
    // and the release check already warns about titles over 150.
    "long-title": "off",
    // Integrity hashes matter for files from other servers; every file of the site is served from the site itself.
    "require-sri": ["error", { target: "crossorigin" }],
  },
};

/** Every problem html-validate finds in the pages of `dir`, as `file:line: rule: message`. */
async function validatePages(dir: string): Promise<string[]> {
  const validator = new HtmlValidate(config);
  const problems: string[] = [];
  const pages = [...outputTexts(dir)].filter(([file]) => file.endsWith(".html"));
  expect(pages.length).toBeGreaterThan(5);
  for (const [file, html] of pages) {
    const report = await validator.validateString(html, file);
    for (const result of report.results) for (const m of result.messages) problems.push(`${file}:${m.line}: ${m.ruleId}: ${m.message}`);
  }
  return problems;
}

describe("html-validate", () => {
  it("finds no error in the sample site", async () => {
    const project = makeProject(samples([...GOOD_SAMPLES, "bad/html-injection.txt", "bad/bidi-override-title.txt"]));
    expect((await project.build()).ok).toBe(true);
    expect(await validatePages(path.join(project.root, "dist"))).toEqual([]);
  });

  it("finds no error in its preview, with drafts and embargoed releases shown", async () => {
    const project = makeProject(samples(GOOD_SAMPLES));
    expect((await project.build({ preview: true, output: ".cache/preview" })).ok).toBe(true);
    expect(await validatePages(path.join(project.root, ".cache/preview"))).toEqual([]);
  });

  it("finds no error in a site of hostile releases", async () => {
    const project = makeProject(HOSTILE_RELEASES);
    expect((await project.build()).ok).toBe(true);
    expect(await validatePages(path.join(project.root, "dist"))).toEqual([]);
  });

  it("finds no error in a site whose release has a media kit", async () => {
    const project = makeProject({ ...samples(GOOD_SAMPLES), ...(await kitRelease()) });
    await addAssetPhoto(project.root);
    expect((await project.build()).ok).toBe(true);
    expect(await validatePages(path.join(project.root, "dist"))).toEqual([]);
  });
});
