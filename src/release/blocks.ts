/**
 * The plain-text (`.txt`) body format: blocks separated by blank lines.
 *
 * - heading: one short line without sentence-final punctuation, followed by more text → `<h2>`
 * - list: every line starts with `-`, `•`, `*`, `–` or a numeral with `.`/`)` (Latin, Arabic-Indic
 *   or Persian digits) → `<ol>` for numerals, `<ul>` for bullets
 * - paragraph: anything else; lines that are each full sentences become one `<p>` per line,
 *   other lines are a hard-wrapped paragraph and are joined with a space
 * - end mark (`انتهى`, `// انتهى //`, `###`, `-ENDS-`, `-30-` …) on its own line closes the body
 *
 * @example
 * أرقام المشروع          ← heading
 *
 * - الطاقة: 400,000 م³.  ← list
 * - المستفيدون: 1.2 مليون.
 */
import { parseDateline, type DatelineMatch } from "./dateline.ts";
import { renderInline, type Direction } from "./inline.ts";
import type { Dateline, Diagnostic } from "./model.ts";

/** A rendered body, for `.txt` and `.md` alike. */
export interface RenderedBody {
  html: string;
  /** Blocks as plain text separated by blank lines, dateline included. */
  text: string;
  /** Text of the first paragraph without its dateline. */
  firstParagraph: string;
  dateline?: Dateline;
  diagnostics: Diagnostic[];
}

/** Where a body is and how to write it. */
export interface BodyOptions {
  file: string;
  dir: Direction;
  /** 1-based file line of the first body line. */
  firstLine: number;
}

type Block =
  | { kind: "heading"; text: string }
  | { kind: "list"; ordered: boolean; start: number; items: string[] }
  | { kind: "paragraph"; paragraphs: string[] };

const END_MARK_CORE = /^[\s\-–—/\\|()[\]*_.]*(?:انتهى|انتهي|#{3}|ends?)[\s\-–—/\\|()[\]*_.]*$/iu;
const END_MARK_30 = /^[\s/\\|]*[-–—]\s*30\s*[-–—][\s/\\|]*$/u;

// The time stamp agency copy puts under its end mark (`19:12 ت م`, Mecca time; `1912 GMT`): part of the format.
const AGENCY_TIME = /^[\s(]*[0-9\u0660-\u0669]{1,2}[:.٫]?[0-9\u0660-\u0669]{2}\s*(?:ت\s*\.?\s*[مغ]\.?|gmt|utc|[ap]\.?m\.?)?[\s)]*$/iu;

/** True for a line that is only an end mark: `انتهى`, `-انتهى-`, `// انتهى //`, `(انتهى)`, `###`, `-ENDS-`, `-30-`. */
export function isEndMark(line: string): boolean {
  return END_MARK_CORE.test(line) || END_MARK_30.test(line);
}

/**
 * The body lines before the first end mark; text after it is not published, with a warning.
 * `fenced` skips end marks inside Markdown code fences.
 */
export function cutAtEndMark(lines: string[], options: BodyOptions, fenced = false): { lines: string[]; diagnostics: Diagnostic[] } {
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    if (fenced && /^ {0,3}(?:```|~~~)/.test(lines[i])) inFence = !inFence;
    if (inFence || !isEndMark(lines[i])) continue;
    // A bare word (`انتهى`, `ENDS`) right under a text line may be the end of a hard-wrapped sentence.
    if (/^[\p{L}\s]+$/u.test(lines[i]) && i > 0 && lines[i - 1].trim() !== "") continue;
    const after = lines.findIndex((line, j) => j > i && line.trim() !== "" && !AGENCY_TIME.test(line));
    const diagnostics: Diagnostic[] =
      after < 0
        ? []
        : [
            {
              file: options.file,
              line: options.firstLine + after,
              severity: "warning",
              message: `the text after the end mark on line ${options.firstLine + i} is not published`,
              hint: "Move it above the end mark if it belongs to the release, or delete it.",
            },
          ];
    return { lines: lines.slice(0, i), diagnostics };
  }
  return { lines, diagnostics: [] };
}

// Closing quotes and brackets may follow the punctuation that ends a sentence.
const CLOSERS = new Set([..."\"'»”’›)]}"]);
const SENTENCE_END = /[.!?؟…۔]$/u;
const NOT_HEADING_END = /[.!?؟…۔:؛،,;]$/u;
const BULLET = /^(?:[-*–]\s+|•\s*)(?=\S)/u;
const NUMERAL = /^([0-9\u0660-\u0669\u06F0-\u06F9]{1,3})[.)]\s+(?=\S)/u;
const MAX_HEADING_WORDS = 12;
const MAX_HEADING_LENGTH = 100;

/** The line without closing quotes, brackets and spaces at its end (a loop: a regex would be quadratic on long runs). */
function withoutClosers(line: string): string {
  let end = line.length;
  while (end > 0 && (CLOSERS.has(line[end - 1]) || /\s/.test(line[end - 1]))) end--;
  return line.slice(0, end);
}

const endsSentence = (line: string) => SENTENCE_END.test(withoutClosers(line));

function isHeading(lines: string[], isLast: boolean): boolean {
  if (lines.length !== 1 || isLast) return false;
  const line = lines[0];
  return (
    line.length <= MAX_HEADING_LENGTH &&
    line.split(/\s+/).length <= MAX_HEADING_WORDS &&
    !NOT_HEADING_END.test(withoutClosers(line))
  );
}

function digitsValue(digits: string): number {
  return Number(digits.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) & 0xf)));
}

function numberedList(lines: string[]): Block | undefined {
  const numbers = lines.map((line) => NUMERAL.exec(line));
  if (!numbers.every((n) => n)) return undefined;
  const start = digitsValue(numbers[0]![1]);
  return { kind: "list", ordered: true, start, items: lines.map((line) => line.replace(NUMERAL, "")) };
}

// A single bulleted line is a list, but a single short numbered line ("1. الخلفية") is a numbered
// section heading, as press releases number their sections.
function classify(lines: string[], isLast: boolean): Block {
  if (lines.every((line) => BULLET.test(line))) {
    return { kind: "list", ordered: false, start: 1, items: lines.map((line) => line.replace(BULLET, "")) };
  }
  if (isHeading(lines, isLast)) return { kind: "heading", text: lines[0] };
  return numberedList(lines) ?? { kind: "paragraph", paragraphs: lines.every(endsSentence) ? lines : [lines.join(" ")] };
}

/** Splits lines into blocks of non-blank lines, each line trimmed, with the file line of each block. */
function splitBlocks(lines: string[], firstLine: number): { lines: string[]; line: number }[] {
  const blocks: { lines: string[]; line: number }[] = [];
  let current: { lines: string[]; line: number } | undefined;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") current = undefined;
    else if (current) current.lines.push(line);
    else blocks.push((current = { lines: [line], line: firstLine + i }));
  });
  return blocks;
}

/** Strips the dateline and the dash after it from a paragraph's text. */
export function withoutDateline(text: string, match: DatelineMatch): string {
  return text.slice(match.end).replace(/^\s*[-–—:]\s*/u, "");
}

/** Datelines that do not hold up become warnings at the paragraph's line. */
export function datelineDiagnostics(match: DatelineMatch, file: string, line: number): Diagnostic[] {
  return match.problems.map((p) => ({ file, line, severity: "warning" as const, message: p.message, hint: p.hint }));
}

function renderParagraph(text: string, dir: Direction, match: DatelineMatch | undefined): string {
  if (!match) return renderInline(text, dir);
  const dateline = renderInline(text.slice(0, match.end), dir);
  return `<span class="dateline">${dateline}</span>${renderInline(text.slice(match.end), dir)}`;
}

/**
 * Renders a `.txt` body (the lines after the title). The dateline is looked for in the first
 * paragraph, when only headings come before it; a short dateline-only line counts as a paragraph.
 */
export function renderTextBody(lines: string[], options: BodyOptions): RenderedBody {
  const cut = cutAtEndMark(lines, options);
  const diagnostics = [...cut.diagnostics];
  const sources = splitBlocks(cut.lines, options.firstLine);
  const html: string[] = [];
  const text: string[] = [];
  let firstParagraph = "";
  let dateline: Dateline | undefined;
  let lookForDateline = true;
  sources.forEach((source, i) => {
    let block = classify(source.lines, i === sources.length - 1);
    let match: DatelineMatch | undefined;
    if (lookForDateline && block.kind !== "list") {
      const candidate = block.kind === "heading" ? block.text : block.paragraphs[0];
      match = parseDateline(candidate);
      if (match) {
        dateline = match.dateline;
        diagnostics.push(...datelineDiagnostics(match, options.file, source.line));
        if (block.kind === "heading") block = { kind: "paragraph", paragraphs: [candidate] };
      }
    }
    if (block.kind !== "heading") lookForDateline = false;
    if (block.kind === "heading") {
      html.push(`<h2>${renderInline(block.text, options.dir)}</h2>`);
      text.push(block.text);
    } else if (block.kind === "list") {
      const tag = block.ordered ? "ol" : "ul";
      const start = block.ordered && block.start !== 1 ? ` start="${block.start}"` : "";
      const items = block.items.map((item) => `<li>${renderInline(item, options.dir)}</li>`).join("");
      html.push(`<${tag}${start}>${items}</${tag}>`);
      text.push(block.items.join("\n"));
    } else {
      block.paragraphs.forEach((paragraph, p) => {
        const own = p === 0 ? match : undefined;
        html.push(`<p>${renderParagraph(paragraph, options.dir, own)}</p>`);
        text.push(paragraph);
        const plain = own ? withoutDateline(paragraph, own) : paragraph;
        if (!firstParagraph) firstParagraph = plain;
      });
    }
  });
  return { html: html.join("\n"), text: text.join("\n\n"), firstParagraph, dateline, diagnostics };
}
