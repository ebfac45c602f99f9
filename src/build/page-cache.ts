/**
 * Pages kept between builds in `.cache/bayan-pages/`, so a build renders only the release pages,
 * list pages and feeds whose content changed and links the others into its output (a CI that
 * restores `.cache/` gets the same). A file is stored under a hash of everything it is made from:
 *
 * - a release page: its release as the templates are handed it (the fields `shows.ts` declares,
 *   and its picture), and what it shows of other releases: neighbours, translations, its tags'
 *   names and pages, the language switch — the same text by which `npm start` decides which pages
 *   an edit rewrites (`changes.ts`);
 * - a list page (home, tag, year, month) or a feed in one format: the list as its template reads
 *   it, each release in it as above, and for feeds the logo;
 * - for all: the site's settings and language sections (without counts), every file of
 *   `templates/`, the Eleventy config, the plugin's own code (`codeFingerprint`) and its rendering
 *   libraries' versions (`renderFingerprint`).
 *
 * What a page shows is declared once, in `shows.ts`, and templates are handed only that. A kind of
 * page whose templates read more of the archive (a "latest releases" box, tag counts) is found out
 * as it renders (`archiveView`): nothing of that kind is stored, and the cache remembers it, so
 * builds with the same templates and code render that kind every time. A build with other
 * templates has other keys, so it renders every page and finds out afresh.
 *
 * Only `buildSite` uses the cache, and notes files in it (what later builds take) only once the
 * embargo audit has passed.
 * A cached file is audited again whenever the hidden releases differ from those of the build that
 * stored it; otherwise its verdict stands, since its text is the same and so are the traces
 * looked for (a trace excused as public words comes from the releases it shows, which are in its key).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Eleventy } from "@11ty/eleventy";
import { filesUnder, publishFiles } from "../util/files.ts";
import { hashOf } from "../util/hash.ts";
import { openLinkCache } from "../util/link-cache.ts";
import { modulesOf } from "../util/modules.ts";
import type { HiddenRelease, Match } from "../audit/audit.ts";
import type { AuditedFiles } from "../audit/audited.ts";
import type { Feed, FeedLinks, ListingPage, ReleasePage, Section } from "../site/newsroom.ts";
import { sectionView, shownText, type PageKind } from "../site/shows.ts";
import { outputPath } from "../release/url.ts";

const FOLDER = "bayan-pages";

/** One build's use of the cache, from `buildSite`'s start until it publishes. */
export interface PageCacheSession {
  /** The project's cache folder (`.cache/`), which other caches of a fresh output live in too. */
  cacheDir: string;
  /**
   * The pages of `kind` to render: those without a cached copy, or all of them when that kind's
   * templates read more than their keys hold. Links the others into the output at their URL
   * (`/a/` is `a/index.html`), noting them for the audit as already searched when their verdict stands.
   */
  toRender<T>(kind: PageKind, fingerprint: string, pages: T[], keyOf: (page: T) => string, urlOf: (page: T) => string): T[];
  /** A page of `kind` read `what`, which its key does not hold: that kind is neither stored nor taken under this build's fingerprint. */
  uncache(kind: PageKind, what: string): void;
  /** The kinds of page not cached, and the first read that turned each off. */
  uncached: Map<PageKind, string>;
  /**
   * Reads and links into the cache what `commit` will store, before the audit has passed, so that
   * the commit only notes it: the build calls it while it waits for the audit's worker. What it
   * links is never taken until the commit notes it (a build whose audit fails never does, and the
   * next commit deletes it). Never throws.
   */
  prepare(): void;
  /** Once the audit has passed: stores the files this build rendered and drops those it no longer has. */
  commit(): void;
}

/** What the cache's manifest notes besides its files. */
interface Note {
  /** Whose traces the stored pages were searched for. */
  hidden: string;
  /** The fingerprint the stored pages were made under, and the kinds of page that read more than their keys under it. */
  fingerprint: string;
  uncached: Partial<Record<PageKind, string>>;
}

/**
 * Opens the cache of `cacheDir` for a build into `output` that the embargo audit searches for
 * `hidden`; the pages it links whose verdict stands are noted in the build's `audited`. The
 * build's plugins get it in the build's context (`BuildContext.pageCache`).
 */
export function openPageCache(cacheDir: string, output: string, hidden: HiddenRelease[], audited: AuditedFiles): PageCacheSession {
  const cache = openLinkCache(path.join(cacheDir, FOLDER));
  const hiddenHash = hashOf(JSON.stringify(hidden)).slice(0, 40);
  const noted = readNote(cache.note);
  let fingerprint = "";
  const uncached = new Map<PageKind, string>();
  const rendered = new Map<PageKind, Array<[key: string, file: string]>>();
  /** The output file of a page at `url` (`/a/` is `a/index.html`). */
  const fileOf = (url: string) => path.join(output, ...outputPath(url).split("/"), ...(url.endsWith("/") ? ["index.html"] : []));
  const addRendered = () => {
    for (const [kind, made] of rendered) if (!uncached.has(kind)) for (const [key, file] of made) cache.add(key, file);
  };
  return {
    cacheDir,
    uncached,
    toRender(kind, builtUnder, pages, keyOf, urlOf) {
      fingerprint = builtUnder;
      const known = noted.fingerprint === fingerprint ? noted.uncached[kind] : undefined;
      if (known !== undefined) uncached.set(kind, known);
      if (uncached.has(kind)) return pages;
      const toRender: typeof pages = [];
      const links: Array<[from: string, to: string]> = [];
      const searched = new Map<string, Match[]>();
      const made = rendered.get(kind) ?? rendered.set(kind, []).get(kind)!;
      for (const page of pages) {
        const key = keyOf(page);
        const file = fileOf(urlOf(page));
        const cached = cache.take(key);
        if (!cached) {
          // Stored at commit, once the audit has passed, unless the kind turns out to read more.
          made.push([key, file]);
          toRender.push(page);
          continue;
        }
        links.push([cached, file]);
        if (noted.hidden === hiddenHash) searched.set(file, []);
      }
      publishFiles(links);
      audited.note(searched);
      return toRender;
    },
    uncache(kind, what) {
      if (!uncached.has(kind)) uncached.set(kind, what);
    },
    prepare() {
      addRendered();
      try {
        cache.stage();
      } catch {
        // A file it cannot read (removed meanwhile): `commit` reads again, and reports what fails.
      }
    },
    commit() {
      addRendered();
      cache.save(JSON.stringify({ hidden: hiddenHash, fingerprint, uncached: Object.fromEntries(uncached) } satisfies Note));
    },
  };
}

function readNote(note: string): Note {
  try {
    return JSON.parse(note) as Note;
  } catch {
    return { hidden: "", fingerprint: "", uncached: {} };
  }
}

/** Hash of the site config, sections as cached pages show them, `templates/`, the Eleventy config and Bayan's code. */
export function renderFingerprint({ root, templates, site, sections }: { root: string; templates: string; site: unknown; sections: Section[] }): string {
  const hash = createHash("sha256").update(codeFingerprint());
  for (const file of filesUnder(templates))
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(path.join(templates, file)))
      .update("\0");
  for (const config of ["eleventy.config.ts", "eleventy.config.js", "eleventy.config.mjs"]) {
    if (existsSync(path.join(root, config))) hash.update(config).update(readFileSync(path.join(root, config)));
  }
  return hash.update(JSON.stringify([site, sections.map(sectionView)])).digest("hex");
}

/**
 * The keys of a build's release pages, list pages and feeds under its `fingerprint`: what each
 * shows (`shows.ts`); `picture` as the `releasePicture` filter gives it, `logo` as `feedLogo` does.
 */
export function cacheKeys(fingerprint: string, picture: (url: string) => unknown, logo: unknown) {
  const key = (...parts: string[]) => hashOf(fingerprint, ...parts).slice(0, 40);
  const pictures = (releases: Array<{ url: string }>) => JSON.stringify(releases.map((release) => picture(release.url) ?? null));
  return {
    releasePage: (page: ReleasePage) => key("release", shownText.release(page), pictures([page.release])),
    listing: (listing: ListingPage) => key("listing", shownText.listing(listing), pictures(listing.releases)),
    feed: (feed: Feed, format: keyof FeedLinks) => key("feed", format, shownText.feed(feed), pictures(feed.releases), JSON.stringify(logo ?? null)),
  };
}

const SOURCE = path.resolve(import.meta.dirname, "..");
const fingerprints = new Map<string, string>();

/**
 * Bayan's code that pages are rendered with (the plugin, `index.ts`, and `buildSite`, and every
 * module they import or load by path, directly or not) and its rendering libraries' versions. Developer tools, in `tools/` or in
 * `src/` but imported by no part of the plugin, are not in it: editing one keeps every page cache.
 */
export function codeFingerprint(source = SOURCE): string {
  let code = fingerprints.get(source);
  if (code) return code;
  const hash = createHash("sha256").update(`@11ty/eleventy@${Eleventy.getVersion()}`);
  for (const file of pluginModules(source)) hash.update(file).update(readFileSync(path.join(source, file)));
  const require = createRequire(import.meta.url);
  for (const library of ["nunjucks", "markdown-it", "luxon"]) hash.update(`${library}@${(require(`${library}/package.json`) as { version: string }).version}`);
  fingerprints.set(source, (code = hash.digest("hex")));
  return code;
}

/** The modules of `source` that `index` and `build/build` import or load by path (a worker), directly or not, sorted; relative paths. */
export function pluginModules(source = SOURCE): string[] {
  return modulesOf(source, ["index", "build/build"]);
}
