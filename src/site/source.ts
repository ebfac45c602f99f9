import path from "node:path";
import type { ResolvedOptions } from "../options.ts";
import { ReleaseErrors } from "../diagnostics.ts";
import { loadReleases } from "../release/load.ts";
import type { Diagnostic, Release } from "../release/model.ts";
import { buildNewsroom, type Newsroom } from "./newsroom.ts";

/** The releases of one build, loaded once and shared by every template, feed and index. */
export interface Loaded {
  newsroom: Newsroom;
  diagnostics: Diagnostic[];
  /** Every release by project-relative path, including those not shown. */
  byFile: Map<string, Release>;
}

/**
 * Loads the releases on first use and keeps them until `invalidate` (called when watched files change).
 * Throws `ReleaseErrors` when any release has an error, so nothing half-valid is published.
 */
export function createSource(options: ResolvedOptions, root: string) {
  let loading: Promise<Loaded> | undefined;
  const load = async (): Promise<Loaded> => {
    const { releases, diagnostics } = loadReleases({ root, releasesDir: options.releases, site: options.site, now: options.now });
    if (diagnostics.some((d) => d.severity === "error")) throw new ReleaseErrors(diagnostics);
    const shown = options.preview ? releases : releases.filter((release) => release.published);
    return { newsroom: buildNewsroom(shown, options.site), diagnostics, byFile: new Map(releases.map((r) => [r.file, r])) };
  };
  return {
    get: () => (loading ??= load()),
    invalidate: () => {
      loading = undefined;
    },
    /** Project-relative path of an Eleventy input path such as `./releases/x.txt`. */
    fileOf: (inputPath: string) => path.relative(root, path.resolve(root, inputPath)).split(path.sep).join("/"),
  };
}

export type Source = ReturnType<typeof createSource>;
