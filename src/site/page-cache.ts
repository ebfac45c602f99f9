/**
 * Pages kept between builds in `.cache/bayan-pages/`, so a build renders only the release pages,
 * list pages and feeds whose content changed and links the others into its output (a CI that
 * restores `.cache/` gets the same). A file is stored under a hash of everything it is made from:
 *
 * - a release page: its release as the templates read it (text, dates, tags, Open Graph image,
 *   front matter, picture), and what it shows of other releases: neighbours, translations, its
 *   tags' names and pages, the language switch — the rule by which `npm start` decides which pages
 *   an edit rewrites (`changes.ts`);
 * - a list page (home, tag, year, month) or a feed in one format: the list as its template reads
 *   it, each release in it as above, and for feeds the logo;
 * - for all: the site's settings and language sections (without counts), every file of
 *   `templates/`, the Eleventy config, Bayan's own code and its rendering libraries' versions
 *   (`renderFingerprint`).
 *
 * Templates that read more of the archive than that (a "latest releases" box, tag counts) are
 * rendered every time: `renderFingerprint` names them, and the pages they make are not cached.
 *
 * Only `buildSite` uses the cache, and stores files in it only once the embargo audit has passed.
 * A cached file is audited again whenever the hidden releases differ from those of the build that
 * stored it; otherwise its verdict stands, since its text is the same and so are the traces
 * looked for (a trace excused as public words comes from the releases it shows, which are in its key).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Eleventy } from "@11ty/eleventy";
import { hashOf, publishFiles } from "../images/cache.ts";
import { filesUnder, type HiddenRelease, type Match } from "./audit.ts";
import { openLinkCache } from "./link-cache.ts";
import { noteAudited } from "./audited.ts";
import type { Feed, FeedLinks, ListingPage, ReleasePage, Section } from "./newsroom.ts";
import type { Release } from "../release/model.ts";
import { outputPath } from "../release/url.ts";
import { processWide } from "./process-wide.ts";

const FOLDER = "bayan-pages";

/** One build's use of the cache, from `buildSite`'s start until it publishes. */
export interface PageCacheSession {
  /** The project's cache folder (`.cache/`), which other caches of a fresh output live in too. */
  cacheDir: string;
  /**
   * The pages to render: those without a cached copy. Links the others into the output at their
   * URL (`/a/` is `a/index.html`), noting them for the audit as already searched when their
   * verdict stands.
   */
  toRender<T>(pages: T[], keyOf: (page: T) => string, urlOf: (page: T) => string): T[];
  /** Once the audit has passed: stores the files this build rendered and drops those it no longer has. */
  commit(): void;
  /** Ends the session, the build published or not. */
  close(): void;
}

const sessions = processWide("page-cache", () => new Map<string, PageCacheSession>());

/**
 * Opens the cache of `cacheDir` for a build into `output` (an existing folder) that the embargo audit
 * searches for `hidden`. The build's plugins find it with `pageCacheFor(output)` until it is closed.
 */
export function openPageCache(cacheDir: string, output: string, hidden: HiddenRelease[]): PageCacheSession {
  const sessionKey = realpathSync(output);
  const cache = openLinkCache(path.join(cacheDir, FOLDER));
  const hiddenHash = hashOf(JSON.stringify(hidden)).slice(0, 40);
  const session: PageCacheSession = {
    cacheDir,
    toRender(pages, keyOf, urlOf) {
      const toRender: typeof pages = [];
      const links: Array<[from: string, to: string]> = [];
      const audited = new Map<string, Match[]>();
      for (const page of pages) {
        const key = keyOf(page);
        const url = urlOf(page);
        const file = path.join(output, ...outputPath(url).split("/"), ...(url.endsWith("/") ? ["index.html"] : []));
        const cached = cache.take(key);
        if (!cached) {
          // Stored at commit, once the audit has passed.
          cache.add(key, file);
          toRender.push(page);
          continue;
        }
        links.push([cached, file]);
        if (cache.note === hiddenHash) audited.set(file, []);
      }
      publishFiles(links);
      noteAudited(audited);
      return toRender;
    },
    commit: () => cache.save(hiddenHash),
    close: () => void sessions.delete(sessionKey),
  };
  sessions.set(sessionKey, session);
  return session;
}

/** The session of the build writing into `output`, if `buildSite` opened one. */
export function pageCacheFor(output: string): PageCacheSession | undefined {
  // By real path: Eleventy may name the folder from the working directory, where links are resolved.
  const real = existsSync(output) ? realpathSync(output) : undefined;
  return real === undefined ? undefined : sessions.get(real);
}

/** What every cached file of a build is made from besides its own data (see the top of this file). */
export interface RenderFingerprint {
  hash: string;
  /** Files of `templates/` that read more of the archive than a key holds: the pages made with them are rendered every time. */
  readers: string[];
}

/** Hash of the site config, sections, `templates/`, the Eleventy config and Bayan's code, and which templates read the archive. */
export function renderFingerprint({ root, templates, site, sections }: { root: string; templates: string; site: unknown; sections: Section[] }): RenderFingerprint {
  const files = filesUnder(templates).map((file) => ({ file, bytes: readFileSync(path.join(templates, file)) }));
  const hash = createHash("sha256").update(codeFingerprint());
  for (const { file, bytes } of files) hash.update(file).update("\0").update(bytes).update("\0");
  for (const config of ["eleventy.config.ts", "eleventy.config.js", "eleventy.config.mjs"]) {
    if (existsSync(path.join(root, config))) hash.update(config).update(readFileSync(path.join(root, config)));
  }
  const shownSections = sections.map(({ tags, years, ...section }) => ({
    ...section,
    tags: tags.map(({ count: _, ...tag }) => tag),
    years: years.map(({ year, url, months }) => ({ year, url, months: months.map(({ month, url }) => ({ month, url })) })),
  }));
  const readers = files.filter(({ bytes }) => READS_ARCHIVE.test(bytes.toString())).map(({ file }) => file);
  return { hash: hash.update(JSON.stringify([site, shownSections])).digest("hex"), readers };
}

/** Anything of the newsroom besides its language sections, Eleventy's collections, or a count. */
const READS_ARCHIVE = /\bcollections\b|\bnewsroom\b(?!\.(?:sectionByLang|sections)\b)|\.count\b/;

/**
 * The keys of a build's release pages, list pages and feeds under its `fingerprint`; `picture`
 * as the `releasePicture` filter gives it, `logo` as `feedLogo` does. Each release is hashed once.
 */
export function cacheKeys(fingerprint: string, picture: (url: string) => unknown, logo: unknown) {
  const digests = new Map<Release, string>();
  const digest = (release: Release): string => {
    let hash = digests.get(release);
    if (!hash) digests.set(release, (hash = hashOf(JSON.stringify(release), JSON.stringify(picture(release.url) ?? null))));
    return hash;
  };
  const key = (...parts: string[]) => hashOf(fingerprint, ...parts).slice(0, 40);
  return {
    releasePage: ({ release, links, languageSwitch }: ReleasePage) =>
      key("release", digest(release), JSON.stringify([links.previous, links.next, links.translations, links.tags.map(({ count: _, ...tag }) => tag), languageSwitch])),
    listing: (listing: ListingPage) => key("listing", JSON.stringify({ ...listing, releases: listing.releases.map(digest) })),
    feed: (feed: Feed, format: keyof FeedLinks) => key("feed", format, JSON.stringify({ ...feed, releases: feed.releases.map(digest) }), JSON.stringify(logo ?? null)),
  };
}



let code: string | undefined;

/** Bayan's own source (the filters, plugins and models pages are rendered with) and its rendering libraries' versions. */
function codeFingerprint(): string {
  if (code) return code;
  const src = path.resolve(import.meta.dirname, "..");
  const hash = createHash("sha256").update(`@11ty/eleventy@${Eleventy.getVersion()}`);
  for (const file of filesUnder(src)) hash.update(file).update(readFileSync(path.join(src, file)));
  const require = createRequire(import.meta.url);
  for (const library of ["nunjucks", "markdown-it", "luxon"]) hash.update(`${library}@${(require(`${library}/package.json`) as { version: string }).version}`);
  return (code = hash.digest("hex"));
}
