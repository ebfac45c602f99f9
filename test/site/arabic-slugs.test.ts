import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReleaseErrors } from "../../src/diagnostics.ts";
import { createSearcher } from "../../src/search/query.ts";
import { makeProject, type TestProject } from "../helpers/project.ts";
import { releaseText } from "../helpers/release-text.ts";

const BUDGET = "/releases/2026/11/%D8%A8%D9%8A%D8%A7%D9%86-%D8%A7%D9%84%D9%85%D9%8A%D8%B2%D8%A7%D9%86%D9%8A%D8%A9/";
const HEALTH_TAG = "/tags/%D8%B5%D8%AD%D8%A9/";

describe('"slugs": "arabic"', () => {
  let project: TestProject;
  beforeAll(async () => {
    project = makeProject(
      {
        "2026-11-25-بيان-الميزانية.txt": releaseText(["tags: [صحة, الطاقة المتجددة]"], "بيان الميزانية العامة"),
        // Saved by macOS: a decomposed file name (أ as ا and a hamza mark).
        ["2026-11-26-أخبار.txt".normalize("NFD")]: releaseText(["tags: [صِحّة]"], "أخبار الوزارة"),
        "2026-11-27-plant.en.txt": releaseText(["lang: en", "tags: [Water]"], "Plant opens"),
      },
      { slugs: "arabic", languages: ["ar", "en"] },
    );
    const result = await project.build();
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("writes Arabic addresses as NFC UTF-8 folders and links them percent-encoded", () => {
    const dist = path.join(project.root, "dist");
    for (const folder of [
      "releases/2026/11/بيان-الميزانية",
      "releases/2026/11/أخبار",
      "tags/صحة",
      "tags/الطاقة-المتجددة",
      "en/tags/water",
      "en/releases/2026/11/plant",
    ]) {
      expect(existsSync(path.join(dist, folder, "index.html")), folder).toBe(true);
    }
    expect(readdirSync(path.join(dist, "releases/2026/11"))).toContain("أخبار".normalize("NFC"));
    const home = project.page("/");
    expect(home.querySelector(`.release-card a[href="${BUDGET}"]`)).not.toBeNull();
    const tags = new Map([...project.page("/tags/").querySelectorAll(".tag-cloud a")].map((a) => [a.textContent, a.getAttribute("href")]));
    expect(tags.get("صحة")).toBe(HEALTH_TAG);
    // صِحّة loses its diacritics in its slug, so it is told apart from صحة by a hash of its name.
    expect(tags.get("صِحّة")).toMatch(/^\/tags\/%D8%B5%D8%AD%D8%A9-[0-9a-f]{6}\/$/);
  });

  it("gives feeds, the sitemap and share links the percent-encoded absolute address", () => {
    const absolute = `https://news.example.org${BUDGET}`;
    expect(project.read(`${decodeURI(HEALTH_TAG)}feed.xml`)).toContain(`<link>${absolute}</link>`);
    expect(JSON.parse(project.read("feed.json")).items.map((item: { url: string }) => item.url)).toContain(absolute);
    expect(project.read("sitemap.xml")).toContain(`<loc>${absolute}</loc>`);
    const page = project.page(BUDGET);
    expect(page.querySelector('link[rel="canonical"]')!.getAttribute("href")).toBe(absolute);
    const shares = [...page.querySelectorAll(".share a")].map((a) => a.getAttribute("href")!);
    expect(shares.filter((href) => href.includes(encodeURIComponent(absolute))).length).toBeGreaterThan(3);
  });

  it("finds the release in the search index under the address its page is written at", async () => {
    const folder = path.join(project.root, "dist/search/index");
    const results = await createSearcher((file) => readFile(path.join(folder, file))).search("الميزانية", { lang: "ar" });
    expect(results[0].url).toBe(BUDGET);
    expect(existsSync(path.join(project.root, "dist", decodeURI(results[0].url), "index.html"))).toBe(true);
  });

  it("links pages and share cards kept in the cache to the same UTF-8 folders in the next build", async () => {
    expect((await project.build()).ok).toBe(true);
    for (const file of ["releases/2026/11/بيان-الميزانية/index.html", "tags/صحة/feed.xml", "og/releases/2026/11/بيان-الميزانية.png"]) {
      expect(existsSync(path.join(project.root, "dist", file)), file).toBe(true);
    }
  });
});

describe("the embargo audit with Arabic addresses", () => {
  // A published release names the address of one under embargo: as text (raw Arabic), and as a link
  // (which the page and feeds carry percent-encoded).
  const mentions = {
    raw: "/releases/2026/12/بيان-الميزانية/",
    "percent-encoded": `/releases/2026/12/${encodeURIComponent("بيان-الميزانية")}/`,
  };
  it.each(Object.entries(mentions))("finds the hidden release's address written %s", async (_, address) => {
    const project = makeProject(
      {
        "2026-12-01-بيان-الميزانية.txt": releaseText(["embargo: 2026-12-01T08:00:00+03:00"], "بيان الميزانية العامة"),
        "2026-11-20-بيانات.txt": `---\nsummary: ملخص.\n---\nبيانات الوزارة\n\nيصدر قريبا ${address} عن الميزانية.\n`,
      },
      { slugs: "arabic" },
    );
    const refused = await project.build().then(
      () => undefined,
      (error: ReleaseErrors) => error,
    );
    expect(refused?.diagnostics.map((d) => d.message).join("\n")).toMatch(/address/);
    expect(existsSync(path.join(project.root, "dist"))).toBe(false);
  });

  it("does not take a published address that starts like a hidden one for a leak", async () => {
    const project = makeProject(
      {
        "2026-11-01-بيان.txt": releaseText(["embargo: 2026-12-01T08:00:00+03:00"], "بيان تحت الحظر"),
        "2026-11-20-بيانات.txt": releaseText([], "بيانات الوزارة"),
      },
      { slugs: "arabic" },
    );
    const result = await project.build();
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});
