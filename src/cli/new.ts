/**
 * `npm run new -- "عنوان البيان" [--lang en] [--date 2026-11-24] [--tags "مياه، طاقة"] [--photos a.jpg,b.jpg] [--root dir]`
 *
 * Creates a dated release file with its front matter filled in, and prints where it
 * is and the URL it will have. Never overwrites a file.
 */
import { siteConfigFile } from "../defaults.ts";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { ConfigError, loadSite, type Site } from "../config.ts";
import { readArgs } from "./args.ts";
import { type CommandIo, runAsCommand, writeLine } from "./io.ts";
import { ScaffoldError, scaffoldRelease } from "./scaffold.ts";

const USAGE = 'npm run new -- "عنوان البيان" [--lang en] [--date YYYY-MM-DD] [--tags "a, b"] [--photos a.jpg,b.jpg] [--root <project folder>]';

/** The `new` command: writes the release file; exit code 1 when it could not, 2 on a bad option. */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const args = readArgs(
    {
      usage: `Usage: ${USAGE}`,
      positionals: true,
      options: { lang: { type: "string" }, date: { type: "string" }, tags: { type: "string" }, photos: { type: "string" }, root: { type: "string" } },
    },
    argv,
    io,
  );
  if (typeof args === "number") return args;
  const fail = (message: string) => (writeLine(io.stderr, message), 1);

  const root = resolve(io.cwd, args.values.root ?? ".");
  const config = join(root, siteConfigFile(root));
  // The usual cause is running the command from the wrong folder, so say that rather than "file missing".
  if (!existsSync(config)) {
    return fail(`No templates/site.json or site.json in ${resolve(root)}: run this from the project folder, or pass --root <project folder>.`);
  }
  let site: Site;
  try {
    site = loadSite(config);
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.message);
    throw error;
  }

  let scaffold;
  try {
    scaffold = scaffoldRelease(
      { title: args.positionals.join(" "), lang: args.values.lang, date: args.values.date, tags: args.values.tags, photos: args.values.photos },
      site,
      io.now(),
    );
  } catch (error) {
    if (error instanceof ScaffoldError) return fail(error.message);
    throw error;
  }

  const target = join(root, scaffold.file);
  const shown = displayPath(target, io.cwd);
  try {
    mkdirSync(dirname(target), { recursive: true });
    // "wx" fails if the file exists, with no window between a check and the write.
    writeFileSync(target, scaffold.text, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return fail(refusal(shown, site));
    return fail(`Could not write ${shown}: ${(error as Error).message}`);
  }

  writeLine(io.stdout, `Created ${shown}`);
  writeLine(io.stdout, `URL once published: ${scaffold.url}`);
  if (args.values.photos) writeLine(io.stdout, `Put the photos next to it (in ${displayPath(dirname(target), io.cwd)}) and give each an alt.`);
  return 0;
}

/** The overwrite refusal, also in Arabic for an Arabic newsroom. */
function refusal(file: string, site: Site): string {
  const english = `${file} already exists; it was not changed. Edit that file, or choose another title or --date.`;
  if (site.lang !== "ar") return english;
  return `${english}\nالملف ${file} موجود مسبقاً ولم يُغيَّر. عدّل ذلك الملف، أو اختر عنواناً آخر أو تاريخاً آخر (--date).`;
}

/** Relative to the command's folder when inside it (the usual case), else absolute. */
function displayPath(file: string, cwd: string): string {
  const shown = relative(cwd, file);
  return shown.startsWith("..") || isAbsolute(shown) ? file : shown;
}

await runAsCommand(import.meta.url, main);
