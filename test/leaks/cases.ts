/**
 * Hostile inputs that try to publish a draft or an embargoed release, or text that was never meant
 * to be published, by a path around the main filter. One table: the input, and what must happen.
 * `leaks.test.ts` builds each case into its own project and checks the whole of `dist/`: every
 * file's name, every text file's contents (compressed search-index files decompressed) and every
 * binary file's bytes.
 */

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
  // (asset cases go here)
];

/** Items 3, 4 and 5: the commands, the preview and the clock. */
export const COMMAND_CASES: LeakCase[] = [
  // (command cases go here)
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
  const kit = (front: string) => `---\n${front}\nphotos:\n  - file: secret-plant.jpg\n    alt: صورة سرية للمحطة\nfiles:\n  - file: secret-statement.pdf\n---\nخطة المحطة السرية\n\nنص سري لا يُنشر قبل موعده.\n`;
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
      releases: { "2026-11-25-page-kit.txt": "---\nphotos:\n  - file: plant.jpg\n    alt: المحطة\n---\nصور المحطة\n\nنص.\n", "plant.jpg": "<html><script>document.cookie</script></html>" },
      expect: { outcome: "refused", error: /page-kit\.txt:3: error: photo "plant\.jpg": is a web page/ },
    },
  ];
}
