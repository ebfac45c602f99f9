import path from "node:path";
import type { ResolvedOptions } from "../options.ts";
import { ReleaseErrors } from "../diagnostics.ts";
import { loadReleases } from "../release/load.ts";
import type { Diagnostic, Release } from "../release/model.ts";
import { auditTargets, type AuditTargets } from "../audit/audit.ts";
import { diffNewsroom, type NewsroomChanges } from "./changes.ts";
import { buildNewsroom, type Newsroom } from "./newsroom.ts";
import { readingReleases } from "../build/progress.ts";

/** The releases of one build, loaded once and shared by every template, feed and index. */
export interface Loaded {
  newsroom: Newsroom;
  /** Every release loaded, shown or not (the audit reports a leak by its release file). */
  releases: Release[];
  diagnostics: Diagnostic[];
  /**
   * What the embargo audit looks for and what is public, worked out when asked (only a build's
   * search index is audited, not every `npm start` edit); none in a preview, which is not audited.
   */
  audit?: () => AuditTargets;
  /**
   * In a watch rebuild caused only by release files: the pages that changed (the newsroom's
   * `releasePagesToWrite`, `listingsToWrite` and `feedsToWrite` are cut down to them). Undefined in a full build.
   */
  changes?: NewsroomChanges;
}

/**
 * Loads the releases on first use and keeps them until `invalidate` (called when watched files change).
 * Throws `ReleaseErrors` when any release has an error, so nothing half-valid is published; in a
 * preview (`npm start`) it leaves the broken releases out instead, and `problems` lists their errors.
 */
export function createSource(options: ResolvedOptions, root: string) {
  let loading: Promise<Loaded> | undefined;
  // The last load: what the previous build wrote, until the next load compares against it.
  let latest: Loaded | undefined;
  // Files Eleventy saw change since the last load; undefined: none noted (a first or full build).
  let changedFiles: Set<string> | undefined;
  const releasesFolder = `${options.releases.replace(/\/+$/, "")}/`;
  const fileOf = (inputPath: string) => path.relative(root, path.resolve(root, inputPath)).split(path.sep).join("/");

  const load = async (): Promise<Loaded> => {
    // A watch rebuild after release edits only: the loader checks only the files the watcher named
    // (it still lists the folder), and the build writes only the pages that changed.
    const afterReleaseEdits = latest && changedFiles && changedFiles.size > 0 && [...changedFiles].every((file) => file.startsWith(releasesFolder));
    const handed = latest ? undefined : options.loaded;
    const { releases, diagnostics } =
      handed ??
      loadReleases({
        root,
        releasesDir: options.releases,
        site: options.site,
        now: options.now,
        changedFiles: afterReleaseEdits ? changedFiles : undefined,
        onProgress: readingReleases,
      });
    if (!options.preview && diagnostics.some((d) => d.severity === "error")) throw new ReleaseErrors(diagnostics);
    const shown = options.preview ? releases : releases.filter((release) => release.published);
    const loaded: Loaded = {
      newsroom: buildNewsroom(shown, options.site),
      releases,
      diagnostics,
      audit: options.preview ? undefined : () => auditTargets(releases),
    };
    if (latest && afterReleaseEdits) {
      const changes = diffNewsroom(latest.newsroom, loaded.newsroom);
      loaded.changes = changes;
      loaded.newsroom.releasePagesToWrite = loaded.newsroom.releasePages.filter((page) => changes.releaseUrls.has(page.release.url));
      loaded.newsroom.listingsToWrite = loaded.newsroom.listings.filter((page) => changes.listingUrls.has(page.url));
      loaded.newsroom.feedsToWrite = loaded.newsroom.feeds.filter((feed) => changes.feedUrls.has(feed.links.rss));
    }
    latest = loaded;
    changedFiles = undefined;
    return loaded;
  };
  return {
    get: () => (loading ??= load()),
    /**
     * Drops the loaded releases; the next `get` reads them again (unchanged files come from the
     * parse cache). `changed` (Eleventy's watch queue) lets that build write only what changed.
     */
    invalidate: (changed?: readonly string[]) => {
      loading = undefined;
      if (changed) for (const file of changed) (changedFiles ??= new Set()).add(fileOf(file));
    },
    /**
     * The pages that changed in this watch rebuild, once loaded; undefined when everything is
     * written (a full build, or a change to something other than releases).
     */
    changes: (): NewsroomChanges | undefined => latest?.changes,
    /** The errors of the releases a preview left out at its last load (none outside a preview, which stops on them). */
    problems: (): Diagnostic[] => latest?.diagnostics.filter((d) => d.severity === "error") ?? [],
  };
}

export type Source = ReturnType<typeof createSource>;
