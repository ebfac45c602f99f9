import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeProject, samples, type TestProject } from "../helpers/project.ts";

const PAIR = ["2026-11-24-desalination-plant.txt", "2026-11-24-desalination-plant.en.txt"];
const AR = "/releases/2026/11/desalination-plant/";
const EN = "/en/releases/2026/11/desalination-plant/";

describe("an Arabic and English site", () => {
  let project: TestProject;
  beforeAll(async () => {
    project = makeProject(samples([...PAIR, "2026-10-05-digital-services.md"]), { languages: ["ar", "en"] });
    expect((await project.build()).ok).toBe(true);
  });

  it("renders the English release left to right under /en/ with English interface text", () => {
    const page = project.page(EN);
    expect(page.documentElement.getAttribute("lang")).toBe("en");
    expect(page.documentElement.getAttribute("dir")).toBe("ltr");
    expect(page.querySelector(".release-date time")!.textContent).toBe("Tuesday, 24\u00A0November\u00A02026");
    expect(page.querySelector("nav a")!.textContent).toBe("Home");
    expect(page.querySelector(".skip-link")!.textContent).toBe("Skip to content");
  });

  it.each([
    [AR, EN, "en"],
    [EN, AR, "ar"],
  ])("links %s to its translation %s in the switch, the body and hreflang", (from, to, otherLang) => {
    const page = project.page(from);
    const absolute = (url: string) => `https://news.example.org${url}`;
    const switchLink = page.querySelector(`.site-header a[hreflang="${otherLang}"]`)!;
    expect(switchLink.getAttribute("href")).toBe(to);
    expect(page.querySelector(`.translations a[hreflang="${otherLang}"]`)!.getAttribute("href")).toBe(to);
    const alternates = Object.fromEntries(
      [...page.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => [l.getAttribute("hreflang"), l.getAttribute("href")]),
    );
    expect(alternates).toEqual({ ar: absolute(AR), en: absolute(EN), "x-default": absolute(AR) });
  });

  it("links a release without a translation to the other language's home", () => {
    const page = project.page("/releases/2026/10/digital-services/");
    expect(page.querySelector('.site-header a[hreflang="en"]')!.getAttribute("href")).toBe("/en/");
    expect(page.querySelectorAll('link[rel="alternate"][hreflang]').length).toBe(0);
  });

  it("gives each language its own home, archive and tags with only its releases", () => {
    const links = (url: string) => [...project.page(url).querySelectorAll(".release-card h2 a")].map((a) => a.getAttribute("href"));
    expect(links("/en/")).toEqual([EN]);
    expect(links("/")).toEqual([AR, "/releases/2026/10/digital-services/"]);
    expect(links("/en/archive/2026/11/")).toEqual([EN]);
    const tags = [...project.page("/en/tags/").querySelectorAll(".tag-cloud a")].map((a) => a.textContent);
    expect(tags.sort()).toEqual(["energy", "projects", "water"]);
    expect(project.page("/en/").documentElement.getAttribute("dir")).toBe("ltr");
  });
});

describe("an Arabic-only site", () => {
  it("has no English section at all", async () => {
    const project = makeProject(samples(["2026-11-24-desalination-plant.txt", "seed-release.txt"]), { languages: undefined });
    expect((await project.build()).ok).toBe(true);
    const dist = path.join(project.root, "dist");
    expect(existsSync(path.join(dist, "en"))).toBe(false);
    expect(readdirSync(dist)).not.toContain("en");
    const page = project.page(AR);
    expect(page.querySelector('.site-header a[hreflang="en"]')).toBeNull();
    expect(page.querySelector(".translations")).toBeNull();
  });

  it("refuses an English release with a clear error when English is not a site language", async () => {
    const project = makeProject(samples(PAIR), { languages: undefined });
    const result = await project.build();
    expect(result.ok).toBe(false);
    const error = result.diagnostics.find((d) => d.severity === "error")!;
    expect(error.file).toBe("releases/2026-11-24-desalination-plant.en.txt");
    expect(error.message).toContain('language "en"');
    expect(error.hint).toContain("languages");
  });
});
