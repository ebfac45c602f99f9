/**
 * Hostile inputs that try to publish a draft or an embargoed release, or text that was never meant
 * to be published, by a path around the main filter. One table: the input, and what must happen.
 * `leaks.test.ts` builds each case into its own project and checks the whole of `dist/`: every
 * file's name, every text file's contents (compressed search-index files decompressed) and every
 * binary file's bytes.
 */

import { DateTime } from "luxon";
import { scaffoldRelease } from "../../src/cli/scaffold.ts";
import { validateSite } from "../../src/config.ts";
import { placeholderFor } from "../../src/release/placeholders.ts";
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
    /** A pattern the warnings of `check` (as printed) must match. */
    warning?: RegExp;
  };
}

const EMBARGO = "2099-01-01T08:00:00+03:00";
const SECRET_TITLE = "الميزانية السرية للعام المقبل";
const SECRET_BODY = "نص سري لا يُنشر قبل موعده.";
const HELD = `embargo: ${EMBARGO}`;

/** Front matter written where or how Bayan does not read it: name, file text, the error it must get. */
const MISREAD_FRONT_MATTER: Array<[string, string, RegExp]> = [
  ["a blank line before ---", `\n---\n${HELD}\n---\n${SECRET_TITLE}\n\n${SECRET_BODY}\n`, /secret\.txt:2: error: .*starts on line 2/],
  ["blank lines with spaces before ---", ` \n\t\n---\n${HELD}\n---\n${SECRET_TITLE}\n\n${SECRET_BODY}\n`, /secret\.txt:3: error/],
  ["a space before ---", ` ---\n${HELD}\n---\n${SECRET_TITLE}\n\n${SECRET_BODY}\n`, /secret\.txt:1: error: .*spaces or invisible/],
  ["a zero-width space before ---", `\u200B---\n${HELD}\n---\n${SECRET_TITLE}\n\n${SECRET_BODY}\n`, /secret\.txt:1: error: .*invisible/],
  ["a BOM, then a zero-width no-break space before ---", `\uFEFF\uFEFF---\n${HELD}\n---\n${SECRET_TITLE}\n\n${SECRET_BODY}\n`, /secret\.txt:1: error/],
  ["the title line, then the front matter", `${SECRET_TITLE}\n---\n${HELD}\n---\n${SECRET_BODY}\n`, /secret\.txt:2: error: .*after the title/],
  [
    "the title line, a blank line, then the front matter",
    `${SECRET_TITLE}\n\n---\ndraft: true\n---\n\n${SECRET_BODY}\n`,
    /secret\.txt:3: error: .*after the title/,
  ],
  ["TOML +++ front matter", `+++\nembargo = "${EMBARGO}"\n+++\n${SECRET_TITLE}\n\n${SECRET_BODY}\n`, /secret\.txt:1: error: .*TOML/],
  ["an empty embargo:", `---\nembargo:\n---\n${SECRET_TITLE}\n\n${SECRET_BODY}\n`, /secret\.txt:2: error: embargo: is empty/],
  ["an empty draft:", `---\ndraft:\n---\n${SECRET_TITLE}\n\n${SECRET_BODY}\n`, /secret\.txt:2: error: draft: is empty/],
  [
    "a draft nested in a group of keys",
    `---\nparams:\n  draft: true\n---\n${SECRET_TITLE}\n\n${SECRET_BODY}\n`,
    /secret\.txt:2: error: "draft" inside "params" is not read/,
  ],
  [
    "a second front matter block",
    `---\ndate: 2026-11-01\n---\n---\n${HELD}\n---\n${SECRET_TITLE}\n\n${SECRET_BODY}\n`,
    /secret\.txt:4: error: .*second front matter block/,
  ],
  ["a blank line before --- (.md)", `\n---\ndraft: true\n---\n# ${SECRET_TITLE}\n\n${SECRET_BODY}\n`, /secret\.md:2: error/],
  ["the title line, then the front matter (.md)", `${SECRET_TITLE}\n---\n${HELD}\n---\n\n${SECRET_BODY}\n`, /secret\.md:2: error: .*after the title/],
  ...(
    [
      ["embrago", EMBARGO, "embargo"],
      ["embargoed", EMBARGO, "embargo"],
      ["Embargo", EMBARGO, "embargo"],
      ["EMBARGO", EMBARGO, "embargo"],
      ["embargo_until", EMBARGO, "embargo"],
      ["embargoUntil", EMBARGO, "embargo"],
      ["release_date", EMBARGO, "embargo"],
      ["embarg", EMBARGO, "embargo"],
      ["Draft", "true", "draft"],
      ["drafts", "true", "draft"],
      ["draft_", "true", "draft"],
      ["published", "false", "draft"],
      ["status", "draft", "draft"],
      ["hidden", "true", "draft"],
      ["مسودة", "true", "draft"],
    ] as const
  ).map(([key, value, known]): [string, string, RegExp] => [
    `the misspelled key ${key}:`,
    `---\n${key}: ${value}\n---\n${SECRET_TITLE}\n\n${SECRET_BODY}\n`,
    new RegExp(`secret\\.txt:2: error: .*did you mean \`${known}\``),
  ]),
];

/** A new release exactly as `npm run new` writes it, dated 2026-11-20. */
function scaffolded(lang: string): string {
  const site = validateSite({ title: "x", url: "https://news.example.org", languages: ["ar", "en"] }, "site.json");
  return scaffoldRelease(
    { title: lang === "ar" ? "بيان جديد لم يكتمل" : "An unfinished release", lang, date: "2026-11-20" },
    site,
    DateTime.fromISO("2026-11-20T09:00:00+03:00"),
  ).text;
}

/** Item 2 and its near misses, 7 and 8: front matter Bayan does not read, scaffold text, dates. */
export const FRONT_MATTER_CASES: LeakCase[] = [
  {
    item: "18.2",
    name: "a correctly written embargo (the control case)",
    releases: { "budget.txt": `---\nembargo: ${EMBARGO}\n---\nالميزانية السرية للعام المقبل\n\nنص سري لا يُنشر قبل موعده.\n` },
    expect: { outcome: "built", nowhere: ["الميزانية السرية", "نص سري لا يُنشر"] },
  },
  ...MISREAD_FRONT_MATTER.map(
    ([name, text, error]): LeakCase => ({
      item: "18.2",
      name,
      releases: { [name.endsWith("(.md)") ? "secret.md" : "secret.txt"]: text },
      expect: { outcome: "refused", error, nowhere: [SECRET_TITLE, SECRET_BODY] },
    }),
  ),
  {
    item: "18.2",
    name: "a Markdown release with a --- rule and key: value text further down (control)",
    releases: {
      "notes.md": `---\nembargo: ${EMBARGO}\n---\n# ${SECRET_TITLE}\n\n${SECRET_BODY}\n\n---\n\ndraft: false\n\n---\n`,
      "2026-11-01-public.md": "# بيان عام\n\nنص عام.\n\n---\n\nNote: the text.\n\n---\n",
    },
    expect: { outcome: "built", nowhere: [SECRET_TITLE, SECRET_BODY] },
  },
  {
    item: "18.2",
    name: "a key of the editor's own is kept as data, with a warning (control)",
    releases: {
      "2026-11-01-own.txt": "---\ndepartment: الإعلام\n---\nبيان عام\n\nنص عام.\n",
      "secret.txt": `---\ndraft: true\n---\n${SECRET_TITLE}\n\n${SECRET_BODY}\n`,
    },
    expect: { outcome: "built", nowhere: [SECRET_TITLE, SECRET_BODY], warning: /Bayan does not read, kept as data only: department/ },
  },
  ...[
    ["left as npm run new wrote it", (text: string) => text],
    ["with the text typed after the placeholder on its line", (text: string) => text.replace(placeholderFor("ar"), `${placeholderFor("ar")} ${SECRET_BODY}`)],
    ["with the placeholder moved below the text", (text: string) => text.replace(placeholderFor("ar"), `${SECRET_BODY}\n\n  ${placeholderFor("ar")}  `)],
  ].map(
    ([name, edit]): LeakCase => ({
      item: "18.7",
      name: `a scaffolded release ${name as string}`,
      releases: { "2026/2026-11-20-scaffold.txt": (edit as (text: string) => string)(scaffolded("ar")) },
      expect: { outcome: "refused", error: /:\d+: error: the line still holds the placeholder/, nowhere: [placeholderFor("ar"), SECRET_BODY] },
    }),
  ),
  {
    item: "18.7",
    name: "an English scaffolded release left as it is",
    releases: { "2026/2026-11-20-scaffold.en.txt": scaffolded("en") },
    expect: { outcome: "refused", error: /placeholder/, nowhere: [placeholderFor("en")] },
  },
  {
    item: "18.7",
    name: "a scaffolded release whose placeholder was replaced (control)",
    releases: { "2026/2026-11-20-scaffold.txt": scaffolded("ar").replace(placeholderFor("ar"), "نص البيان كما كتبه المحرر.") },
    expect: { outcome: "built" },
  },
  {
    item: "18.8",
    name: "an embargo that ends weeks after the release's date",
    releases: {
      "2026-12-01-late.txt": "---\ndate: 2026-12-01\nembargo: 2026-12-31T08:00:00+03:00\n---\nبيان محظور حتى نهاية الشهر\n\nنص.\n",
      "2026-12-15-middle.txt": "بيان منتصف الشهر\n\nنص.\n",
    },
    now: "2027-01-01T09:00:00+03:00",
    expect: {
      outcome: "built",
      nowhere: ["2026-12-01T00:00:00", "Tue, 01 Dec 2026"],
      warning: /embargo ends on 2026-12-31, after the release's date 2026-12-01/,
    },
  },
  {
    item: "18.8",
    name: "an embargo that ends on the morning of the release's date",
    releases: { "2026-12-01-morning.txt": "---\nembargo: 2026-12-01T08:00:00+03:00\n---\nبيان الصباح\n\nنص.\n" },
    now: "2027-01-01T09:00:00+03:00",
    expect: { outcome: "built", nowhere: ["2026-12-01T00:00:00"] },
  },
  {
    item: "18.8",
    name: "a date later than the embargo (control)",
    releases: { "late.txt": "---\ndate: 2026-12-10T10:00:00+03:00\nembargo: 2026-12-01T08:00:00+03:00\n---\nبيان لاحق\n\nنص.\n" },
    now: "2027-01-01T09:00:00+03:00",
    expect: { outcome: "built", nowhere: ["2026-12-01T08:00:00"] },
  },
];

/** Items 1 and 6: files under `assets/`, image originals, the audit's blind spots. */
export const ASSET_CASES: LeakCase[] = [
  {
    item: "18.1",
    name: "a photo in assets/ that only an embargoed release uses",
    releases: {
      "budget.txt": `---\nembargo: ${EMBARGO}\nimage: assets/photos/site-visit.jpg\nimageAlt: زيارة الموقع\n---\nالميزانية السرية للعام المقبل\n\nنص سري لا يُنشر قبل موعده.\n`,
    },
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

/** Issue 24: media kits (photos, documents, media-kit.zip) of hidden releases, and what photos carry. */
export const MEDIA_CASES: LeakCase[] = await mediaCases();

export const LEAK_CASES: LeakCase[] = [...FRONT_MATTER_CASES, ...ASSET_CASES, ...COMMAND_CASES, ...MEDIA_CASES];

async function mediaCases(): Promise<LeakCase[]> {
  const { cameraPhoto, CAMERA_SECRETS, pdf } = await import("../media/fixtures.ts");
  const photo = await cameraPhoto({ width: 640, height: 400, hue: 320 });
  // The end of the photo's image data: the same bytes in the original and in a stripped copy.
  const scan = photo.subarray(photo.length - 80, photo.length - 2);
  const statement = pdf("Secret statement of the plan");
  const kit = (front: string) =>
    `---\n${front}\nphotos:\n  - file: secret-plant.jpg\n    alt: صورة سرية للمحطة\nfiles:\n  - file: secret-statement.pdf\n---\nخطة المحطة السرية\n\nنص سري لا يُنشر قبل موعده.\n`;
  const hidden = { nowhere: ["secret-plant", "secret-statement", "Secret statement", scan, statement], absent: ["releases/2026/11/secret-kit"] };
  return [
    {
      item: "24.3",
      name: "an embargoed release's photo, document and media-kit.zip",
      releases: { "2026-11-25-secret-kit.txt": kit(`embargo: ${EMBARGO}`), "secret-plant.jpg": photo, "secret-statement.pdf": statement },
      expect: { outcome: "built", ...hidden },
    },
    {
      item: "24.3",
      name: "a draft's media kit",
      releases: { "2026-11-25-secret-kit.txt": kit("draft: true"), "secret-plant.jpg": photo, "secret-statement.pdf": statement },
      expect: { outcome: "built", ...hidden },
    },
    {
      item: "24.3",
      name: "a published photo's camera, serial number, GPS and XMP place",
      releases: { "2026-11-25-open-kit.txt": "---\nphotos:\n  - file: plant.jpg\n    alt: المحطة\n---\nصور المحطة\n\nنص.\n", "plant.jpg": photo },
      expect: { outcome: "built", nowhere: CAMERA_SECRETS },
    },
    {
      item: "24.5",
      name: "a web page given as a photo",
      releases: {
        "2026-11-25-page-kit.txt": "---\nphotos:\n  - file: plant.jpg\n    alt: المحطة\n---\nصور المحطة\n\nنص.\n",
        "plant.jpg": "<html><script>document.cookie</script></html>",
      },
      expect: { outcome: "refused", error: /page-kit\.txt:3: error: photo "plant\.jpg": is a web page/ },
    },
  ];
}

/**
 * Found by the hostile tester after issues 18 and 19: an impossible time zone offset that moves an
 * embargo days earlier, and a published release's plain link to a photo in `assets/`.
 */
export const HOSTILE_EXTRA_CASES: LeakCase[] = [
  ...["+30:00", "+99:00", "-15:00", "+03:07"].map(
    (offset): LeakCase => ({
      item: "hostile",
      name: `an embargo with the impossible offset ${offset} (+03:00 mistyped)`,
      // Read as written, 12:00+30:00 is 27 hours before 12:00+03:00, before the build clock.
      releases: { "2026-11-20-swapped.txt": `---\nembargo: 2026-11-29T12:00:00${offset}\n---\n${SECRET_TITLE}\n\n${SECRET_BODY}\n` },
      now: "2026-11-29T11:00:00+03:00",
      expect: {
        outcome: "refused",
        error: new RegExp(`swapped\\.txt:2: error: embargo .*offset ${offset.replace("+", "\\+")}`),
        nowhere: [SECRET_TITLE, SECRET_BODY],
      },
    }),
  ),
  {
    item: "hostile",
    name: "a published release's plain link to a photo in assets/: published without its camera and GPS data",
    releases: { "2026-11-20-visit.md": "---\ndate: 2026-11-20\n---\n# Site visit\n\nThe [photo of the visit](/assets/photos/visit.jpg).\n" },
    files: { "assets/photos/visit.jpg": PHOTO },
    expect: { outcome: "built", nowhere: [EXIF_MARKER, "LeakCam", "secret-site-photo"] },
  },
];
LEAK_CASES.push(...HOSTILE_EXTRA_CASES);
