import { readFileSync } from "node:fs";
import { z } from "zod";

const langTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "must be a language code such as ar or en");

// A JSON escape such as "\ud800" makes a lone surrogate, which no page or feed can carry.
const text = z.string().refine((value) => !/\p{Cs}/u.test(value), "holds a broken character (a lone \\ud800–\\udfff escape): retype the text");
const named = text.refine((value) => value.trim() !== "", "must not be empty: it names the site on every page, feed and share card");

/** A text given once for every language, or per language: `"بيان"` or `{ "ar": "بيان", "en": "Bayan" }`. */
const localized = z.union([text, z.record(langTag, text)]);
export type Localized = z.infer<typeof localized>;

const colour = z.string().regex(/^#[0-9a-fA-F]{3,8}$/, "must be a colour such as #0b6e4f");

/** The site config: `templates/site.json`. Every key is documented in the README. */
export const siteSchema = z
  .object({
    /** Site name, shown in the header, page titles and feeds. */
    title: z.union([named, z.record(langTag, named)]),
    /** One sentence about the newsroom: home page description and feed subtitle. */
    description: localized.default(""),
    /** Absolute base URL of the published site, e.g. `https://news.example.org`. */
    url: z
      .string()
      .superRefine((url, context) => {
        const problem = urlProblem(url);
        if (problem) context.addIssue({ code: "custom", message: problem });
      })
      .transform((u) => u.replace(/\/+$/, "")),
    /** Folder the site is served from, e.g. `/newsroom/` on GitHub Pages. */
    pathPrefix: z
      .string()
      .regex(/^\/([A-Za-z0-9._~-]+\/)*$/, "must look like / or /newsroom/ (start and end with /, no spaces)")
      .refine(
        (prefix) => !prefix.split("/").some((part) => part === "." || part === ".."),
        "must not hold . or .. folders (write the folder itself, e.g. /newsroom/)",
      )
      .default("/"),
    /** Main language: served at the site root. */
    lang: langTag.default("ar"),
    /** Every language the site publishes in; the others are served under `/<lang>/`. */
    languages: z.array(langTag).min(1).optional(),
    /** IANA time zone for dates without a time, e.g. `Asia/Riyadh`. */
    timezone: z
      .string()
      .default("Asia/Riyadh")
      .refine((zone) => isTimeZone(zone), "must be an IANA time zone such as Asia/Riyadh"),
    /** Calendars shown on Arabic pages, in order. */
    calendars: z
      .array(z.enum(["gregory", "islamic-umalqura"]))
      .min(1)
      .default(["islamic-umalqura", "gregory"]),
    /** Digits on Arabic pages: `arab` (٠١٢) or `latn` (012). */
    digits: z.enum(["arab", "latn"]).default("latn"),
    /** Releases per listing page. */
    perPage: z.number().int().min(1).max(500).default(20),
    /** Items per feed. */
    feedSize: z.number().int().min(1).max(1000).default(20),
    /** Logo file under `assets/`, e.g. `assets/logo.svg`. */
    logo: z.string().optional(),
    /** Press contact printed under every release. */
    contact: localized.optional(),
    /** "About us" paragraph printed at the end of every release. */
    boilerplate: localized.optional(),
    /** Organisation name for feeds and structured data; defaults to the title. */
    publisher: localized.optional(),
    /** Encoding of release files that are not UTF-8, e.g. `windows-1256`. */
    legacyEncoding: z
      .string()
      .refine((label) => isEncoding(label), "is not an encoding this Node.js can read (try windows-1256)")
      .optional(),
    /**
     * Open Graph cards drawn for releases without an image of their own: a number for the newest N
     * (default 500: a card costs ~15 ms of CPU and ~40 kB the first time, so drawing all of a 10,000-release
     * archive would triple its first build), `true` for every release, `false` for none.
     * Releases without a card share their language's site card.
     */
    ogCards: z.union([z.boolean(), z.number().int().min(0)]).default(500),
    /**
     * Script of release and tag addresses: `ascii` transliterates Arabic (`/tags/sha-6605fc/`),
     * `arabic` keeps it (`/tags/صحة/`, percent-encoded in links, UTF-8 folder names).
     */
    slugs: z.enum(["ascii", "arabic"]).default("ascii"),
    /** Whether the desk a wire title starts with (`اقتصادي / …`) becomes a tag of the release. */
    desks: z.boolean().default(true),
    /** Theme colours as CSS colours. */
    colors: z.object({ accent: colour.default("#0b6e4f"), accentDark: colour.default("#5fd3a5") }).default({}),
  })
  .strict();

/** The site config as users write it. */
export type SiteInput = z.input<typeof siteSchema>;
/** The site config after validation and defaults, with `languages` always filled in. */
export type Site = z.output<typeof siteSchema> & { languages: string[] };

/** A config problem, with the file it came from. */
export class ConfigError extends Error {
  readonly file: string;
  readonly problems: string[];
  constructor(file: string, problems: string[]) {
    super(`${file}: the site config has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.file = file;
    this.problems = problems;
  }
}

/** Validates a parsed config; throws `ConfigError` listing every problem. */
export function validateSite(input: unknown, file: string): Site {
  const result = siteSchema.safeParse(input);
  if (!result.success) {
    throw new ConfigError(
      file,
      result.error.issues.map((issue) => `${issue.path.join(".") || "(top level)"}: ${issue.message}`),
    );
  }
  const site = result.data;
  const languages = site.languages ?? [site.lang];
  if (!languages.includes(site.lang)) {
    throw new ConfigError(file, [`languages: must include the main language "${site.lang}"`]);
  }
  return { ...site, languages: [site.lang, ...languages.filter((l) => l !== site.lang)] };
}

/** Reads and validates the site config file. */
export function loadSite(file: string): Site {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new ConfigError(file, ["the file is missing: create it (see README, Site config)"]);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [`not valid JSON (${(error as Error).message}); check commas and quotes`]);
  }
  return validateSite(input, file);
}

/** The text of a localized value for one language, falling back to the main language, then any. */
export function localize(value: Localized | undefined, lang: string, site: Pick<Site, "lang">): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  return value[lang] ?? value[site.lang] ?? Object.values(value)[0] ?? "";
}

/** What is wrong with the site's `url`, one problem at a time, or undefined. */
function urlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be an absolute URL such as https://news.example.org";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must start with https:// or http://";
  if (url.username || url.password) return "must not hold a user name or password: it would be printed in every address of the site";
  if (!/^https?:\/\/[^/?#]+\/*$/i.test(value))
    return 'must be the site\'s address alone, such as https://news.example.org: a folder goes in pathPrefix (e.g. "/newsroom/"), and there is no room for ?query or #fragment';
  return undefined;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isEncoding(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}
