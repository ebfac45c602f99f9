import path from "node:path";
import type { DateTime } from "luxon";
import type { Site } from "../config.ts";
import { dateFromFileName, fromCalendarDate, parseDateValue, toIso } from "../dates/dates.ts";
import { directionOf, languageOfFileName } from "../text/direction.ts";
import { slugify, slugLimit, type SlugStyle } from "../text/slug.ts";
import type { DateSource, Diagnostic, ParsedRelease, Release } from "./model.ts";
import { cleanTags } from "./tags.ts";
import { releaseUrl } from "./url.ts";

/** What resolving a release needs besides its parsed text. */
export interface ResolveContext {
  site: Site;
  /** Path relative to the project, e.g. `releases/2026/budget.txt`. */
  file: string;
  /** Date the file was first committed to git, ISO 8601, if known. */
  gitDate?: string;
  /** File modification time: the last resort for a date. */
  mtime: Date;
  /** The build clock: embargoes end and "future" starts here. */
  now: DateTime;
}

/**
 * Resolves a parsed release against the site: language, dates (front matter → file name →
 * dateline → first git commit → file time), slug, URL, summary and published state.
 * Pure apart from its inputs; problems are appended to `diagnostics`.
 */
export function resolveRelease(parsed: ParsedRelease, context: ResolveContext): { release: Release; diagnostics: Diagnostic[] } {
  const { site, file, now } = context;
  const fm = parsed.frontMatter;
  const diagnostics: Diagnostic[] = [];
  const report = (severity: Diagnostic["severity"], message: string, hint: string, line?: number) => diagnostics.push({ file, line, severity, message, hint });

  const base = path.posix.basename(file);
  const suffixLang = languageOfFileName(base, site.languages);
  const lang = fm.lang ?? suffixLang ?? site.lang;
  if (!site.languages.includes(lang)) {
    report(
      "error",
      `language "${lang}" is not one of the site's languages (${site.languages.join(", ")})`,
      `add "${lang}" to "languages" in templates/site.json, or fix the lang of this release`,
      fm.lang ? parsed.keyLines.lang : undefined,
    );
  }

  const written = resolveDate(parsed, context, report);
  const updated = fm.updated ? parseDateValue(fm.updated, site.timezone) : undefined;
  const embargo = fm.embargo ? parseDateValue(fm.embargo, site.timezone) : undefined;
  if (!embargo && written.date > now) {
    report(
      "warning",
      `dated ${written.date.toISODate()}, after the build time, but has no embargo: it is published now`,
      "add embargo: <date and time> to hold it back until then, or fix the date",
      parsed.keyLines.date,
    );
  }
  // A release is news from the moment it may be read: dated before its embargo ends, it would
  // appear in feeds and lists below everything published while it was held back.
  const date = embargo && embargo > written.date ? embargo.setZone(site.timezone) : written.date;
  if (embargo && date.toISODate() !== written.date.toISODate()) {
    report(
      "warning",
      `the embargo ends on ${date.toISODate()}, after the release's date ${written.date.toISODate()}: it is dated when the embargo ends`,
      `set date: ${date.toISODate()} (or later) to say so, or fix the embargo`,
      parsed.keyLines.embargo,
    );
  }

  let stem = base.replace(/\.(txt|md)$/, "");
  if (suffixLang) stem = stem.slice(0, -suffixLang.length - 1);
  const slug = resolveSlug(fm.slug, stem, parsed.title, site.slugs, (clean) => {
    const { message, hint } = slugProblem(fm.slug!, clean, site.slugs);
    report("error", message, hint, parsed.keyLines.slug);
  });

  const tags = cleanTags(fm.tags ?? [], file, parsed.keyLines.tags);
  diagnostics.push(...tags.diagnostics);

  const summary = fm.summary?.trim() || parsed.generatedSummary;
  if (!fm.summary?.trim() && !fm.draft) {
    // Not a problem (the README says so): a note, shown only with --verbose.
    report(
      "note",
      "no summary: the start of the first paragraph is used in lists, feeds and search results",
      "add summary: <one or two sentences> to the front matter",
      1,
    );
  }

  const host = new URL(site.url).hostname;
  const release: Release = {
    file,
    format: file.endsWith(".md") ? "md" : "txt",
    title: parsed.title,
    slug,
    lang,
    dir: directionOf(lang),
    // The address and feed id keep the written date: lifting the embargo later must not move them.
    url: releaseUrl(site, lang, written.date.year, written.date.month, slug),
    date: toIso(date),
    dateSource: written.source,
    updated: toIso(updated && updated > date ? updated : date),
    tags: withDesk(tags.tags, context.site.desks ? parsed.desk : undefined),
    summary,
    summaryGenerated: !fm.summary?.trim(),
    location: fm.location ?? parsed.dateline?.location ?? parsed.byline?.location,
    dateline: parsed.dateline,
    byline: parsed.byline,
    desk: parsed.desk,
    contact: fm.contact,
    image: fm.image,
    imageAlt: fm.imageAlt,
    photos: fm.photos,
    files: fm.files,
    embargo: embargo ? toIso(embargo) : undefined,
    draft: fm.draft === true,
    published: fm.draft !== true && !(embargo && embargo > now),
    translationKey: fm.translationKey,
    id: `tag:${host},${written.date.toISODate()}:${lang}/${slug}`,
    bodyHtml: parsed.bodyHtml,
    bodyText: parsed.bodyText,
    extra: parsed.extra,
  };
  return { release, diagnostics };
}

/** The release's tags and the desk of its title as one more, unless a tag already names it. */
function withDesk(tags: string[], desk: string | undefined): string[] {
  return desk && !tags.includes(desk) ? [...tags, desk] : tags;
}

type Report = (severity: Diagnostic["severity"], message: string, hint: string, line?: number) => void;

function resolveDate(parsed: ParsedRelease, context: ResolveContext, report: Report): { date: DateTime; source: DateSource } {
  const zone = context.site.timezone;
  const fromFrontMatter = parsed.frontMatter.date ? parseDateValue(parsed.frontMatter.date, zone) : undefined;
  if (fromFrontMatter) return { date: fromFrontMatter, source: "front matter" };
  const fromName = dateFromFileName(path.posix.basename(context.file), zone);
  if (fromName) return { date: fromName, source: "file name" };
  const fromDateline = parsed.dateline?.date ? fromCalendarDate(parsed.dateline.date, zone) : undefined;
  if (fromDateline) return { date: fromDateline, source: "dateline" };
  const fromGit = context.gitDate ? parseDateValue(context.gitDate, zone) : undefined;
  if (fromGit) return { date: fromGit.setZone(zone), source: "git" };
  const fromMtime = parseDateValue(context.mtime.toISOString(), "UTC")!.setZone(zone);
  report(
    "warning",
    `no date found: using the file's modification time (${fromMtime.toISODate()})`,
    "add date: YYYY-MM-DD to the front matter, or start the file name with the date (2026-11-24-name.txt)",
    1,
  );
  return { date: fromMtime, source: "file time" };
}

/** Why a front matter slug cannot be used as it is written, and what to write instead. */
function slugProblem(given: string, clean: string, style: SlugStyle): { message: string; hint: string } {
  if (clean === `_${given}`) {
    return { message: `slug "${given}" is a name Windows keeps for a device: no folder can have it`, hint: `write slug: ${given}-release` };
  }
  const limit = slugLimit(given, style);
  if (limit.cut) return { message: `slug "${given}" is longer than an address may be (${limit.max})`, hint: `write slug: ${clean}` };
  const allowed = style === "arabic" ? "letters, digits" : "a-z, 0-9";
  return { message: `slug "${given}" may only use ${allowed} and -`, hint: `write slug: ${clean || "my-release"}` };
}

function resolveSlug(given: string | undefined, stem: string, title: string, style: SlugStyle, onUnsafe: (clean: string) => void): string {
  if (given !== undefined) {
    const clean = slugify(given, style);
    if (clean !== given || !clean) onUnsafe(clean);
    if (clean) return clean;
  }
  return slugify(stem.replace(/^\d{4}-\d{2}-\d{2}[-_]?/, ""), style) || slugify(title, style) || "release";
}
