import { describe, expect, it } from "vitest";
import type { Release } from "../../src/release/model.ts";
import { diffNewsroom, rendersAgain } from "../../src/site/changes.ts";
import type { Newsroom, ReleasePage } from "../../src/site/newsroom.ts";
import { cacheKeys } from "../../src/build/page-cache.ts";
import { PAGE_KINDS, pageViews, RELEASE_SHOWS, WHOLE_ARCHIVE_PAGES } from "../../src/site/shows.ts";

/** A release with every field of the model set, so that no field escapes the checks below. */
const RELEASE: Required<Release> = {
  file: "releases/2026-11-24-plant.txt",
  format: "txt",
  title: "افتتاح المحطة",
  slug: "plant",
  lang: "ar",
  dir: "rtl",
  url: "/releases/2026/11/plant/",
  date: "2026-11-24T00:00:00.000+03:00",
  dateSource: "file name",
  updated: "2026-11-24T00:00:00.000+03:00",
  tags: ["مياه"],
  summary: "ملخص",
  summaryGenerated: false,
  location: "الرياض",
  dateline: { text: "الرياض 24 نوفمبر" },
  byline: { text: "محمد – الرياض" },
  desk: "محليات",
  contact: "press@example.org",
  image: "plant.jpg",
  imageAlt: "المحطة",
  embargo: "2026-11-24T08:00:00+03:00",
  draft: false,
  published: true,
  translationKey: "plant",
  id: "tag:example.org,2026-11-24:plant",
  bodyHtml: "<p>نص</p>",
  bodyText: "نص",
  extra: { campaign: "شتاء" },
  ogImage: { url: "/img/plant.jpg", absoluteUrl: "https://example.org/img/plant.jpg", width: 1200, height: 630, type: "image/jpeg", alt: "المحطة" },
  photos: [{ file: "plant.jpg", alt: "المحطة", credit: "واس" }],
  files: [{ file: "statement.pdf", title: "البيان" }],
  mediaKit: {
    photos: [],
    documents: [
      {
        entry: { file: "statement.pdf" },
        download: { url: "/releases/2026/11/plant/media/statement.pdf", bytes: 1200, type: "application/pdf" },
        label: "PDF",
      },
    ],
    zip: { url: "/releases/2026/11/plant/media/media-kit.zip", bytes: 5000, type: "application/zip" },
  },
};

/** Another value of the same shape: a new string, flag, list or object. */
function other(value: unknown): unknown {
  if (typeof value === "string") return `${value}-2`;
  if (typeof value === "boolean") return !value;
  if (Array.isArray(value)) return [...value, "آخر"];
  return { ...(value as object), changed: true };
}

const pageOf = (release: Release): ReleasePage => ({ release, links: { translations: [], tags: [] }, languageSwitch: {} });
const newsroomOf = (release: Release) =>
  ({ releases: [release], releasePages: [pageOf(release)], listings: [], feeds: [], sections: [], links: new Map() }) as unknown as Newsroom;
const keys = cacheKeys("fingerprint", () => undefined, undefined);

describe("what each kind of page shows, declared once (issue 20, item 2)", () => {
  const fields = Object.keys(RELEASE) as Array<keyof Release>;
  const declared = new Set<string>(RELEASE_SHOWS);

  it("changes a release page's cache key and writes it again in a watch rebuild for every declared field", () => {
    for (const field of fields.filter((name) => declared.has(name))) {
      const edited = { ...RELEASE, [field]: other(RELEASE[field]) };
      expect(keys.releasePage(pageOf(edited)), field).not.toBe(keys.releasePage(pageOf(RELEASE)));
      expect(diffNewsroom(newsroomOf(RELEASE), newsroomOf(edited)).releaseUrls.has(edited.url) || field === "url", field).toBe(true);
    }
  });

  it("keeps the key and writes nothing for an undeclared field, which templates are not handed", () => {
    const undeclared = fields.filter((name) => !declared.has(name));
    expect(undeclared.sort()).toEqual(["bodyText", "dateSource", "extra", "file", "format", "summaryGenerated", "translationKey"]);
    for (const field of undeclared) {
      const edited = { ...RELEASE, [field]: other(RELEASE[field]) };
      expect(keys.releasePage(pageOf(edited)), field).toBe(keys.releasePage(pageOf(RELEASE)));
      expect(diffNewsroom(newsroomOf(RELEASE), newsroomOf(edited)).releaseUrls.size, field).toBe(0);
      expect(Object.hasOwn(pageViews.release(pageOf(edited)).release, field), field).toBe(false);
    }
  });

  it("answers Eleventy's incremental question for each kind's templates as the kind is declared", () => {
    const none = { releaseUrls: new Set<string>(), listingUrls: new Set<string>(), feedUrls: new Set<string>(), sections: false, sitemap: false };
    const changed = { releaseUrls: new Set(["/a/"]), listingUrls: new Set(["/"]), feedUrls: new Set(["/feed.xml"]), sections: true, sitemap: true };
    for (const kind of Object.values(PAGE_KINDS)) {
      for (const template of kind.templates) {
        expect(rendersAgain(`./${template}`, none)).toBe(false);
        expect(rendersAgain(`./${template}`, changed)).toBe(true);
        for (const other of Object.values(PAGE_KINDS)) {
          expect(rendersAgain(`./${template}`, { ...none, [other.changed]: new Set(["/x/"]) })).toBe(other === kind);
        }
      }
    }
    expect(rendersAgain("./bayan-pages/tags.njk", { ...none, sections: true })).toBe(true);
    expect(rendersAgain("./bayan-pages/404.njk", changed)).toBe(false);
    expect(rendersAgain("./templates/own-page.njk", none)).toBe(true);
    expect(Object.keys(WHOLE_ARCHIVE_PAGES)).not.toContain(PAGE_KINDS.release.templates[0]);
  });
});
