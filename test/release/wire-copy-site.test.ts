import { beforeAll, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { validateSite } from "../../src/config.ts";
import { parseRelease } from "../../src/release/parse.ts";
import { resolveRelease } from "../../src/release/resolve.ts";
import { makeProject, RELEASE_MTIME, type TestProject } from "../helpers/project.ts";

/** SPA copy as it comes off the wire: desk prefix, stand-alone dateline, byline, numbered items split over lines. */
const SPA_COPY = [
  "اقتصادي / المملكة تستضيف مؤتمر الطاقة الدولي",
  "محمد العتيبي – الكويت",
  "الكويت 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس",
  "أعلنت وزارة الطاقة اليوم استضافة المملكة مؤتمر الطاقة الدولي في دورته المقبلة.",
  "وتضمن جدول الأعمال محورين:",
  "1 -",
  "أمن الإمدادات.",
  "2 -",
  "الطاقة المتجددة.",
  "3601100204",
].join("\n\n");

describe("a wire release without a date of its own", () => {
  let project: TestProject;
  beforeAll(async () => {
    project = makeProject({ "spa-energy.txt": SPA_COPY });
    const result = await project.build();
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.releases[0]).toMatchObject({ dateSource: "dateline", url: "/releases/2015/08/spa-energy/" });
  });

  it("is dated and addressed by its dateline, with the title shown without its desk", () => {
    const document = project.page("/releases/2015/08/spa-energy/");
    expect(document.querySelector(".release-date time")!.getAttribute("datetime")).toBe("2015-08-10T00:00:00+03:00");
    expect(document.querySelector("h1")!.textContent).toBe("المملكة تستضيف مؤتمر الطاقة الدولي");
  });

  it("has no heading for the dateline, the byline or a number; the byline is shown under the title", () => {
    const document = project.page("/releases/2015/08/spa-energy/");
    const body = document.querySelector(".release-body")!;
    expect(body.querySelectorAll("h2")).toHaveLength(0);
    expect(body.querySelector(".dateline")!.textContent!.replace(/\u00A0/g, " ")).toBe("الكويت 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس");
    expect([...body.querySelectorAll("ol li")].map((li) => li.textContent)).toEqual(["أمن الإمدادات.", "الطاقة المتجددة."]);
    expect(body.textContent).not.toContain("3601100204");
    expect(body.textContent).not.toContain("محمد العتيبي");
    expect(document.querySelector("header .byline")!.textContent).toBe("محمد العتيبي – الكويت");
  });

  it("makes the desk a tag", () => {
    const document = project.page("/releases/2015/08/spa-energy/");
    expect([...document.querySelectorAll(".tags a[rel=tag]")].map((a) => a.textContent)).toEqual(["اقتصادي"]);
  });
});

describe("the desks setting", () => {
  const resolve = (desks: boolean) => {
    const site = validateSite({ title: "بيان", url: "https://news.example.org", desks }, "templates/site.json");
    const parsed = parseRelease(SPA_COPY, { file: "releases/spa-energy.txt", format: "txt", defaultLang: "ar" });
    const now = DateTime.fromISO("2026-11-29T12:00:00+03:00", { setZone: true });
    return resolveRelease(parsed, { site, file: "releases/spa-energy.txt", mtime: RELEASE_MTIME, now }).release;
  };

  it("keeps the desk as a tag by default and in the data always", () => {
    expect(resolve(true)).toMatchObject({ tags: ["اقتصادي"], desk: "اقتصادي", title: "المملكة تستضيف مؤتمر الطاقة الدولي" });
    expect(resolve(false)).toMatchObject({ tags: [], desk: "اقتصادي", title: "المملكة تستضيف مؤتمر الطاقة الدولي" });
  });

  it("keeps the byline's author and place in the data", () => {
    expect(resolve(true).byline).toEqual({ text: "محمد العتيبي – الكويت", author: "محمد العتيبي", location: "الكويت" });
  });
});
