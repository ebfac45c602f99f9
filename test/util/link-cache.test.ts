import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
  it("stores an added file, measured before the save or not, and the next build takes it", () => {
    for (const measured of [false, true]) {
      const folder = path.join(temp, `cache-${measured}`);
      const page = output(`out-${measured}`, "<p>بيان</p>");
      const cache = openLinkCache(folder);
      cache.add("key", page);
      if (measured) cache.measure();
      cache.save("note");
      const next = openLinkCache(folder);
      expect(next.note).toBe("note");
      expect(readFileSync(next.take("key")!, "utf8")).toBe("<p>بيان</p>");
    }
  });

  it("never takes a file changed in place between its measure and the save: it is stored as measured", () => {
    const folder = path.join(temp, "cache-changed");
    const page = output("out-changed", "<p>بيان</p>");
    const cache = openLinkCache(folder);
    cache.add("key", page);
    cache.measure();
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
});
