/** Search documents made from the sample releases, as the lead's plugin will pass them. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatShortDate, type DateDisplay } from "../../src/dates/dates.ts";
import type { SearchDoc } from "../../src/search/model.ts";
import { filesUnder } from "../../src/util/files.ts";
import { writeSearchIndex } from "../../src/search/write.ts";

const samples = join(import.meta.dirname, "..", "fixtures", "samples");

function sample(file: string): { title: string; text: string } {
  const raw = readFileSync(join(samples, file), "utf8")
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n");
  const body = raw.replace(/^---\n[\s\S]*?\n---\n/, "");
  const [title, ...rest] = body.trim().split("\n");
  return { title, text: rest.join("\n").trim() };
}

/** How the sample site shows dates: the defaults of the site config. */
export const SAMPLE_DISPLAY: DateDisplay = { timezone: "Asia/Riyadh", calendars: ["islamic-umalqura", "gregory"], digits: "latn" };

const withDisplayDate = (doc: SearchDoc): SearchDoc => ({ ...doc, displayDate: formatShortDate(doc.date, doc.lang, SAMPLE_DISPLAY) });

export const SAMPLE_DOCS: SearchDoc[] = [
  { url: "/releases/2015/08/seed-release/", date: "2015-08-11T00:00:00+03:00", lang: "ar", tags: ["دفاع"], ...sample("seed-release.txt") },
  {
    url: "/releases/2026/11/desalination-plant/",
    date: "2026-11-24T00:00:00+03:00",
    lang: "ar",
    tags: ["مياه", "طاقة"],
    ...sample("2026-11-24-desalination-plant.txt"),
  },
  {
    url: "/en/releases/2026/11/desalination-plant/",
    date: "2026-11-24T00:00:00+03:00",
    lang: "en",
    tags: ["water"],
    ...sample("2026-11-24-desalination-plant.en.txt"),
  },
  { url: "/releases/2026/09/flu-campaign/", date: "2026-09-14T00:00:00+03:00", lang: "ar", tags: ["صحة"], ...sample("2026-09-14-flu-campaign-bom-crlf.txt") },
  {
    url: "/releases/2026/10/digital-services/",
    date: "2026-10-05T09:30:00+03:00",
    lang: "ar",
    tags: ["خدمات رقمية"],
    title: "إطلاق الجيل الثاني من بوابة الخدمات الرقمية",
    text: sample("2026-10-05-digital-services.md").text,
  },
  { url: "/releases/2026/07/html-injection/", date: "2026-07-01T00:00:00+03:00", lang: "ar", tags: [], ...sample("bad/html-injection.txt") },
].map(withDisplayDate);

/** Builds the index of `docs` and writes it under `<dist>/search/index/`, as the site build does. */
export async function writeIndex(dist: string, docs: SearchDoc[] = SAMPLE_DOCS): Promise<string> {
  const folder = join(dist, "search", "index");
  writeSearchIndex(docs, folder);
  return folder;
}

/** A new newest release after the samples, on a subject of its own. */
export const NEWEST_DOC: SearchDoc = {
  url: "/releases/2026/12/airport-expansion/",
  title: "توسعة مطار أبها الدولي لاستيعاب ثلاثة ملايين مسافر",
  date: "2026-12-02T00:00:00+03:00",
  lang: "ar",
  tags: ["طيران"],
  text: "أعلنت الهيئة العامة للطيران المدني اليوم بدء أعمال توسعة صالات المغادرة في مطار أبها.\n\nوتشمل التوسعة بوابات إلكترونية ومواقف للحافلات.",
};

/** Every file an index build wrote under `folder`: its path there (`/` separators) → its bytes. */
export function indexFiles(folder: string): Map<string, Buffer> {
  return new Map(filesUnder(folder).map((file) => [file, readFileSync(join(folder, file))]));
}
