import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeProject, samples, type TestProject } from "../helpers/project.ts";
import { sharedSite } from "../helpers/shared-sites.ts";

/** Every file under a folder, relative to it. */
function listFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)));
}

describe("the sample newsroom", () => {
  let project: TestProject;
  beforeAll(async () => {
    const { project: shared, result } = await sharedSite("samples");
    project = shared;
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("builds the seed as an Arabic right-to-left page with one h1, two h2 and four paragraphs", () => {
    const document = project.page("/releases/2026/11/seed-release/");
    expect(document.documentElement.getAttribute("lang")).toBe("ar");
    expect(document.documentElement.getAttribute("dir")).toBe("rtl");
    const h1 = document.querySelectorAll("h1");
    expect(h1.length).toBe(1);
    expect(h1[0].textContent).toBe("وزيري الدفاع السعودي والقطري يناقشان تعزيز التعاون العسكري المشترك");
    const body = document.querySelector(".release-body")!;
    expect([...body.querySelectorAll("h2")].map((h) => h.textContent)).toEqual(["اتصال وزارة الدفاع بين السعودية وقطر", "تعزيز الروابط العسكرية"]);
    expect(body.querySelectorAll("p").length).toBe(4);
    expect(document.querySelector("article time[datetime]")!.getAttribute("datetime")).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
  });

  it("dates the desalination release from its file name and shows the Hijri date beside the Gregorian", () => {
    const document = project.page("/releases/2026/11/desalination-plant/");
    const time = document.querySelector(".release-date time")!;
    expect(time.getAttribute("datetime")).toBe("2026-11-24T00:00:00+03:00");
    expect(time.textContent).toContain("14\u00A0جمادى\u00A0الآخرة\u00A01448");
    expect(time.textContent).toContain("24\u00A0نوفمبر\u00A02026");
    const body = document.querySelector(".release-body")!;
    expect(body.querySelector(".dateline")!.textContent).toContain("الجبيل");
    const list = body.querySelector("ul")!;
    expect(list.querySelectorAll("li").length).toBe(4);
    const hrefs = [...body.querySelectorAll("a")].map((a) => a.getAttribute("href"));
    expect(hrefs).toContain("https://example.org/reports/jubail-2026.pdf");
    expect(hrefs).toContain("mailto:media@example.org");
    expect(body.textContent).not.toContain("انتهى");
  });

  it("keeps the Markdown release's time and offset", () => {
    const document = project.page("/releases/2026/10/digital-services/");
    expect(document.querySelector(".release-date time")!.getAttribute("datetime")).toBe("2026-10-05T09:30:00+03:00");
    expect(document.querySelector(".release-body ol")!.querySelectorAll("li").length).toBe(3);
    expect(document.querySelector(".release-body blockquote")).not.toBeNull();
  });

  it("publishes no trace of the draft or the embargoed release", () => {
    const dist = path.join(project.root, "dist");
    for (const file of listFiles(dist)) {
      if (/\.(woff2|svg|png|jpe?g|webp|avif|css)$/.test(file)) continue;
      const text = readFileSync(path.join(dist, file), "utf8");
      expect(text, file).not.toContain("مسودة: بيان لم يعتمد بعد");
      expect(text, file).not.toContain("الميزانية العامة للدولة");
      expect(text, file).not.toContain("draft-note");
      expect(text, file).not.toContain("embargoed-budget");
    }
  });

  it("lists releases newest first on the home page, the archive and the tag pages", () => {
    const home = project.page("/");
    const titles = [...home.querySelectorAll(".release-card h2 a")].map((a) => a.getAttribute("href"));
    expect(titles.slice(-3)).toEqual([
      "/releases/2026/11/desalination-plant/",
      "/releases/2026/10/digital-services/",
      "/releases/2026/09/flu-campaign-bom-crlf/",
    ]);
    const dates = [...home.querySelectorAll(".release-card time")].map((t) => Date.parse(t.getAttribute("datetime")!));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(titles).toContain("/releases/2026/10/digital-services/");
    expect(titles).not.toContain("/en/releases/2026/11/desalination-plant/");

    const october = project.page("/archive/2026/10/");
    expect([...october.querySelectorAll(".release-card h2 a")].map((a) => a.getAttribute("href"))).toEqual(["/releases/2026/10/digital-services/"]);
    const year = project.page("/archive/2026/");
    const yearDates = [...year.querySelectorAll(".release-card time")].map((t) => Date.parse(t.getAttribute("datetime")!));
    expect(yearDates.length).toBeGreaterThanOrEqual(3);
    expect(yearDates).toEqual([...yearDates].sort((a, b) => b - a));

    const tags = project.page("/tags/");
    const water = [...tags.querySelectorAll(".tag-cloud a")].find((a) => a.textContent === "مياه")!;
    const tagPage = project.page(water.getAttribute("href")!);
    expect([...tagPage.querySelectorAll(".release-card h2 a")].map((a) => a.getAttribute("href"))).toEqual(["/releases/2026/11/desalination-plant/"]);
  });

  it("puts the English release under /en/ as a left-to-right page", () => {
    const document = project.page("/en/releases/2026/11/desalination-plant/");
    expect(document.documentElement.getAttribute("lang")).toBe("en");
    expect(document.documentElement.getAttribute("dir")).toBe("ltr");
    expect(document.querySelector(".release-body ul")!.querySelectorAll("li").length).toBe(4);
  });

  it("writes a 404 page and self-hosted fonts", () => {
    expect(existsSync(path.join(project.root, "dist/404.html"))).toBe(true);
    expect(existsSync(path.join(project.root, "dist/assets/fonts/noto-naskh-arabic-arabic-400-normal.woff2"))).toBe(true);
  });
});

describe("drafts and embargoes", () => {
  it("shows drafts and embargoed releases, marked, only in preview", async () => {
    const project = makeProject(samples(["draft-note.txt", "embargoed-budget.txt", "seed-release.txt"]));
    await project.build({ preview: true });
    const draft = project.page("/releases/2026/11/draft-note/", ".cache/preview");
    expect(draft.querySelector(".notice")!.textContent).toContain("مسودة");
    const embargoed = project.page("/releases/2099/01/embargoed-budget/", ".cache/preview");
    expect(embargoed.querySelector(".notice time")!.getAttribute("datetime")).toBe("2099-01-01T08:00:00+03:00");

    await project.build();
    expect(existsSync(path.join(project.root, "dist/releases/2026/11/draft-note"))).toBe(false);
    expect(existsSync(path.join(project.root, "dist/releases/2099"))).toBe(false);
  });

  it("publishes an embargoed release once the build clock passes its embargo", async () => {
    const project = makeProject(samples(["embargoed-budget.txt"]));
    await project.build({ now: "2099-01-01T07:59:00+03:00" });
    expect(existsSync(path.join(project.root, "dist/releases/2099/01/embargoed-budget/index.html"))).toBe(false);
    await project.build({ now: "2099-01-01T08:00:00+03:00" });
    expect(project.page("/releases/2099/01/embargoed-budget/").querySelector("h1")!.textContent).toContain("الميزانية العامة");
  });
});

describe("escaping", () => {
  it("shows a hostile release's markup as text", async () => {
    const project = makeProject(samples(["bad/html-injection.txt"]));
    const result = await project.build();
    expect(result.ok).toBe(true);
    const release = result.releases[0];
    const document = project.page(release.url);
    expect(document.querySelectorAll('script:not([type="application/ld+json"])').length).toBe(0);
    expect(document.querySelectorAll("img[onerror], [onerror]").length).toBe(0);
    expect(document.querySelector("h1")!.textContent).toContain("<script>");
    for (const a of document.querySelectorAll("a")) expect(a.getAttribute("href")).not.toMatch(/^javascript:/i);
  });

  it("keeps template syntax in a release as text", async () => {
    const project = makeProject({
      "2026-01-01-curly.txt": "عنوان فيه {{ 7*7 }}\n\nنص فيه {% raw %} و {{ site.url }}.",
      "2026-01-02-curly-md.md": "---\ntitle: Curly\nlang: ar\n---\n{{ 7*7 }} {% if true %}x{% endif %}\n",
    });
    await project.build();
    const txt = project.page("/releases/2026/01/curly/");
    expect(txt.querySelector("h1")!.textContent).toBe("عنوان فيه {{ 7*7 }}");
    expect(txt.querySelector(".release-body")!.textContent).toContain("{{ site.url }}");
  });
});
