/**
 * Caches are optimisations, never sources of truth: a cache file that is truncated, garbage, or
 * changed through the output (where it is a hard link) is made again, never published as it is.
 */
import { execFileSync } from "node:child_process";
import { closeSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { outputFiles, snapshot } from "../checks/output.ts";
import { makeProject } from "../helpers/project.ts";

const RELEASES = {
  "2026-11-20-card.txt": "تدشين محطة التحلية الجديدة في الجبيل\n\nدشّنت الهيئة اليوم المحطة.\n",
  "2026-11-21-photo.txt": "---\nimage: plant.jpg\nimageAlt: المحطة\n---\nصورة المحطة من الجو\n\nنص البيان.\n",
};

async function builtProject() {
  const project = makeProject(RELEASES);
  writeFileSync(path.join(project.root, "releases/plant.jpg"), readFileSync(path.join(import.meta.dirname, "../fixtures/images/jubail-plant.jpg")));
  const first = await project.build();
  expect(first.ok).toBe(true);
  const dist = path.join(project.root, "dist");
  return { project, dist, images: () => outputFiles(dist).filter((file) => /^(img|og)\//.test(file)) };
}

/**
 * Overwrites the start of a file in place (same inode, same size) and puts its modification time
 * back to the nanosecond, as `cp -p` or `rsync --inplace -t` would (GNU `touch`: Node rounds it).
 */
function scribble(file: string): void {
  const { mtimeNs } = statSync(file, { bigint: true });
  const handle = openSync(file, "r+");
  writeSync(handle, Buffer.from("garbage!"), 0, 8, 0);
  closeSync(handle);
  execFileSync("touch", ["-m", "-d", `@${mtimeNs / 1_000_000_000n}.${String(mtimeNs % 1_000_000_000n).padStart(9, "0")}`, file]);
  expect(statSync(file, { bigint: true }).mtimeNs).toBe(mtimeNs);
}

describe("corrupt cache entries are made again", () => {
  it("truncated or garbage files in .cache/bayan-og and .cache/bayan-img", async () => {
    const { project, dist, images } = await builtProject();
    const before = snapshot(dist);
    for (const folder of ["bayan-og", "bayan-img"]) {
      const cache = path.join(project.root, ".cache", folder);
      readdirSync(cache)
        .filter((name) => /\.(png|jpe?g|webp|avif)$/.test(name))
        .forEach((name, i) => {
          const file = path.join(cache, name);
          writeFileSync(file, i % 2 ? "garbage" : readFileSync(file).subarray(0, 100));
        });
    }
    expect((await project.build()).ok).toBe(true);
    const after = snapshot(dist);
    for (const file of images()) {
      expect(after.get(file)?.equals(before.get(file)!), file).toBe(true);
      await sharp(after.get(file)).raw().toBuffer(); // decodes to the end
    }
  });

  it("an image of dist/ edited in place, where it shares its inode with the cache", async () => {
    const { project, dist, images } = await builtProject();
    const before = snapshot(dist);
    for (const file of images()) scribble(path.join(dist, file));
    expect((await project.build()).ok).toBe(true);
    const after = snapshot(dist);
    for (const file of images()) expect(after.get(file)?.equals(before.get(file)!), file).toBe(true);
  });

  it("a page of dist/ edited in place, where it shares its inode with the page cache", async () => {
    const { project, dist } = await builtProject();
    const before = snapshot(dist);
    const pages = outputFiles(dist).filter((file) => file.endsWith(".html") || file.endsWith(".xml"));
    for (const file of pages) scribble(path.join(dist, file));
    expect((await project.build()).ok).toBe(true);
    const after = snapshot(dist);
    for (const file of pages) expect(after.get(file)?.toString(), file).toBe(before.get(file)?.toString());
  });
});
