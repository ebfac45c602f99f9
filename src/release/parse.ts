/**
 * The release parser: one file's bytes → `ParsedRelease`. Pure (no file system, no clock) and
 * never throws: every problem becomes a diagnostic with the file, the line and a fix.
 */
import { directionOf } from "../text/direction.ts";
import { summarize } from "../text/summary.ts";
import { renderTextBody } from "./blocks.ts";
import { fold } from "./dateline.ts";
import { decodeRelease } from "./decode.ts";
import { readFrontMatter } from "./frontmatter.ts";
import { markdownTitle, renderMarkdownBody } from "./markdown.ts";
import type { Diagnostic, ParsedRelease } from "./model.ts";
import { DESKS } from "./wire-names.ts";
import { findPlaceholders } from "./placeholders.ts";

/** How to read one release file. */
export interface ParseOptions {
  /** Path of the file as the user knows it, e.g. `releases/2026/budget.txt`: it names the file in diagnostics. */
  file: string;
  /** `txt`: Bayan's plain-text format; `md`: Markdown. */
  format: "txt" | "md";
  /** The site language, used for the text direction and quotes when the front matter has no `lang`. */
  defaultLang: string;
  /** Encoding to read files that are not valid UTF-8 with (the site's `legacyEncoding`), e.g. `windows-1256`. */
  legacyEncoding?: string;
}

const MAX_TITLE_LENGTH = 150;
// Direction overrides and isolates can make text read in a misleading order.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
// A title is also used in feeds, tabs and file names, where marks and zero-width characters only do harm.
const TITLE_INVISIBLES = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u200B\uFEFF]/g;

/**
 * Parses one release file.
 * @example
 * parseRelease(readFileSync("releases/2026-11-24-plant.txt"), {
 *   file: "releases/2026-11-24-plant.txt", format: "txt", defaultLang: "ar",
 * }).bodyHtml // "<p><span class=\"dateline\">الجبيل 14 جمادى الآخرة 1448 هـ …</span> – دشّنت …</p>\n<h2>…"
 */
export function parseRelease(input: Uint8Array | string, options: ParseOptions): ParsedRelease {
  try {
    return parse(input, options);
  } catch (error) {
    // A safety net: a file must never stop the whole build without saying which file it was.
    return emptyRelease([
      {
        file: options.file,
        severity: "error",
        message: `Bayan could not read this file (${error instanceof Error ? error.message : String(error)})`,
        hint: "this is a bug in Bayan: please report it with the file attached",
      },
    ]);
  }
}

function emptyRelease(diagnostics: Diagnostic[]): ParsedRelease {
  return { frontMatter: {}, extra: {}, title: "", titleLine: 1, bodyHtml: "", bodyText: "", generatedSummary: "", bodyLine: 1, keyLines: {}, diagnostics };
}

function parse(input: Uint8Array | string, options: ParseOptions): ParsedRelease {
  const { file } = options;
  const decoded = decodeRelease(input, options);
  const diagnostics = [...decoded.diagnostics];
  if (!decoded.readable) return emptyRelease(diagnostics);
  if (decoded.text.trim() === "") {
    diagnostics.push({
      file,
      line: 1,
      severity: "error",
      message: "the file is empty",
      hint: "write the title on the first line and the text of the release below it, or delete the file",
    });
    return emptyRelease(diagnostics);
  }
  const fm = readFrontMatter(decoded.text, file);
  diagnostics.push(...fm.diagnostics, ...findPlaceholders(fm.body, fm.bodyLine, file));
  const release: ParsedRelease = { ...emptyRelease(diagnostics), frontMatter: fm.frontMatter, extra: fm.extra, keyLines: fm.keyLines, bodyLine: fm.bodyLine };
  if (!fm.closed) return release;

  const lang = fm.frontMatter.lang ?? options.defaultLang;
  const lines = fm.body.split("\n");
  let title = fm.frontMatter.title ?? "";
  let titleLine = fm.keyLines.title ?? 1;
  let bodyStart = 0;
  if (!title) {
    const index = lines.findIndex((line) => line.replace(TITLE_INVISIBLES, "").trim() !== "");
    if (index >= 0) {
      title = options.format === "md" ? markdownTitle(lines[index], lang) : lines[index];
      titleLine = fm.bodyLine + index;
      bodyStart = index + 1;
      // A setext underline (`===` or `---`) belongs to the title line above it.
      if (options.format === "md" && /^ {0,3}(?:=+|-+)[ \t]*$/.test(lines[bodyStart] ?? "")) bodyStart++;
    }
  }
  const desk = deskOf(cleanTitle(title, titleLine, file, diagnostics));
  release.title = desk.title;
  if (desk.desk) release.desk = desk.desk;
  release.titleLine = titleLine;
  if (!release.title) {
    diagnostics.push({
      file,
      line: fm.bodyLine,
      severity: "error",
      message: "the release has no title",
      hint: "write the title on the first line of the text, or add title: to the front matter",
    });
  }

  const firstLine = fm.bodyLine + bodyStart;
  const body = lines.slice(bodyStart).map((line, i) => {
    if (line.search(BIDI_CONTROLS) < 0) return line;
    diagnostics.push({
      file,
      line: firstLine + i,
      severity: "warning",
      message: "the line held invisible direction-override characters (U+202A–U+202E, U+2066–U+2069); they were removed",
      hint: "check that the line reads as intended: these characters can make text display in a misleading order",
    });
    return line.replace(BIDI_CONTROLS, "");
  });
  const dir = directionOf(lang);
  const rendered = options.format === "md" ? renderMarkdownBody(body, { file, dir, firstLine, lang }) : renderTextBody(body, { file, dir, firstLine });
  diagnostics.push(...rendered.diagnostics);
  if (rendered.dateline) release.dateline = rendered.dateline;
  if (rendered.byline) release.byline = rendered.byline;
  release.bodyHtml = rendered.html;
  release.bodyText = rendered.text;
  release.generatedSummary = summarize(rendered.firstParagraph || rendered.text);
  return release;
}

// Wire titles start with the agency's desk: `اقتصادي / …`, `رياضي/ …`.
const DESK_PREFIX = /^(?<desk>[\p{L}\p{M}]+)[ \u00A0]*\/[ \u00A0]*(?=\S)/u;

/** The title without a desk prefix from Bayan's list of desks, and the desk. */
function deskOf(title: string): { title: string; desk?: string } {
  const match = DESK_PREFIX.exec(title);
  if (!match?.groups || !DESKS.has(fold(match.groups.desk).toLowerCase())) return { title };
  return { title: title.slice(match[0].length), desk: match.groups.desk };
}

/** The title on one line, without invisible control characters (reported), with a warning when too long. */
function cleanTitle(title: string, line: number, file: string, diagnostics: Diagnostic[]): string {
  if (title.search(TITLE_INVISIBLES) >= 0) {
    diagnostics.push({
      file,
      line,
      severity: "warning",
      message: "the title held invisible direction or zero-width characters; they were removed",
      hint: "check that the title reads as intended: these characters can make it display backwards or hide text",
    });
  }
  const clean = title.replace(TITLE_INVISIBLES, "").replace(/\s+/g, " ").trim();
  if (clean.length > MAX_TITLE_LENGTH) {
    diagnostics.push({
      file,
      line,
      severity: "warning",
      message: `the title is ${clean.length} characters long; search results and feed readers cut titles after about ${MAX_TITLE_LENGTH}`,
      hint: "shorten the title and move the details to the first paragraph",
    });
  }
  return clean;
}
