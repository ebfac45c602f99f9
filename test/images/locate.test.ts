import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { locateImage } from "../../src/images/locate.ts";

const root = mkdtempSync(path.join(os.tmpdir(), "bayan-locate-"));
for (const file of ["releases/2026/photo.jpg", "releases/2026/photos/a.jpg", "assets/images/logo-photo.png"]) {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), "x");
}
const release = (image: string) => ({ file: "releases/2026/budget.txt", image });

describe("locateImage", () => {
  it.each([
    ["photo.jpg", "releases/2026/photo.jpg"],
    ["./photos/a.jpg", "releases/2026/photos/a.jpg"],
    ["photos\\a.jpg", "releases/2026/photos/a.jpg"],
    ["../2026/photo.jpg", "releases/2026/photo.jpg"],
    ["assets/images/logo-photo.png", "assets/images/logo-photo.png"],
  ])("finds %s at %s", (image, expected) => {
    expect(locateImage(release(image), root)).toEqual({ file: path.join(root, expected) });
  });

  it.each([
    ["missing.jpg", /image "missing.jpg" was not found \(looked for releases\/2026\/missing.jpg\)/],
    ["assets/nope.png", /image "assets\/nope.png" was not found \(looked for assets\/nope.png\)/],
    ["photos", /was not found/],
    ["../../../etc/passwd", /points outside the project/],
    ["/etc/passwd", /points outside the project/],
    ["https://example.org/a.jpg", /is a web address/],
  ])("reports %s as an error naming the release file", (image, message) => {
    const found = locateImage(release(image), root);
    expect(found).toMatchObject({ problem: { file: "releases/2026/budget.txt", severity: "error", message: expect.stringMatching(message) } });
  });
});
