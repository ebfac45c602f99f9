import path from "node:path";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { loadSite } from "../../src/config.ts";
import { createRandom, generateReleases, readCorpus, toBayanFile, toPlainMarkdown } from "../../tools/bench/generate.ts";
import { REPO } from "../../tools/bench/measure.ts";
import { parseRelease } from "../../src/release/parse.ts";
import { resolveRelease } from "../../src/release/resolve.ts";

const now = DateTime.fromISO("2026-11-29T12:00:00+03:00", { setZone: true });
const generate = (seed: number, count: number) => [
  ...generateReleases(readCorpus(path.join(REPO, "releases"), createRandom(seed), 500), createRandom(seed + 1), { count, now, imageShare: 0.1 }),
];

describe("the bench's synthetic archive", () => {
  const releases = generate(7, 400);
  const site = loadSite(path.join(REPO, "templates/site.json"));

  it("is the same for the same seed", () => {
    expect(generate(7, 50).map(toBayanFile)).toEqual(releases.slice(0, 50).map(toBayanFile));
  });

  it("is mostly Arabic with a few per cent English, over ten years", () => {
    const english = releases.filter((r) => r.lang === "en").length / releases.length;
    expect(english).toBeGreaterThan(0.01);
    expect(english).toBeLessThan(0.08);
    const years = new Set(releases.map((r) => r.date.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(10);
  });

  it("writes releases Bayan reads without errors, dated as generated (or when their embargo ends)", () => {
    for (const release of releases) {
      const { path: file, text } = toBayanFile(release);
      const parsed = parseRelease(text, { file: `releases/${file}`, format: release.format, defaultLang: release.lang });
      expect(
        parsed.diagnostics.filter((d) => d.severity === "error"),
        file,
      ).toEqual([]);
      const resolved = resolveRelease(parsed, { site, file: `releases/${file}`, mtime: new Date(0), now });
      expect(
        resolved.diagnostics.filter((d) => d.severity === "error"),
        file,
      ).toEqual([]);
      // A release is dated when its embargo ends, if that is later.
      const dated = Math.max(Date.parse(release.date), release.embargo ? Date.parse(release.embargo) : 0);
      expect(Date.parse(resolved.release.date), `${file}: ${resolved.release.dateSource}`).toBe(dated);
      expect(resolved.release.title).toBe(release.title);
    }
  });

  it("gives the plain build the same published releases as Markdown", () => {
    const plain = releases.map(toPlainMarkdown);
    expect(plain.filter(Boolean).length).toBe(releases.filter((r) => !r.draft && !r.embargo).length);
    expect(plain.find(Boolean)!.text).toMatch(/^---\ntitle: "[^"]+"\ndate: \d{4}-/);
  });
});
