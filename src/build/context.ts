import { auditedFiles, type AuditedFiles } from "../audit/audited.ts";
import { backgroundWork, type BackgroundWork } from "./background.ts";
import type { PageCacheSession } from "./page-cache.ts";

/**
 * What one build's steps hand each other besides Eleventy's data: made by `buildSite` and passed
 * to the plugin in its options (`context`), or made by the plugin itself for a plain
 * `npx @11ty/eleventy` run, where it lasts the whole watch session. Passed, never parked on
 * `globalThis`: two builds in one process never see each other's.
 */
export interface BuildContext {
  /** Files written and searched for the embargo audit already (page-cache links, the search index). */
  audited: AuditedFiles;
  /** Work started and not waited for at once (the search index, the pages' writer). */
  background: BackgroundWork;
  /** The page cache `buildSite` opened for this build's output; none in a preview or a plain Eleventy run. */
  pageCache?: PageCacheSession;
  /**
   * `buildSite`'s, once its Eleventy is made: turns Eleventy's own writing of this build's pages
   * off, so that the plugin writes them (on a worker thread, see plugins/audit.ts); false where
   * that cannot be done, and Eleventy writes them.
   */
  ownWrites?: () => boolean;
}

/** A fresh context; `parts` it is handed are kept (`buildSite` opens its page cache on the context's `audited`). */
export function buildContext(parts: Partial<BuildContext> = {}): BuildContext {
  return { audited: parts.audited ?? auditedFiles(), background: parts.background ?? backgroundWork(), pageCache: parts.pageCache, ownWrites: parts.ownWrites };
}
