/**
 * `check` and `build` refuse the same image files, with the line of the key that names them,
 * before Eleventy runs: damaged, not images, too large, or outside the project (issue 19.8, 19.9, 19.13).
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { checkProject } from "../../src/cli/check.ts";
import { validateSite } from "../../src/config.ts";
import { imageProblems } from "../../src/images/validate.ts";
import type { Release } from "../../src/release/model.ts";
import { formatDiagnostic } from "../../src/diagnostics.ts";
import { BUILD_NOW, makeProject, REPO } from "../helpers/project.ts";

const PHOTO = readFileSync(path.join(REPO, "test/fixtures/images/jubail-plant.jpg"));

/** A PNG header claiming `width`×`height` pixels (the image library refuses more than 268 million). */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(13);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), length, Buffer.from("IHDR"), ihdr, Buffer.alloc(4)]);
}

const RELEASE = "---\ndate: 2026-11-20\nimage: photo.jpg\nimageAlt: صورة\n---\nعنوان البيان الصحفي\n\nنص البيان.\n";

/** A project whose one release names `photo.jpg`, made by `place` (bytes, or a function that puts it there). */
function projectWith(place: Buffer | string | ((file: string) => void), site: Record<string, unknown> = {}, release = RELEASE) {
  const project = makeProject({ "2026/x.txt": release }, site);
  const file = path.join(project.root, "releases/2026/photo.jpg");
  if (typeof place === "function") place(file);
  else writeFileSync(file, place);
  return project;
}

async function checkAndBuild(project: ReturnType<typeof makeProject>) {
  const checked = checkProject({ root: project.root, now: DateTime.fromISO(BUILD_NOW, { setZone: true }) });
  const built = await project.build();
  const errors = (list: typeof checked.diagnostics) =>
    list
      .filter((d) => d.severity === "error")
      .map(formatDiagnostic)
      .join("\n");
  return { check: errors(checked.diagnostics), build: errors(built.diagnostics), ok: built.ok };
}

describe("images check and build refuse alike, at the line of the key", () => {
  it.each([
    ["a file that is not an image", "just some text, saved as .jpg\n", /releases\/2026\/x\.txt:3: error: image "photo\.jpg" is not an image Bayan can read/],
    ["a damaged image (its first bytes lost)", PHOTO.subarray(200), /releases\/2026\/x\.txt:3: error: image "photo\.jpg" is not an image Bayan can read/],
    [
      "an image of a format Bayan cannot publish",
      Buffer.concat([Buffer.from("BM"), Buffer.alloc(60)]),
      /releases\/2026\/x\.txt:3: error: image "photo\.jpg" is not an image Bayan can read \(its first bytes look like BMP\)/,
    ],
    ["an image too large to open", pngHeader(30_000, 20_000), /releases\/2026\/x\.txt:3: error: image "photo\.jpg" is 30000×20000 pixels/],
    [
      "a link to a file outside the project",
      (file: string) => {
        const outside = path.join(mkdtempSync(path.join(os.tmpdir(), "bayan-outside-")), "secret.jpg");
        writeFileSync(outside, PHOTO);
        symlinkSync(outside, file);
      },
      /releases\/2026\/x\.txt:3: error: image "photo\.jpg" is a link to .*secret\.jpg, outside the project/,
    ],
  ] as const)("%s", async (_, place, error) => {
    const result = await checkAndBuild(projectWith(place));
    expect(result.check).toMatch(error);
    expect(result.ok).toBe(false);
    expect(result.build).toMatch(error);
  });

  it.each([
    ["an absolute path", (root: string) => path.join(root, "assets/logo.svg"), /templates\/site\.json:\d+: error: logo ".*logo\.svg" is an absolute path/],
    ["a path outside assets/", () => "branding/logo.svg", /templates\/site\.json:\d+: error: logo "branding\/logo\.svg" is not under assets\//],
    [
      "a web address",
      () => "https://cdn.example.org/logo.svg",
      /templates\/site\.json:\d+: error: logo "https:\/\/cdn\.example\.org\/logo\.svg" is a web address/,
    ],
    ["a file that is not an image", () => "assets/logo.txt", /templates\/site\.json:\d+: error: logo "assets\/logo\.txt" is not an image Bayan can read/],
  ])("a logo given as %s", async (_, logo, error) => {
    const project = makeProject({ "x.txt": "عنوان البيان الصحفي\n\nنص البيان.\n" });
    mkdirSync(path.join(project.root, "branding"));
    writeFileSync(path.join(project.root, "branding/logo.svg"), readFileSync(path.join(REPO, "assets/logo.svg")));
    writeFileSync(path.join(project.root, "assets/logo.txt"), "not a logo");
    const site = JSON.parse(readFileSync(path.join(project.root, "templates/site.json"), "utf8"));
    writeFileSync(path.join(project.root, "templates/site.json"), JSON.stringify({ ...site, logo: logo(project.root) }, null, 2));
    const result = await checkAndBuild(project);
    expect(result.check).toMatch(error);
    expect(result.ok).toBe(false);
    expect(result.build).toMatch(error);
  });

  it("only warns about the image of a release that is not published yet", async () => {
    const draft = RELEASE.replace("---\ndate", "---\ndraft: true\ndate");
    const result = await checkAndBuild(projectWith("not an image", {}, draft));
    expect(result).toEqual({ check: "", build: "", ok: true });
  });
});

describe("imageProblems accepts every format the build reads", () => {
  it.each(["jpeg", "png", "webp", "avif", "gif", "tiff"] as const)("%s", async (format) => {
    const root = mkdtempSync(path.join(os.tmpdir(), "bayan-formats-"));
    mkdirSync(path.join(root, "releases"));
    await sharp(PHOTO)
      .resize(120)
      .toFormat(format)
      .toFile(path.join(root, `releases/photo.${format}`));
    const release = { file: "releases/x.txt", image: `photo.${format}`, published: true } as Release;
    const site = validateSite({ title: "t", url: "https://news.example.org", logo: undefined }, "site.json");
    expect(imageProblems(root, site, [release])).toEqual([]);
  });
});
