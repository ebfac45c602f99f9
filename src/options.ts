import { DateTime } from "luxon";
import { impossibleOffset } from "./dates/dates.ts";
import { siteSchema, type Site } from "./config.ts";
import type { LoadedReleases } from "./release/load.ts";
import type { BuildContext } from "./build/context.ts";

/** Options of the Bayan Eleventy plugin: `eleventyConfig.addPlugin(bayan, options)`. */
export interface BayanOptions {
  /** The validated site config (`loadSite("site.json")`). */
  site: Site;
  /** The project folder, which holds the releases and `assets/`. Default: Eleventy's input folder. */
  root?: string;
  /** Folder of the release files, relative to the project. Default `releases`. */
  releases?: string;
  /**
   * The site's own templates, each overriding Bayan's of the same name (`partials/footer.njk`,
   * `i18n/ar.json`…). Default: `bayan/` in Eleventy's includes folder; the `bayan` command uses `templates/`.
   */
  templates?: string;
  /** Show drafts and embargoed releases, marked as such (the dev server and `--drafts`). */
  preview?: boolean;
  /** The build clock as ISO 8601; embargoes are compared with it. Default: now. */
  now?: string;
  /** The releases as `buildSite` has just loaded and checked them: the first build takes these instead of reading the folder again. */
  loaded?: LoadedReleases;
  /** What `buildSite` shares with the plugin for this build alone (its page cache); default: the plugin's own, for its whole run. */
  context?: BuildContext;
}

/** Options with defaults applied and the clock parsed. */
export interface ResolvedOptions {
  site: Site;
  root?: string;
  templates?: string;
  loaded?: LoadedReleases;
  context?: BuildContext;
  releases: string;
  preview: boolean;
  now: DateTime;
}

/** Applies defaults; a bad clock value is an error that names the option. */
export function resolveOptions(options: BayanOptions): ResolvedOptions {
  if (!options?.site) throw new Error('[bayan] the `site` option is required: addPlugin(bayan, { site: loadSite("templates/site.json") })');
  const now = options.now ? parseClock(options.now, options.site.timezone) : DateTime.now();
  return { ...options, releases: options.releases ?? "releases", preview: options.preview ?? false, now };
}

/** A command-line option with a value Bayan cannot use; printed as `--now: error: …` and the hint. */
export class OptionError extends Error {
  readonly option: string;
  readonly detail: string;
  readonly hint: string;
  constructor(option: string, detail: string, hint: string) {
    super(`${option}: ${detail}`);
    this.name = "OptionError";
    this.option = option;
    this.detail = detail;
    this.hint = hint;
  }
}

/**
 * Reads `--pathprefix` with the rule and the message of the config's `pathPrefix` (one schema for both).
 * @example parsePathPrefix("/newsroom/") // "/newsroom/"
 */
export function parsePathPrefix(value: string): string {
  const result = siteSchema.shape.pathPrefix.safeParse(value);
  if (!result.success)
    throw new OptionError(
      "--pathprefix",
      `"${value}" ${result.error.issues[0].message}`,
      "write the folder the site is served from, e.g. --pathprefix=/newsroom/ (the same rule as pathPrefix in templates/site.json)",
    );
  return result.data;
}

/**
 * Reads the build clock (`--now`). A date-time without an offset is in the site's time zone, as
 * embargoes and dates without one are: `2026-12-01T07:59:59` on a Riyadh site is 07:59:59 in Riyadh
 * whatever the machine's zone. Throws `OptionError` naming the option for anything else.
 * @example parseClock("2026-12-01T07:59:59", "Asia/Riyadh").toISO() // "2026-12-01T07:59:59.000+03:00"
 */
export function parseClock(value: string, timezone: string): DateTime {
  const now = DateTime.fromISO(value.trim(), { zone: timezone, setZone: true });
  if (!now.isValid) {
    throw new OptionError(
      "--now",
      `"${value}" is not a date and time`,
      `write it as ISO 8601, e.g. --now=2026-11-24T09:00:00+03:00 (without an offset it is read in the site's time zone, ${timezone})`,
    );
  }
  const offset = impossibleOffset(value);
  if (offset)
    throw new OptionError(
      "--now",
      `"${value}" has the time zone offset ${offset}, which no place uses`,
      "offsets run from -12:00 to +14:00, e.g. --now=2026-11-24T09:00:00+03:00",
    );
  return now;
}
