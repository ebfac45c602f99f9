/**
 * Hostile inputs that try to publish a draft or an embargoed release, or text that was never meant
 * to be published, by a path around the main filter. One table: the input, and what must happen.
 * `leaks.test.ts` builds each case into its own project and checks the whole of `dist/`: every
 * file's name, every text file's contents (compressed search-index files decompressed) and every
 * binary file's bytes.
 */

import { EXIF_MARKER, photoWithExif } from "./photo.ts";

const PHOTO = await photoWithExif();

/** One hostile input and the outcome it must have. */
export interface LeakCase {
  /** The item of the embargo issue (18) or the faults issue (19) it comes from, e.g. "18.2". */
  item: string;
  /** What the case tries, in a few words. */
  name: string;
  /** Release files under `releases/`, by name. */
  releases: Record<string, string | Uint8Array>;
  /** Other project files (e.g. `assets/photos/x.jpg`), by path from the project folder. */
  files?: Record<string, string | Uint8Array>;
  /** Site config keys to set in `templates/site.json`. */
  site?: Record<string, unknown>;
  /** Build clock; default the test project's. */
  now?: string;
  /** What must happen. */
  expect: {
    /** `refused`: check and build fail, nothing published; `built`: the build succeeds. */
    outcome: "refused" | "built";
    /** For `refused`: a pattern the error (as printed, `file:line: error: …`) must match. */
    error?: RegExp;
    /** Text that must appear in no file name and no file of `dist/` (decompressed). */
    nowhere?: Array<string | Uint8Array>;
    /** Paths under `dist/` that must not exist. */
    absent?: string[];
  };
}

const EMBARGO = "2099-01-01T08:00:00+03:00";

/** Item 2 and its near misses, 7 and 8: front matter Bayan does not read, scaffold text, dates. */
export const FRONT_MATTER_CASES: LeakCase[] = [
  {
    item: "18.2",
    name: "a correctly written embargo (the control case)",
    releases: { "budget.txt": `---\nembargo: ${EMBARGO}\n---\nالميزانية السرية للعام المقبل\n\nنص سري لا يُنشر قبل موعده.\n` },
    expect: { outcome: "built", nowhere: ["الميزانية السرية", "نص سري لا يُنشر"] },
  },
  // (front matter cases go here)
];

/** Items 1 and 6: files under `assets/`, image originals, the audit's blind spots. */
export const ASSET_CASES: LeakCase[] = [
  {
    item: "18.1",
    name: "a photo in assets/ that only an embargoed release uses",
    releases: { "budget.txt": `---\nembargo: ${EMBARGO}\nimage: assets/photos/site-visit.jpg\nimageAlt: زيارة الموقع\n---\nالميزانية السرية للعام المقبل\n\nنص سري لا يُنشر قبل موعده.\n` },
    files: { "assets/photos/site-visit.jpg": PHOTO },
    expect: { outcome: "built", nowhere: [PHOTO, EXIF_MARKER, "site-visit"], absent: ["assets/photos/site-visit.jpg"] },
  },
  {
    item: "18.1",
    name: "a published release's photo: its original and the camera's EXIF and GPS never ship",
    releases: { "plant.txt": "---\nimage: assets/photos/plant.jpg\nimageAlt: محطة التحلية\n---\nتدشين محطة التحلية الجديدة\n\nدشّنت الهيئة اليوم المحطة.\n" },
    files: { "assets/photos/plant.jpg": PHOTO },
    expect: { outcome: "built", nowhere: [PHOTO, EXIF_MARKER, "LeakCam", "secret-site-photo"], absent: ["assets/photos/plant.jpg"] },
  },
  {
    item: "18.1",
    name: "a document in assets/ that only a draft links to",
    releases: { "plan.md": "---\ndraft: true\n---\n# خطة الاندماج السرية بين الشركتين\n\nالتفاصيل في [الملف](/assets/docs/merger-plan.pdf).\n" },
    files: { "assets/docs/merger-plan.pdf": "%PDF-1.4 merger terms, not for publication\n" },
    expect: { outcome: "built", nowhere: ["merger-plan", "merger terms"], absent: ["assets/docs/merger-plan.pdf"] },
  },
  {
    item: "18.1",
    name: "files kept in assets/ that nothing uses",
    releases: { "plant.txt": "تدشين محطة التحلية الجديدة\n\nدشّنت الهيئة اليوم المحطة.\n" },
    files: { "assets/notes/press-list.csv": "name,phone\nunpublished contact,+966500000000\n" },
    expect: { outcome: "built", nowhere: ["press-list", "+966500000000"], absent: ["assets/notes/press-list.csv"] },
  },
  {
    item: "18.6",
    name: "a draft titled like a published release's tag",
    releases: {
      "plant.txt": "---\ntags: [التحول الرقمي الحكومي]\n---\nتدشين محطة التحلية الجديدة\n\nدشّنت الهيئة اليوم المحطة.\n",
      "digital.txt": "---\ndraft: true\n---\nالتحول الرقمي الحكومي\n\nمسودة لم تكتمل بعد.\n",
    },
    expect: { outcome: "built", nowhere: ["مسودة لم تكتمل"] },
  },
  {
    item: "18.6",
    name: "a draft titled like the site's description",
    site: { description: "أخبار الهيئة وبياناتها الصحفية" },
    releases: { "about.txt": "---\ndraft: true\n---\nأخبار الهيئة وبياناتها الصحفية\n\nمسودة صفحة التعريف.\n" },
    expect: { outcome: "built", nowhere: ["مسودة صفحة التعريف"] },
  },
];

/** Items 3, 4 and 5: the commands, the preview and the clock. */
export const COMMAND_CASES: LeakCase[] = [
  {
    item: "18.5",
    name: "--now without an offset, a second before an embargo without one: both in the site's time zone",
    releases: { "budget.txt": "---\nembargo: 2026-12-01T08:00:00\n---\nميزانية الصباح السرية\n\nنص لا يُنشر قبل الثامنة بتوقيت الرياض.\n" },
    now: "2026-12-01T07:59:59",
    expect: { outcome: "built", nowhere: ["ميزانية الصباح السرية", "نص لا يُنشر قبل الثامنة"] },
  },
  {
    item: "18.5",
    name: "--now as a date alone is midnight in the site's time zone",
    releases: { "budget.txt": "---\nembargo: 2026-12-01T02:00:00+03:00\n---\nميزانية الفجر السرية\n\nنص لا يُنشر قبل الثانية.\n" },
    now: "2026-12-01",
    expect: { outcome: "built", nowhere: ["ميزانية الفجر السرية"] },
  },
];

export const LEAK_CASES: LeakCase[] = [...FRONT_MATTER_CASES, ...ASSET_CASES, ...COMMAND_CASES];
