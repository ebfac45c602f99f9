/**
 * What of a project's files reaches the output: the site's own assets and what published pages
 * link to; release photos only as processed versions, without the camera's metadata.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { outputFiles } from "../checks/output.ts";
import { makeProject, type TestProject } from "../helpers/project.ts";
import { photoWithExif } from "../leaks/photo.ts";
import { linkedAssets } from "../../src/build/asset-files.ts";

describe("files published from assets/", () => {
  let project: TestProject;
  beforeAll(async () => {
    project = makeProject({
      "plant.md":
        "---\ndate: 2026-11-24\nimage: assets/photos/plant.jpg\nimageAlt: محطة التحلية\n---\n# تدشين محطة التحلية\n\nالتقرير [كاملاً](/assets/docs/report.pdf).\n",
    });
    for (const [file, bytes] of [
      ["assets/photos/plant.jpg", await photoWithExif()],
      ["assets/docs/report.pdf", "%PDF-1.4 report"],
      ["assets/docs/unused.pdf", "%PDF-1.4 unused"],
    ] as const) {
      mkdirSync(path.dirname(path.join(project.root, file)), { recursive: true });
      writeFileSync(path.join(project.root, file), bytes);
    }
    await project.build();
  }, 120_000);
  const dist = (file = "") => path.join(project.root, "dist", file);

  it("publishes the site's own assets and what a published page links to, and nothing else", () => {
    const assets = outputFiles(dist("assets")).filter((file) => !file.startsWith("fonts/"));
    expect(assets).toEqual(["css/bayan.css", "docs/report.pdf", "logo.svg"]);
    expect(existsSync(dist("assets/fonts/noto-naskh-arabic-arabic-400-normal.woff2"))).toBe(true);
  });

  it("publishes a release photo only as processed versions, without EXIF, XMP or GPS", async () => {
    const images = outputFiles(dist()).filter((file) => /^(img|og)\/.*\.(jpe?g|webp|avif|png)$/.test(file));
    expect(images.filter((file) => file.startsWith("img/")).length).toBeGreaterThanOrEqual(3);
    for (const file of images) {
      const metadata = await sharp(dist(file)).metadata();
      expect({ file, exif: metadata.exif, xmp: metadata.xmp, iptc: metadata.iptc }).toEqual({ file, exif: undefined, xmp: undefined, iptc: undefined });
    }
  });
});

describe("linkedAssets", () => {
  const base = "https://news.example.org/newsroom/";
  it.each([
    ['<a href="/assets/docs/plan.pdf">', ["assets/docs/plan.pdf"]],
    ['<a href="/newsroom/assets/docs/plan.pdf?v=2#p3">', ["assets/docs/plan.pdf"]],
    ['<a href="https://news.example.org/newsroom/assets/docs/%D8%AE%D8%B7%D8%A9.pdf">', ["assets/docs/خطة.pdf"]],
    ['<a href="https://other.example.org/assets/docs/plan.pdf">', []],
    ['<a href="/assets/../templates/site.json">', []],
    ['<a href="/releases/2026/11/plan/">', []],
  ])("%s → %j", (html, files) => {
    expect(linkedAssets(html, base)).toEqual(files);
  });
});

describe("an empty file an embargoed release links to", () => {
  it("is not taken for a copy of every other empty file published: an empty file says nothing", async () => {
    const budget = "---\ndate: 2026-11-20\nembargo: 2099-01-01T08:00:00+03:00\n---\n# الميزانية العامة\n\nالملحق [هنا](/assets/docs/annex.txt).\n";
    const plant = "---\ndate: 2026-11-24\n---\n# تدشين محطة التحلية\n\nالاستمارة [هنا](/assets/docs/form.txt).\n";
    const project = makeProject({ "budget.md": budget, "plant.md": plant });
    mkdirSync(path.join(project.root, "assets/docs"), { recursive: true });
    writeFileSync(path.join(project.root, "assets/docs/annex.txt"), "");
    writeFileSync(path.join(project.root, "assets/docs/form.txt"), "");
    const result = await project.build();
    expect(result.ok).toBe(true);
    expect(existsSync(path.join(project.root, "dist/assets/docs/form.txt"))).toBe(true);
    expect(existsSync(path.join(project.root, "dist/assets/docs/annex.txt"))).toBe(false);
  }, 60_000);
});
