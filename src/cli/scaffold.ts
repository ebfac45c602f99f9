import { DateTime } from "luxon";
import { stringify } from "yaml";
import type { Site } from "../config.ts";
import { placeholderFor } from "../release/placeholders.ts";
import { releaseUrl } from "../release/url.ts";
import { slugify } from "../text/slug.ts";

/** What the editor asked for on the command line, before validation. */
export interface ScaffoldRequest {
  title: string;
  /** Language code; defaults to the site language. */
  lang?: string;
  /** `YYYY-MM-DD`; defaults to today in the site time zone. */
  date?: string;
  /** As typed: `"water, energy"` or `"مياه، طاقة"`. */
  tags?: string;
  /** Media-kit photos as typed: `"a.jpg,b.jpg"` (beside the release file, or `assets/…`). */
  photos?: string;
}

/** A new release file, ready to write. */
export interface Scaffold {
  /** Path relative to the project, e.g. `releases/2026/2026-11-24-desalination-plant.txt`. */
  file: string;
  /** Full file contents: front matter, title line, placeholder paragraph. */
  text: string;
  /** Absolute URL the release will have once published. */
  url: string;
}

/** A mistake in the editor's input; the message says what to do instead. */
export class ScaffoldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScaffoldError";
  }
}

// Removed here as the parser would remove them (with a warning) anyway.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * Plans a new release file from the editor's request: validates it and fills in the
 * front matter. Pure: `now` is the clock, nothing is read or written.
 *
 * @example
 * scaffoldRelease({ title: "تدشين محطة التحلية", date: "2026-11-24", tags: "مياه، طاقة" }, site)
 * // → { file: "releases/2026/2026-11-24-tdshyn-mhta-althlya.txt", url: "https://…/releases/2026/11/tdshyn-mhta-althlya/", text: "---\ndate: 2026-11-24\n…" }
 */
export function scaffoldRelease(request: ScaffoldRequest, site: Site, now: DateTime = DateTime.now()): Scaffold {
  const title = cleanTitle(request.title);
  if (title === "") {
    throw new ScaffoldError('No title given: run npm run new -- "عنوان البيان" (quote the title).');
  }
  const lang = resolveLang(request.lang, site);
  const date = resolveDate(request.date, site, now);
  const tags = parseTags(request.tags);

  const slug = slugify(title) || "release";
  const suffix = lang === site.lang ? "" : `.${lang}`;
  const file = `releases/${date.year}/${date.toISODate()}-${slug}${suffix}.txt`;
  const path = releaseUrl(site, lang, date.year, date.month, slug);

  const photos = request.photos
    ?.split(",")
    .map((file) => file.trim())
    .filter(Boolean);
  // Each photo with an empty alt, which check refuses until the editor describes the photo.
  const media = photos?.length ? { photos: photos.map((file) => ({ file, alt: "", caption: "", credit: "" })) } : {};
  const frontMatter = stringify({ date: date.toISODate(), lang, tags, summary: "", ...media });
  // The check refuses a release that still holds it (src/release/placeholders.ts).
  const placeholder = placeholderFor(lang);
  return {
    file,
    text: `---\n${frontMatter}---\n${title}\n\n${placeholder}\n`,
    url: `${site.url}${site.pathPrefix}${path.slice(1)}`,
  };
}

/** Splits tags on commas, Latin `,` or Arabic `،`; trims, drops empty and repeated ones. */
export function parseTags(value: string | undefined): string[] {
  if (value === undefined) return [];
  const tags = value
    .normalize("NFC")
    .split(/[,،]/)
    .map((tag) => tag.trim().replace(/\s+/g, " "))
    .filter((tag) => tag !== "");
  return [...new Set(tags)];
}

/** The language code, checked against `site.languages`; the site language when not given. */
export function resolveLang(value: string | undefined, site: Pick<Site, "lang" | "languages">): string {
  if (value === undefined) return site.lang;
  if (site.languages.includes(value)) return value;
  throw new ScaffoldError(`Unknown language "${value}": use one of ${site.languages.join(", ")} (or add it to "languages" in templates/site.json).`);
}

/** The release date as midnight in the site time zone; today there when not given. */
export function resolveDate(value: string | undefined, site: Pick<Site, "timezone">, now: DateTime): DateTime {
  if (value === undefined) return now.setZone(site.timezone).startOf("day");
  // Checked before luxon, which also accepts forms a file name should not carry (20261124, 2026-W48).
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw new ScaffoldError(`Bad date "${value}": write it as YYYY-MM-DD, e.g. --date 2026-11-24.`);
  }
  const date = DateTime.fromISO(value, { zone: site.timezone });
  if (!date.isValid) {
    throw new ScaffoldError(`Bad date "${value}": there is no such day; check the month and day (YYYY-MM-DD).`);
  }
  return date;
}

/** One line, NFC, no bidi controls: the title is the file's first body line. */
function cleanTitle(title: string): string {
  return title.normalize("NFC").replace(BIDI_CONTROLS, "").replace(/\s+/g, " ").trim();
}
