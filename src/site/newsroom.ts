import { DateTime } from "luxon";
import type { Site } from "../config.ts";
import { newestDate } from "../feeds/dates.ts";
import { directionOf } from "../text/direction.ts";
import type { Release } from "../release/model.ts";
import { languageRoot } from "../release/url.ts";
import { tagKey, tagSlug, type SlugStyle } from "../text/slug.ts";

/** A link to a release as lists, neighbours and language switches show it. */
export interface ReleaseLink {
  url: string;
  title: string;
  lang: string;
}

/** A tag of one language section, with its page. */
export interface Tag {
  name: string;
  slug: string;
  url: string;
  count: number;
}

/** Where the three feeds of a section or tag live. */
export interface FeedLinks {
  rss: string;
  atom: string;
  json: string;
}

/** One page of a paginated list: the home page, a tag, a year or a month of the archive. */
export interface ListingPage {
  kind: "home" | "tag" | "year" | "month";
  url: string;
  lang: string;
  dir: "rtl" | "ltr";
  releases: Release[];
  pageNumber: number;
  pageCount: number;
  previousUrl?: string;
  nextUrl?: string;
  tag?: Tag;
  year?: number;
  month?: number;
  /** Feeds of this list (home and tags). */
  feeds?: FeedLinks;
}

/** A feed to write: the newest releases of a section or a tag. */
export interface Feed {
  lang: string;
  dir: "rtl" | "ltr";
  links: FeedLinks;
  /** The page the feed mirrors. */
  pageUrl: string;
  tag?: Tag;
  releases: Release[];
  /**
   * When the feed last changed: its newest `updated`, or for an empty feed the site's, so a
   * rebuild writes the same file (Atom needs a date even then).
   */
  updated: string;
}

/** One language of the site and what its index pages list. */
export interface Section {
  lang: string;
  dir: "rtl" | "ltr";
  /** `/` or `/en/`. */
  root: string;
  feeds: FeedLinks;
  tags: Tag[];
  years: Array<{ year: number; url: string; count: number; months: Array<{ month: number; url: string; count: number }> }>;
}

/** What a release page links to besides itself. */
export interface ReleaseLinks {
  previous?: ReleaseLink;
  next?: ReleaseLink;
  translations: ReleaseLink[];
  tags: Tag[];
}

/** A release page: the release and what it links to. */
export interface ReleasePage {
  release: Release;
  links: ReleaseLinks;
  /** Language → URL of this release in that language, for the language switch. */
  languageSwitch: Record<string, string>;
}

/** Everything the pages, feeds and search are made from, computed once per build. */
export interface Newsroom {
  /** Releases that get a page: the published ones, or all of them in preview. Newest first. */
  releases: Release[];
  releasePages: ReleasePage[];
  sections: Section[];
  listings: ListingPage[];
  feeds: Feed[];
  links: Map<string, ReleaseLinks>;
  /**
   * The release pages, list pages and feeds to write in this build: all of them, except in a watch
   * rebuild after release edits, where only those whose content changed (the others are already
   * in the output).
   */
  releasePagesToWrite: ReleasePage[];
  listingsToWrite: ListingPage[];
  feedsToWrite: Feed[];
}

/**
 * Builds every list of the site in one pass over the releases, so that no page, tag or
 * archive costs O(archive) on its own. `releases` must be newest first.
 */
export function buildNewsroom(releases: Release[], site: Site): Newsroom {
  const sections: Section[] = [];
  const listings: ListingPage[] = [];
  const feeds: Feed[] = [];
  const links = new Map<string, ReleaseLinks>();
  const siteUpdated = newestDate(releases.map((release) => release.updated)) ?? "1970-01-01T00:00:00Z";
  const feedOf = (fields: Omit<Feed, "releases" | "updated">, newest: Release[]): Feed => {
    const shown = newest.slice(0, site.feedSize);
    return { ...fields, releases: shown, updated: newestDate(shown.map((release) => release.updated)) ?? siteUpdated };
  };

  for (const lang of site.languages) {
    const dir = directionOf(lang);
    const root = languageRoot(site, lang);
    const own = releases.filter((release) => release.lang === lang);
    const sectionFeeds = feedLinks(root);
    const { tags, tagOf } = collectTags(own, root, site.slugs);
    const byTag = new Map(tags.map((tag) => [tag, [] as Release[]]));
    const byMonth = new Map<string, Release[]>();
    for (const release of own) {
      for (const tag of tagsOf(release, tagOf)) byTag.get(tag)!.push(release);
      const key = monthOf(release.date);
      if (!byMonth.has(key)) byMonth.set(key, []);
      byMonth.get(key)!.push(release);
    }

    const base = { lang, dir };
    listings.push(...paginate(own, root, site.perPage, { ...base, kind: "home", feeds: sectionFeeds }));
    feeds.push(feedOf({ ...base, links: sectionFeeds, pageUrl: root }, own));
    for (const tag of tags) {
      const tagged = byTag.get(tag)!;
      const tagFeeds = feedLinks(tag.url);
      listings.push(...paginate(tagged, tag.url, site.perPage, { ...base, kind: "tag", tag, feeds: tagFeeds }));
      feeds.push(feedOf({ ...base, links: tagFeeds, pageUrl: tag.url, tag }, tagged));
    }

    const years: Section["years"] = [];
    for (const [key, monthReleases] of byMonth) {
      const [year, month] = key.split("/").map(Number);
      let entry = years.find((y) => y.year === year);
      if (!entry) {
        entry = { year, url: `${root}archive/${year}/`, count: 0, months: [] };
        years.push(entry);
      }
      entry.count += monthReleases.length;
      entry.months.push({ month, url: `${root}archive/${key}/`, count: monthReleases.length });
      listings.push(...paginate(monthReleases, `${root}archive/${key}/`, site.perPage, { ...base, kind: "month", year, month }));
    }
    for (const entry of years) {
      const yearReleases = entry.months.flatMap(({ month }) => byMonth.get(`${entry.year}/${String(month).padStart(2, "0")}`)!);
      listings.push(...paginate(yearReleases, entry.url, site.perPage, { ...base, kind: "year", year: entry.year }));
    }
    sections.push({ lang, dir, root, feeds: sectionFeeds, tags, years });

    own.forEach((release, index) => {
      links.set(release.url, {
        // `own` is newest first: the previous release is the older one.
        previous: own[index + 1] && linkTo(own[index + 1]),
        next: own[index - 1] && linkTo(own[index - 1]),
        translations: [],
        tags: tagsOf(release, tagOf),
      });
    });
  }

  for (const group of groupBy(
    releases.filter((r) => r.translationKey),
    (r) => r.translationKey!,
  )) {
    for (const release of group) {
      links.get(release.url)!.translations = group.filter((other) => other !== release).map(linkTo);
    }
  }
  const releasePages = releases.map((release) => {
    const own = links.get(release.url)!;
    return { release, links: own, languageSwitch: Object.fromEntries(own.translations.map((t) => [t.lang, t.url])) };
  });
  return { releases, releasePages, sections, listings, feeds, links, releasePagesToWrite: releasePages, listingsToWrite: listings, feedsToWrite: feeds };
}

function feedLinks(base: string): FeedLinks {
  return { rss: `${base}feed.xml`, atom: `${base}atom.xml`, json: `${base}feed.json` };
}

function linkTo(release: Release): ReleaseLink {
  return { url: release.url, title: release.title, lang: release.lang };
}

/**
 * Tags of a section, most used first, each with the slug its name alone gives (`tagSlug`), so an
 * address never moves when other tags come and go. Names that are one tag (`tagKey`: `Water` and
 * `water`) are shown as the spelling most used, then first in name order. Only two names written
 * to look like each other's hashed slug could still meet: the later in name order gets a number.
 */
function collectTags(releases: Release[], root: string, style: SlugStyle): { tags: Tag[]; tagOf: (name: string) => Tag } {
  const spellings = new Map<string, Map<string, number>>();
  const releaseCounts = new Map<string, number>();
  for (const release of releases) {
    const keys = new Set(release.tags.map(tagKey));
    for (const key of keys) releaseCounts.set(key, (releaseCounts.get(key) ?? 0) + 1);
    for (const name of release.tags) {
      const key = tagKey(name);
      if (!spellings.has(key)) spellings.set(key, new Map());
      const counts = spellings.get(key)!;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  const used = new Set<string>();
  const byKey = new Map<string, Tag>();
  for (const [key, counts] of [...spellings].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [name] = [...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1))[0];
    const wanted = tagSlug(name, style);
    let slug = wanted;
    for (let n = 2; used.has(slug); n++) slug = `${wanted}-${n}`;
    used.add(slug);
    byKey.set(key, { name, slug, url: `${root}tags/${encodeURIComponent(slug)}/`, count: releaseCounts.get(key)! });
  }
  const tags = [...byKey.values()].sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
  return { tags, tagOf: (name) => byKey.get(tagKey(name))! };
}

/** A release's tags, each once: two spellings of one tag (`Water`, `water`) are the same tag. */
function tagsOf(release: Release, tagOf: (name: string) => Tag): Tag[] {
  return [...new Set(release.tags.map(tagOf))];
}

function paginate(
  releases: Release[],
  firstUrl: string,
  perPage: number,
  fields: Pick<ListingPage, "kind" | "lang" | "dir" | "tag" | "year" | "month" | "feeds">,
): ListingPage[] {
  const pageCount = Math.max(1, Math.ceil(releases.length / perPage));
  const urlOf = (n: number) => (n === 1 ? firstUrl : `${firstUrl}page/${n}/`);
  return Array.from({ length: pageCount }, (_, i) => ({
    ...fields,
    url: urlOf(i + 1),
    releases: releases.slice(i * perPage, (i + 1) * perPage),
    pageNumber: i + 1,
    pageCount,
    previousUrl: i > 0 ? urlOf(i) : undefined,
    nextUrl: i + 1 < pageCount ? urlOf(i + 2) : undefined,
  }));
}

function groupBy<T>(items: T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(item);
  }
  return [...groups.values()];
}

/** `2026-11-24T10:00:00+03:00` → `2026/11`: the month in the release's own offset, as its date is written. */
function monthOf(iso: string): string {
  const written = /^(\d{4})-(\d{2})-/.exec(iso);
  if (written) return `${written[1]}/${written[2]}`;
  const date = DateTime.fromISO(iso, { setZone: true });
  return `${date.year}/${String(date.month).padStart(2, "0")}`;
}
