import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cachedFile, isSealed, writeSealed } from "../../src/images/cache.ts";
import { publishFiles } from "../../src/util/files.ts";

/** A cache folder with two files, and an empty output folder beside it. */
function folders() {
  const root = mkdtempSync(path.join(os.tmpdir(), "bayan-publish-"));
  const cache = path.join(root, ".cache");
  mkdirSync(cache);
  writeFileSync(path.join(cache, "a.png"), "card a");
  writeFileSync(path.join(cache, "b.png"), "card b");
  return { cache, output: path.join(root, "dist") };
}

describe("publishFiles", () => {
  it("links cache files into folders it makes, several files to a folder", () => {
    const { cache, output } = folders();
    const files = [
      [path.join(cache, "a.png"), path.join(output, "og/releases/2026/11/a.png")],
      [path.join(cache, "b.png"), path.join(output, "og/releases/2026/11/b.png")],
      [path.join(cache, "a.png"), path.join(output, "og/en/a.png")],
    ] as const;
    publishFiles(files);
    for (const [from, to] of files) {
      expect(readFileSync(to, "utf8")).toBe(readFileSync(from, "utf8"));
      expect(statSync(to).ino).toBe(statSync(from).ino);
    }
  });

  it("leaves a file already published alone, and replaces one that differs", () => {
    const { cache, output } = folders();
    const card = path.join(output, "og/a.png");
    publishFiles([[path.join(cache, "a.png"), card]]);
    const linked = statSync(card);
    publishFiles([[path.join(cache, "a.png"), card]]);
    expect(statSync(card).ctimeMs).toBe(linked.ctimeMs);

    const stale = path.join(output, "og/b.png");
    writeFileSync(stale, "an older card");
    utimesSync(stale, new Date(2000, 0, 1), new Date(2000, 0, 1));
    publishFiles([[path.join(cache, "b.png"), stale]]);
    expect(readFileSync(stale, "utf8")).toBe("card b");
  });
});

describe("cachedFile", () => {
  const folder = () => mkdtempSync(path.join(os.tmpdir(), "bayan-cached-"));
  const make = (bytes: string) => async () => Buffer.from(bytes);

  it("reuses an entry only while it is what was written", async () => {
    const cache = folder();
    const first = await cachedFile(cache, "k", "png", make("card"));
    expect(first.made).toBe(true);
    expect((await cachedFile(cache, "k", "png", make("other"))).made).toBe(false);
    writeFileSync(first.file, "cut"); // a disk that filled up, an edit through a hard link
    const again = await cachedFile(cache, "k", "png", make("card"));
    expect(again.made).toBe(true);
    expect(readFileSync(again.file, "utf8")).toBe("card");
  });

  it("does not trust an entry without its seal (a build killed between the two renames, an old cache)", async () => {
    const cache = folder();
    writeFileSync(path.join(cache, "k.png"), "from an older Bayan");
    const made = await cachedFile(cache, "k", "png", make("card"));
    expect(made.made).toBe(true);
    expect(readFileSync(made.file, "utf8")).toBe("card");
  });
});

describe("writeSealed", () => {
  it("writes one entry twice at once (two releases with the same photo) and leaves it sealed", async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "bayan-sealed-"));
    const file = path.join(folder, "bayan-img", "photo-480.avif");
    const bytes = Buffer.from("the same photo's version");
    await Promise.all([writeSealed(file, bytes), writeSealed(file, bytes)]);
    expect(readFileSync(file)).toEqual(bytes);
    expect(isSealed(file)).toBe(true);
    expect(readdirSync(path.dirname(file)).filter((name) => name.endsWith(".partial"))).toEqual([]);
  });
});
