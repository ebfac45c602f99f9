/**
 * A published release may link to a photo in `assets/` as to any file. The linked copy is
 * published without the camera's EXIF and GPS data, and is still the same picture.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { expect, it } from "vitest";
import { makeProject } from "../helpers/project.ts";
import { EXIF_MARKER, photoWithExif } from "../leaks/photo.ts";

it("publishes a photo a release links to, same pixels, without EXIF or GPS", async () => {
  const photo = await photoWithExif();
  const project = makeProject({ "2026-11-20-visit.md": "---\ndate: 2026-11-20\n---\n# Site visit\n\nThe [photo of the visit](/assets/photos/visit.jpg).\n" });
  mkdirSync(path.join(project.root, "assets/photos"), { recursive: true });
  writeFileSync(path.join(project.root, "assets/photos/visit.jpg"), photo);

  const built = await project.build();

  expect(built.ok).toBe(true);
  const published = readFileSync(path.join(project.root, "dist/assets/photos/visit.jpg"));
  expect(published.includes(Buffer.from(EXIF_MARKER))).toBe(false);
  const [before, after] = await Promise.all([sharp(photo).metadata(), sharp(published).metadata()]);
  expect(after.exif).toBeUndefined();
  expect([after.format, after.width, after.height]).toEqual([before.format, before.width, before.height]);
  expect(project.page("/releases/2026/11/visit/").querySelector('a[href="/assets/photos/visit.jpg"]')).not.toBeNull();
});
