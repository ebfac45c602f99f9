/**
 * `npm run check` — validates the site config and every release without writing anything, and
 * lists every problem at once as `file:line: error|warning: message` with a hint, then a summary.
 * Exit code 1 when there is any error, 0 with warnings only.
 *
 * Options: --now=<ISO date-time> (the clock embargoes and future dates are judged by), --root=<project folder>,
 * --verbose (notes such as "no summary", and every warning of a kind instead of a count),
 * --fix (first remove invisible control and direction characters from the releases, in place).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { DateTime } from "luxon";
import { ConfigError, siteSchema, validateSite, type Site } from "../config.ts";
import { siteConfigFile } from "../defaults.ts";
import { imageProblems } from "../images/validate.ts";
import { loadReleases } from "../release/load.ts";
import { progress, readingReleases } from "../build/progress.ts";
import type { Diagnostic, Release } from "../release/model.ts";
import { fixReleases, type FixedFile } from "./fix.ts";
import { printReport } from "./report.ts";
import { printOptionError, readArgs } from "./args.ts";
import { parseClock, type OptionError } from "../options.ts";
import { type CommandIo, runAsCommand, writeLine } from "./io.ts";

/** Where the site config lives, relative to the project. */
const RELEASES_DIR = "releases";

/** What a check found. `site` is undefined when the config has errors. */
export interface CheckResult {
  site?: Site;
  releases: Release[];
  diagnostics: Diagnostic[];
}

/**
 * Checks a project: the config, then every release. A broken config does not hide the
 * releases' problems: they are checked against the config with its broken keys left at their defaults.
 * @example checkProject({ root: ".", now: DateTime.fromISO("2026-11-24T09:00:00+03:00") }).diagnostics
 */
export function checkProject(options: { root: string; now: DateTime }): CheckResult {
  const root = path.resolve(options.root);
  const config = readSiteConfig(root);
  const diagnostics = [...config.diagnostics];
  const releasesRoot = path.join(root, RELEASES_DIR);
  if (!existsSync(releasesRoot)) {
    diagnostics.push({
      file: `${RELEASES_DIR}/`,
      severity: "warning",
      message: "there is no releases folder, so there is nothing to publish",
      hint: `create ${RELEASES_DIR}/ in ${root} and put the release files (.txt or .md) in it`,
    });
  }
  const site = config.site ?? config.fallback;
  if (!site) return { releases: [], diagnostics };
  const loaded = loadReleases({ root, releasesDir: RELEASES_DIR, site, now: options.now, onProgress: readingReleases });
  return { site: config.site, releases: loaded.releases, diagnostics: [...diagnostics, ...loaded.diagnostics, ...imageProblems(root, site, loaded.releases)] };
}

/**
 * Reads the site config (`templates/site.json`, or `site.json` at the top): the validated site, or one diagnostic per problem, each at the
 * line of the key it is about, and a stand-in config to check the releases with.
 */
export function readSiteConfig(root: string): { site?: Site; fallback?: Site; diagnostics: Diagnostic[] } {
  const name = siteConfigFile(root);
  const file = path.join(root, name);
  const error = (message: string, hint: string, line?: number): Diagnostic => ({ file: name, line, severity: "error", message, hint });
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { diagnostics: [error("the site config is missing", "create it: see Site config in the README")], fallback: standIn(name, {}) };
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (cause) {
    const position = /position (\d+)/.exec((cause as Error).message);
    const line = position ? text.slice(0, Number(position[1])).split("\n").length : undefined;
    return {
      diagnostics: [error(`the site config is not valid JSON (${(cause as Error).message})`, "check the commas and quotes around this line", line)],
      fallback: standIn(name, {}),
    };
  }
  try {
    return { site: validateSite(input, name), diagnostics: [] };
  } catch (cause) {
    if (!(cause instanceof ConfigError)) throw cause;
    const broken = new Set<string>();
    const diagnostics = cause.problems.map((problem) => {
      const [where, ...rest] = problem.split(": ");
      const message = rest.join(": ");
      // zod names a wrong key by its path (`colors.accent`), an unknown one only inside the message.
      const unknown = where === "(top level)" ? unknownKeys(message) : [];
      const keys = unknown.length ? unknown.slice(0, 1) : where.split(".");
      for (const key of unknown.length ? unknown : keys.slice(0, 1)) broken.add(key);
      if (unknown.length) {
        return error(
          `unknown key${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")}`,
          `remove it or fix its spelling; the keys are ${Object.keys(siteSchema.shape).join(", ")}`,
          lineOfKey(text, keys),
        );
      }
      return error(problem, "fix this value; the README lists every key of site.json and its format", lineOfKey(text, keys));
    });
    return { diagnostics, fallback: standIn(name, typeof input === "object" && input ? input : {}, broken) };
  }
}

/** A valid config made of the keys that are fine, so releases can still be checked. */
function standIn(name: string, input: object, broken = new Set<string>()): Site | undefined {
  const kept = Object.fromEntries(Object.entries(input).filter(([key]) => !broken.has(key)));
  try {
    return validateSite({ ...STAND_IN_DEFAULTS, ...kept }, name);
  } catch {
    return undefined;
  }
}
const STAND_IN_DEFAULTS = { title: "—", url: "https://example.invalid" };

/** Names from zod's `Unrecognized key(s) in object: 'colour', 'foo'`. */
function unknownKeys(message: string): string[] {
  return [...message.matchAll(/'([^']+)'/g)].map((m) => m[1]);
}

/** 1-based line of the innermost key of `keys` (e.g. `colors.accent`), searched in order, or undefined. */
function lineOfKey(text: string, keys: string[]): number | undefined {
  let offset = 0;
  let found: number | undefined;
  for (const key of keys) {
    if (/^\d+$/.test(key)) break; // an item of a list: the list's own line will do
    const at = text.indexOf(JSON.stringify(key), offset);
    if (at < 0) break;
    offset = at;
    found = text.slice(0, at).split("\n").length;
  }
  return found;
}

const USAGE = `Usage: npm run check [-- options]   check the site config and every release; writes nothing unless --fix

Options:
  --now=<date-time>   the clock embargoes and future dates are judged by (without an offset: the site's time zone)
  --root=<folder>     the project folder (default: this one)
  --fix               first remove invisible control and bidi characters from release files, printing each change
  --verbose           print notes, and every warning rather than a count and the first few of a kind`;

/** What the command line asks of `check`. */
interface CheckFlags {
  now?: string;
  root: string;
  /** Print notes and every warning, not a count and the first few of a kind. */
  verbose: boolean;
  /** Remove invisible characters from the release files first (`src/cli/fix.ts`). */
  fix: boolean;
}

/** Reads the command line: the one place that knows the flags; an exit code on `--help` or a mistake. */
function readFlags(argv: string[], io: CommandIo): CheckFlags | number {
  const args = readArgs(
    {
      usage: USAGE,
      options: {
        now: { type: "string" },
        root: { type: "string", default: "." },
        verbose: { type: "boolean", default: false },
        fix: { type: "boolean", default: false },
      },
    },
    argv,
    io,
  );
  if (typeof args === "number") return args;
  const { values } = args;
  return { now: values.now, root: path.resolve(io.cwd, values.root!), verbose: values.verbose!, fix: values.fix! };
}

/** The `check` command: prints the report; exit code 1 on any error, 2 on a bad option. */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const flags = readFlags(argv, io);
  if (typeof flags === "number") return flags;
  const config = readSiteConfig(flags.root);
  let now: DateTime;
  try {
    now = flags.now !== undefined ? parseClock(flags.now, (config.site ?? config.fallback)!.timezone) : io.now();
  } catch (error) {
    return printOptionError(error as OptionError, io);
  }
  const unwritten = flags.fix ? printFixes(fixReleases(flags.root, RELEASES_DIR), io) : 0;
  const result = checkProject({ root: flags.root, now });
  progress.clear(); // the "Reading releases" line, on a terminal
  printReport(result.diagnostics, result.releases, result.site, { verbose: flags.verbose }, io);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  const files = new Set(errors.map((d) => d.file)).size;
  const untouched = flags.fix ? "" : " Nothing was written.";
  writeLine(io.stdout, errors.length ? `\nCheck failed: ${errors.length} error(s) in ${files} file(s).${untouched}` : `\nCheck passed.${untouched}`);
  return errors.length || unwritten ? 1 : 0;
}

/** One line a file `--fix` changed, then the count; returns how many it could not write (each an error). */
function printFixes(fixed: FixedFile[], io: CommandIo): number {
  for (const { file, change, failure } of fixed) {
    if (failure)
      writeLine(
        io.stderr,
        `${file}: error: could not remove ${change}: ${failure}\n    → check that the file and its folder can be written, then run --fix again`,
      );
    else writeLine(io.stdout, `${file}: removed ${change}`);
  }
  const written = fixed.filter((f) => !f.failure).length;
  writeLine(io.stdout, `--fix changed ${written} file(s); no other file was touched.\n`);
  return fixed.length - written;
}

await runAsCommand(import.meta.url, main);
