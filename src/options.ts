import { DateTime } from "luxon";
import type { Site } from "./config.ts";

/** Options of the Bayan Eleventy plugin, as `eleventy.config.ts` passes them. */
export interface BayanOptions {
  /** The validated site config (`loadSite("templates/site.json")`). */
  site: Site;
  /** Folder of the release files, relative to the project. Default `releases`. */
  releases?: string;
  /** Show drafts and embargoed releases, marked as such (the dev server and `--drafts`). */
  preview?: boolean;
  /** The build clock as ISO 8601; embargoes are compared with it. Default: now. */
  now?: string;
}

/** Options with defaults applied and the clock parsed. */
export interface ResolvedOptions {
  site: Site;
  releases: string;
  preview: boolean;
  now: DateTime;
}

/** Applies defaults; a bad clock value is an error that names the option. */
export function resolveOptions(options: BayanOptions): ResolvedOptions {
  if (!options?.site) throw new Error("[bayan] the `site` option is required: addPlugin(bayan, { site: loadSite(\"templates/site.json\") })");
  const now = options.now ? DateTime.fromISO(options.now, { setZone: true }) : DateTime.now();
  if (!now.isValid) throw new Error(`[bayan] the build clock "${options.now}" is not an ISO 8601 date-time (e.g. 2026-11-24T09:00:00+03:00)`);
  return { site: options.site, releases: options.releases ?? "releases", preview: options.preview ?? false, now };
}

/** Plugin options from the environment, for `eleventy.config.ts`: BAYAN_PREVIEW=1 and BAYAN_NOW=<ISO date-time>. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): Pick<BayanOptions, "preview" | "now"> {
  return { preview: env.BAYAN_PREVIEW === "1", now: env.BAYAN_NOW || undefined };
}
