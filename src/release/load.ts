import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import type { DateTime } from "luxon";
import type { Site } from "../config.ts";
import { languageOfFileName } from "../text/direction.ts";
import type { Diagnostic, ParsedRelease, Release } from "./model.ts";
import { parseRelease, type ParseOptions } from "./parse.ts";
import { otherFileWarnings } from "./other-files.ts";
import { openParseCache, type FileIdentity } from "./parse-cache.ts";
import { mediaProblems } from "../media/check.ts";
import { resolveRelease } from "./resolve.ts";

/** Largest release file Bayan reads: a press release is a few KB; 1 MB is a mistake (a PDF renamed, a dump). */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface LoadOptions {
  /** Project folder: `file` paths in releases and messages are relative to it. */
  root: string;
  /** Releases folder, relative to `root`. */
  releasesDir: string;
  site: Site;
  now: DateTime;
  /** Told how many files of how many have been read, every few hundred and at the end (a terminal's progress line). */
  onProgress?: (done: number, total: number) => void;
  /** Keep parses between builds in this folder (`.cache/`): only changed files are parsed again. */
  cacheDir?: string;
  /**
   * In a watch rebuild: the release files (project-relative) changed since the previous load of
   * this process, as the file watcher reported them: those are read again, whatever their size and
   * time. The others are taken as they were then, without reading their size and time again
   * (10,000 `stat`s are a fifth of an edit's rebuild).
   */
  changedFiles?: ReadonlySet<string>;
}

/** Every release file read and resolved, and every problem found on the way. */
export interface LoadedReleases {
  /** All readable releases (drafts and embargoed included), newest first. */
  releases: Release[];
  diagnostics: Diagnostic[];
}

/**
 * Parsed files by path, reused while a file's size and mtime stay the same (watch mode, repeated
 * builds), and the release resolved from it, reused while its git date, the site and the build
 * clock stay the same too (the validation pass and the build of one `npm run build`).
 */
const parseCache = new Map<
  string,
  { key: string; stat: FileStat; parsed: ParsedRelease; resolvedKey?: string; resolved?: ReturnType<typeof resolveRelease> }
>();

type FileStat = FileIdentity & { mtime: Date };

/** Files between two progress reports. */
const PROGRESS_EVERY = 500;

/**
 * Reads every `*.txt` and `*.md` under the releases folder, parses and resolves each, and checks
 * what no single file can: links pointing outside the folder and two releases with one URL.
 * Never throws for a bad release: problems come back as diagnostics.
 */
export function loadReleases(options: LoadOptions): LoadedReleases {
  const { root, site } = options;
  const releasesRoot = path.resolve(root, options.releasesDir);
  const diagnostics: Diagnostic[] = [];
  const releases: Release[] = [];
  const others: string[] = [];
  const files = findReleaseFiles(releasesRoot, root, diagnostics, others);
  const gitDates = firstCommitDates(root, options.releasesDir);

  const diskCache = options.cacheDir ? openParseCache(options.cacheDir) : undefined;
  const buildKey = createHash("sha256")
    .update(`${options.now.toISO()}|${JSON.stringify(site)}`)
    .digest("base64");
  for (const [index, file] of files.entries()) {
    if ((index + 1) % PROGRESS_EVERY === 0 || index + 1 === files.length) options.onProgress?.(index + 1, files.length);
    const absolute = path.resolve(root, file);
    const known = parseCache.get(absolute);
    const named = options.changedFiles?.has(file) ?? false;
    let stat: FileStat;
    try {
      stat = options.changedFiles && known && !named ? known.stat : statSync(absolute);
    } catch (error) {
      diagnostics.push(unreadable(file, error));
      continue;
    }
    if (stat.size > MAX_FILE_BYTES) {
      diagnostics.push({
        file,
        severity: "error",
        message: `the file is ${Math.ceil(stat.size / 1024)} KB, over the limit of 1 MB (${MAX_FILE_BYTES / 1024} KB)`,
        hint: "a release is text only: remove pasted images or data, or split it",
      });
      continue;
    }
    const key = `${stat.size}:${stat.mtimeMs}:${site.legacyEncoding ?? ""}:${site.lang}`;
    let cached = known;
    // A file the watcher named is read again even if its size and time look unchanged: on a file
    // system with a coarse clock, an edit of the same length can keep the previous save's time.
    if (named || cached?.key !== key) {
      const parseOptions: ParseOptions = {
        file,
        format: file.endsWith(".md") ? "md" : "txt",
        defaultLang: languageOfFileName(file, site.languages) ?? site.lang,
        legacyEncoding: site.legacyEncoding,
      };
      const read = () => {
        const bytes = readFileSync(absolute);
        // A copy: a fresh parse holds slices of the file's text (a date, a dateline, the pieces of a
        // title), and V8 keeps a whole string for a slice of it, so every file's text would stay in
        // memory beside its HTML and plain text (23 MB of heap at 10,000 releases; the copy, 0.2 s).
        const parse = () => structuredClone(parseRelease(bytes, parseOptions));
        return diskCache ? diskCache.parse(bytes, parseOptions, parse, stat) : parse();
      };
      let parsed: ParsedRelease;
      try {
        parsed = (named ? undefined : diskCache?.unchanged(stat, parseOptions)) ?? read();
      } catch (error) {
        diagnostics.push(unreadable(file, error));
        continue;
      }
      parseCache.set(absolute, (cached = { key, stat, parsed }));
    } else diskCache?.keep(file);
    const { parsed } = cached;
    diagnostics.push(...parsed.diagnostics);
    if (parsed.diagnostics.some((d) => d.severity === "error")) continue;
    const gitDate = gitDates.get(file);
    const resolvedKey = `${gitDate}|${buildKey}`;
    if (cached.resolvedKey !== resolvedKey) {
      cached.resolved = resolveRelease(parsed, { site, file, gitDate, mtime: stat.mtime, now: options.now });
      cached.resolvedKey = resolvedKey;
    }
    const resolved = cached.resolved!;
    diagnostics.push(...resolved.diagnostics);
    if (!resolved.diagnostics.some((d) => d.severity === "error")) releases.push(resolved.release);
    diagnostics.push(...mediaProblems(resolved.release, root)); // photos and documents the media kit would publish
  }

  diskCache?.save();
  diagnostics.push(...findUrlCollisions(releases), ...otherFileWarnings(others, releases));
  sortNewestFirst(releases);
  return { releases, diagnostics };
}

/**
 * A release file that cannot be read: a link to a folder, a file without read permission, one
 * deleted while the build ran. Any other error (a fault of Bayan's) is thrown as it is.
 */
function unreadable(file: string, error: unknown): Diagnostic {
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code !== "string" || !(error as NodeJS.ErrnoException).syscall) throw error;
  const denied: [message: string, hint: string] = [
    "Bayan may not read this file (permission denied)",
    "make it readable (chmod a+r) or move it out of the releases folder",
  ];
  const why: Record<string, [message: string, hint: string]> = {
    EISDIR: ["this is a folder, not a release file (a link to a folder?)", "rename it without .txt or .md, or link to a file"],
    EACCES: denied,
    EPERM: denied,
    ENOENT: ["this file was removed while the build read the releases", "build again"],
  };
  const [message, hint] = why[code] ?? [`this file cannot be read (${code})`, "check the file and the disk, then build again"];
  return { file, severity: "error", message, hint };
}

/** Newest first; same instant ordered by URL so output never depends on the file system's order. */
function sortNewestFirst(releases: Release[]): void {
  const millis = new Map(releases.map((release) => [release, Date.parse(release.date)]));
  releases.sort((a, b) => millis.get(b)! - millis.get(a)! || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/**
 * Every `*.txt` and `*.md` under `releasesRoot` (links only when they stay inside it), as paths
 * relative to `root` with `/`, sorted. A link that leaves the folder or leads nowhere is a diagnostic.
 * Every other file found is added to `others`.
 */
export function findReleaseFiles(releasesRoot: string, root: string, diagnostics: Diagnostic[], others: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(releasesRoot, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  const realRoot = realpathSync(releasesRoot);
  const files: string[] = [];
  for (const entry of entries) {
    const absolute = path.join(entry.parentPath, entry.name);
    const file = path.relative(root, absolute).split(path.sep).join("/");
    if (!/\.(txt|md)$/.test(entry.name) || entry.name.startsWith(".")) {
      if (!entry.isDirectory()) others.push(file);
      continue;
    }
    if (entry.isSymbolicLink()) {
      let target: string;
      try {
        target = realpathSync(absolute);
      } catch {
        diagnostics.push({ file, severity: "error", message: "this link points to a file that does not exist", hint: "remove the link or restore its target" });
        continue;
      }
      if (!target.startsWith(realRoot + path.sep)) {
        diagnostics.push({
          file,
          severity: "error",
          message: `this link points outside the releases folder (${target})`,
          hint: "copy the file into the releases folder instead of linking to it",
        });
        continue;
      }
    } else if (!entry.isFile()) continue;
    files.push(file);
  }
  return files.sort();
}

/** First commit dates by folder, kept while the folder's last commit (HEAD) stays the same. */
const commitDates = new Map<string, { head: string; dates: Map<string, string> }>();

/**
 * The date each file was first committed, from one `git log` over the folder
 * (one process for the whole archive, not one per file). Empty outside a git work tree.
 * The log is read again only after a new commit: a build loads its releases twice, `npm start`
 * on every edit, and the log of a long history takes a while.
 */
function firstCommitDates(root: string, releasesDir: string): Map<string, string> {
  let head: string;
  try {
    head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return new Map();
  }
  const key = `${path.resolve(root)}\u0000${releasesDir}`;
  const known = commitDates.get(key);
  if (known?.head === head) return known.dates;
  const dates = readCommitDates(root, releasesDir);
  commitDates.set(key, { head, dates });
  return dates;
}

function readCommitDates(root: string, releasesDir: string): Map<string, string> {
  const dates = new Map<string, string>();
  let log: string;
  try {
    log = execFileSync("git", ["-c", "core.quotePath=false", "log", "--diff-filter=A", "--format=@%aI", "--name-only", "--no-renames", "--", releasesDir], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch {
    return dates;
  }
  const prefix = execFileSync("git", ["rev-parse", "--show-prefix"], { cwd: root, encoding: "utf8" }).trim();
  let date = "";
  for (const line of log.split("\n")) {
    if (line.startsWith("@")) date = line.slice(1);
    else if (line) dates.set(line.slice(prefix.length), date); // log is newest first: the last write wins, the first commit
  }
  return dates;
}

/** Two releases whose URLs are equal after NFC and case folding would overwrite each other on many disks. */
function findUrlCollisions(releases: Release[]): Diagnostic[] {
  const seen = new Map<string, Release>();
  const diagnostics: Diagnostic[] = [];
  for (const release of releases) {
    const key = release.url.normalize("NFC").toLowerCase();
    const other = seen.get(key);
    if (other) {
      diagnostics.push({
        file: release.file,
        severity: "error",
        message: `has the same address ${release.url} as ${other.file}`,
        hint: "give one of them another slug (slug: …) or file name",
      });
    } else seen.set(key, release);
  }
  return diagnostics;
}
