import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openLinkCache } from "../../src/util/link-cache.ts";

const temp = mkdtempSync(path.join(tmpdir(), "bayan-link-cache-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A build's output folder with one page written in it. */
function output(name: string, text: string): string {
  const folder = path.join(temp, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "index.html"), text);
  return path.join(folder, "index.html");
}

describe("openLinkCache", () => {
  it("stores an added file, staged before the save or not, and the next build takes it", () => {
    for (const staged of [false, true]) {
      const folder = path.join(temp, `cache-${staged}`);
      const page = output(`out-${staged}`, "<p>بيان</p>");
      const cache = openLinkCache(folder);
      cache.add("key", page);
      if (staged) cache.stage();
      cache.save("note");
      const next = openLinkCache(folder);
      expect(next.note).toBe("note");
      expect(readFileSync(next.take("key")!, "utf8")).toBe("<p>بيان</p>");
    }
  });

  it("never takes a file changed in place between its staging and the save: it is stored as staged", () => {
    const folder = path.join(temp, "cache-changed");
    const page = output("out-changed", "<p>بيان</p>");
    const cache = openLinkCache(folder);
    cache.add("key", page);
    cache.stage();
    // A step after the audit rewrites the page in place, keeping its size.
    writeFileSync(page, "<p>نايب</p>");
    cache.save("");
    expect(openLinkCache(folder).take("key")).toBeUndefined();
  });

  it("replaces a damaged file at an added key, and deletes files of keys neither taken nor added", () => {
    const folder = path.join(temp, "cache-damaged");
    const first = openLinkCache(folder);
    first.add("page", output("out-1", "<p>أول</p>"));
    first.add("gone", output("out-2", "<p>قديم</p>"));
    first.save("");
    writeFileSync(path.join(folder, "page"), "damaged");
    const second = openLinkCache(folder);
    expect(second.take("page")).toBeUndefined();
    second.add("page", output("out-3", "<p>ثان</p>"));
    second.save("");
    const third = openLinkCache(folder);
    expect(readFileSync(third.take("page")!, "utf8")).toBe("<p>ثان</p>");
    expect(third.take("gone")).toBeUndefined();
  });

  it("never takes a staged file the build did not save (its audit failed), and the next save deletes it", () => {
    const folder = path.join(temp, "cache-unsaved");
    const first = openLinkCache(folder);
    first.add("kept", output("out-kept", "<p>منشور</p>"));
    first.save("first");
    const failed = openLinkCache(folder);
    expect(failed.take("kept")).toBeDefined();
    failed.add("leak", output("out-leak", "<p>محظور</p>"));
    failed.stage();
    // Linked beside the manifest, not in it.
    expect(readFileSync(path.join(folder, "leak"), "utf8")).toBe("<p>محظور</p>");
    const next = openLinkCache(folder);
    expect(next.note).toBe("first");
    expect(next.take("leak")).toBeUndefined();
    next.save("next");
    expect(readdirSync(folder).sort()).toEqual(["manifest.json"]);
  });
});
