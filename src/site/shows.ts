/**
 * What each kind of page shows: the one declaration the watch diff (`changes.ts`), the page cache's
 * keys (`page-cache.ts`) and Eleventy's incremental-rebuild answers (`plugins/releases.ts`) are
 * derived from.
 *
 * Templates never see more than this: a release page, list page or feed is handed views built
 * from the declaration (`pageViews`), plain frozen objects that hold the declared fields and
 * nothing else, so a template that reads an undeclared release field reads nothing, in a clean
 * build and a cached one alike. The rest of the archive (`newsroom.releases`, a tag's count) stays
 * readable, through `archiveView`, which records the read: the page cache is then off for that
 * kind of page (see `PageCacheSession.uncache`).
 */
import type { Release } from "../release/model.ts";
import { hashOf } from "../util/hash.ts";
import type { Feed, ListingPage, Newsroom, ReleaseLink, ReleaseLinks, ReleasePage, Section, Tag } from "./newsroom.ts";

/** Of each release a page shows (its own, or one in a list or feed): what templates and filters read. */
export const RELEASE_SHOWS = [
  "title",
  "slug",
  "lang",
  "dir",
  "url",
  "date",
  "updated",
  "tags",
  "summary",
  "location",
  "dateline",
  "byline",
  "desk",
  "contact",
  "image",
  "imageAlt",
  "embargo",
  "draft",
  "published",
  "id",
  "bodyHtml",
  "ogImage",
  "photos",
  "files",
  "mediaKit",
] as const satisfies ReadonlyArray<keyof Release>;

/** Of a neighbour or translation a release page links to. */
export const LINK_SHOWS = ["url", "title", "lang"] as const satisfies ReadonlyArray<keyof ReleaseLink>;

/** Of a tag a page links to; not its count, which changes with every release of the tag. */
export const TAG_SHOWS = ["name", "slug", "url"] as const satisfies ReadonlyArray<keyof Tag>;

/** Of the archive, what every kind of cached page reads: the language sections (without counts) and its own pages to write. */
export const ARCHIVE_SHOWS = ["sections", "sectionByLang"] as const;

/** The kinds of page the page cache keeps, each from one virtual template per output format. */
export type PageKind = "release" | "listing" | "feed";

export const PAGE_KINDS = {
  release: {
    templates: ["bayan-pages/release.11ty.js"],
    /** The files of `templates/` its pages are made with. */
    madeWith: /^(layouts|partials)\//,
    /** What of the newsroom it paginates over. */
    pages: "releasePagesToWrite",
    /** The watch diff's list of its pages to write again (see `NewsroomChanges`). */
    changed: "releaseUrls",
  },
  listing: {
    templates: ["bayan-pages/listing.njk"],
    madeWith: /^(layouts|partials)\/|^pages\/listing\.njk$/,
    pages: "listingsToWrite",
    changed: "listingUrls",
  },
  feed: {
    templates: ["bayan-feeds/rss.njk", "bayan-feeds/atom.njk", "bayan-feeds/json.njk"],
    madeWith: /^partials\/|^feeds\/(rss|atom|json|item)\.njk$/,
    pages: "feedsToRender",
    changed: "feedUrls",
  },
} as const satisfies Record<PageKind, { templates: readonly string[]; madeWith: RegExp; pages: string; changed: "releaseUrls" | "listingUrls" | "feedUrls" }>;

/**
 * The pages made from the whole archive or from none of it, never cached: what of the watch diff
 * makes a rebuild write them (`sections`: a tag or month added, removed or recounted), or nothing.
 */
export const WHOLE_ARCHIVE_PAGES: Record<string, "sections" | "sitemap" | undefined> = {
  "bayan-pages/tags.njk": "sections",
  "bayan-pages/archive.njk": "sections",
  "bayan-pages/search.njk": undefined,
  "bayan-pages/404.njk": undefined,
  "bayan-feeds/feed.xsl.njk": undefined,
  "bayan-feeds/robots.txt.njk": undefined,
  "bayan-feeds/sitemap.xml.njk": "sitemap",
};

const pick = <T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> => {
  const picked = {} as Pick<T, K>;
  for (const key of keys) if (from[key] !== undefined) picked[key] = from[key];
  return picked;
};

export type ReleaseView = Pick<Release, (typeof RELEASE_SHOWS)[number]>;
const releaseViews = new WeakMap<Release, ReleaseView>();

/**
 * A release as templates see it: its declared fields only. One view per release object: the
 * images and media plugins set `ogImage` and `mediaKit` on releases before pages render, and views
 * are made after them (again when a rebuild set new ones).
 */
export function releaseView(release: Release): ReleaseView {
  let view = releaseViews.get(release);
  if (!view || view.ogImage !== release.ogImage || view.mediaKit !== release.mediaKit)
    releaseViews.set(release, (view = Object.freeze(pick(release, RELEASE_SHOWS))));
  return view;
}

const linkView = (link: ReleaseLink | undefined) => link && pick(link, LINK_SHOWS);
const tagView = (tag: Tag | undefined) => tag && pick(tag, TAG_SHOWS);

/** A release's links as its page shows them. */
export function linksView(links: ReleaseLinks) {
  return { previous: linkView(links.previous), next: linkView(links.next), translations: links.translations.map(linkView), tags: links.tags.map(tagView) };
}

/** A language section as cached pages see it: without the counts of its tags, years and months. */
export function sectionView({ tags, years, ...section }: Section) {
  return {
    ...section,
    tags: tags.map(tagView),
    years: years.map(({ year, url, months }) => ({ year, url, months: months.map(({ month, url }) => ({ month, url })) })),
  };
}

/** What a page of each kind shows, as its templates receive it; equal views, equal pages. */
export const pageViews = {
  release: (page: ReleasePage) => Object.freeze({ release: releaseView(page.release), links: linksView(page.links), languageSwitch: page.languageSwitch }),
  listing: (listing: ListingPage) => Object.freeze({ ...listing, tag: tagView(listing.tag), releases: listing.releases.map(releaseView) }),
  feed: (feed: Feed) => Object.freeze({ ...feed, tag: tagView(feed.tag), releases: feed.releases.map(releaseView) }),
};

const releaseTexts = new WeakMap<ReleaseView, string>();
/**
 * A hash of a release's view, once per view: a release is not turned into text again for each list
 * it is on. Its body is hashed as it is, beside the other fields as JSON: written into JSON, 10,000
 * bodies took half the time of a build's page keys.
 */
const releaseText = (release: Release): string => {
  const view = releaseView(release);
  let text = releaseTexts.get(view);
  if (text === undefined) {
    const { bodyHtml, ...fields } = view;
    releaseTexts.set(view, (text = hashOf(JSON.stringify(fields), bodyHtml)));
  }
  return text;
};

/** What a page shows, as text: what its cache key hashes and the watch diff compares. Releases are in it as text of their own. */
export const shownText = {
  release: (page: ReleasePage) => JSON.stringify([releaseText(page.release), linksView(page.links), page.languageSwitch]),
  listing: (listing: ListingPage) => JSON.stringify({ ...listing, tag: tagView(listing.tag), releases: listing.releases.map(releaseText) }),
  feed: (feed: Feed) => JSON.stringify({ ...feed, tag: tagView(feed.tag), releases: feed.releases.map(releaseText) }),
};

/**
 * The `newsroom` a kind of page's templates read: the declared facts as views, and anything else
 * of the archive as it is, each such read handed to `readsMore` (the page cache is then off for
 * the kind). `current` gives the newsroom of the build being rendered.
 */
export function archiveView(kind: PageKind, current: () => Record<string, unknown> | undefined, readsMore: (kind: PageKind, what: string) => void): object {
  const declared = new Set<string>([...ARCHIVE_SHOWS, PAGE_KINDS[kind].pages]);
  // Frozen and without own properties, so Eleventy's data cascade passes it through as it is and
  // the proxy may answer any key.
  return new Proxy(Object.freeze(Object.create(ArchiveView.prototype)), {
    get(_target, key) {
      const newsroom = current();
      if (typeof key !== "string" || !newsroom || !Object.hasOwn(newsroom, key)) return undefined;
      if (declared.has(key)) return key === "sections" ? newsroom.shownSections : key === "sectionByLang" ? newsroom.shownSectionByLang : newsroom[key];
      readsMore(kind, `newsroom.${key}`);
      return newsroom[key];
    },
    has: (_target, key) => typeof key === "string" && !!current() && Object.hasOwn(current()!, key),
  });
}

/**
 * The classes of the newsroom data and its views: not plain objects, which Eleventy would copy
 * into each page's data, or merge a kind's view into (it keeps a plain object's own keys, so the
 * global `newsroom` would hide the view a template's data gives).
 */
class ArchiveView {}
class NewsroomData {}

/** The newsroom a build's templates read: `newsroom` and the pages to write, with the sections as cached pages see them. */
export function newsroomData(newsroom: Newsroom, toWrite: object) {
  const shownSections = newsroom.sections.map(sectionView);
  return Object.freeze(
    Object.assign(new NewsroomData(), {
      ...newsroom,
      ...toWrite,
      sectionByLang: Object.fromEntries(newsroom.sections.map((s) => [s.lang, s])),
      shownSections,
      shownSectionByLang: Object.fromEntries(shownSections.map((s) => [s.lang, s])),
    }),
  );
}
