/**
 * The plain-text (`.txt`) body format: blocks separated by blank lines.
 *
 * - heading: one short line without sentence-final punctuation, between blocks of text, that is not
 *   a dateline, a date in figures or mostly figures → `<h2>`; in a run of short lines (verse) none is
 * - list: every line starts with `-`, `•`, `*`, `–` or a numeral with `.`/`)` (Latin, Arabic-Indic
 *   or Persian digits) → `<ol>` for numerals, `<ul>` for bullets
 * - paragraph: anything else; lines that are each full sentences become one `<p>` per line,
 *   other lines are a hard-wrapped paragraph and are joined with a space
 * - end mark (`انتهى`, `// انتهى //`, `###`, `-ENDS-`, `-30-` …) on its own line closes the body
 * - at the top, a dateline (`الكويت 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس`) or a byline
 *   (`عين اليوم – الرياض`) may stand on a line of its own
 * - a number on a line of its own (`2 -`, `٣ -`, `(4)`) numbers the block under it as a list item;
 *   a long id alone on the last line (`3601100204`) is dropped with a warning
 *
 * @example
 * أرقام المشروع          ← heading
 *
 * - الطاقة: 400,000 م³.  ← list
 * - المستفيدون: 1.2 مليون.
 */
import { parseByline, parseBylineAbove } from "./byline.ts";
import { EASTERN_DIGITS, latinDigits } from "../text/digits.ts";
import { holdDateNumbers, parseDateline, type DatelineMatch } from "./dateline.ts";
import { renderInline, type Direction } from "./inline.ts";
import { endsSentence, headingShaped, isScrapedId, numberMarker, wholeLineDateline } from "./lines.ts";
import type { Byline, Dateline, Diagnostic } from "./model.ts";

/** A rendered body, for `.txt` and `.md` alike. */
export interface RenderedBody {
  html: string;
  /** Blocks as plain text separated by blank lines, dateline included. */
  text: string;
  /** Text of the first paragraph without its dateline. */
  firstParagraph: string;
  dateline?: Dateline;
  /** A byline near the top (`.txt` only), not part of `html`. */
  byline?: Byline;
  diagnostics: Diagnostic[];
}

/** Where a body is and how to write it. */
export interface BodyOptions {
  file: string;
  dir: Direction;
  /** 1-based file line of the first body line. */
  firstLine: number;
}

type TextBlock =
  | { kind: "heading"; text: string }
  | { kind: "list"; ordered: boolean; start: number; items: string[] }
  | { kind: "paragraph"; paragraphs: string[]; dateline?: DatelineMatch };
type Block = TextBlock | { kind: "byline"; byline: Byline };

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

const BULLET = /^(?:[-*–]\s+|•\s*)(?=\S)/u;
const NUMERAL = new RegExp(`^([0-9${EASTERN_DIGITS}]{1,3})[.)]\\s+(?=\\S)`, "u");
/** Datelines and bylines are looked for in this many blocks at the top of the body. */
const HEAD_BLOCKS = 4;

function digitsValue(digits: string): number {
  return Number(latinDigits(digits));
}

function numberedList(lines: string[]): TextBlock | undefined {
  const numbers = lines.map((line) => NUMERAL.exec(line));
  if (!numbers.every((n) => n)) return undefined;
  const start = digitsValue(numbers[0]![1]);
  return { kind: "list", ordered: true, start, items: lines.map((line) => line.replace(NUMERAL, "")) };
}

// A single bulleted line is a list, but a single short numbered line ("1. الخلفية") is a numbered
// section heading, as press releases number their sections.
function classify(lines: string[], heading: boolean): TextBlock {
  if (lines.every((line) => BULLET.test(line))) {
    return { kind: "list", ordered: false, start: 1, items: lines.map((line) => line.replace(BULLET, "")) };
  }
  if (heading) return { kind: "heading", text: lines[0] };
  return numberedList(lines) ?? { kind: "paragraph", paragraphs: lines.every(endsSentence) ? lines : [lines.join(" ")] };
}

interface Source {
  lines: string[];
  /** File line of the first line. */
  line: number;
  /** Set when the block is a dateline on a line of its own. */
  dateline?: DatelineMatch;
  byline?: Byline;
}

/** Splits lines into blocks of non-blank lines, each line trimmed, with the file line of each block. */
function splitBlocks(lines: string[], firstLine: number): Source[] {
  const blocks: Source[] = [];
  let current: Source | undefined;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") current = undefined;
    else if (current) current.lines.push(line);
    else blocks.push((current = { lines: [line], line: firstLine + i }));
  });
  return blocks;
}

/**
 * The top of the body, up to the first block of text: a dateline or a byline on a line of its own
 * (or on the first line of a block, with the text under it) becomes a block of its own.
 */
function separateHead(sources: Source[]): Source[] {
  const head: Source[] = [];
  let found: { dateline?: DatelineMatch; byline?: Byline } = {};
  let i = 0;
  while (i < sources.length && head.length < HEAD_BLOCKS) {
    let source: Source | undefined = sources[i++];
    while (source) {
      const first = source.lines[0];
      const dateline = found.dateline ? undefined : wholeLineDateline(first);
      const byline = dateline || found.byline ? undefined : source.lines.length > 1 ? parseBylineAbove(first) : parseByline(first);
      if (!dateline && !byline) break;
      found = { dateline: found.dateline ?? dateline, byline: found.byline ?? byline };
      head.push({ lines: [first], line: source.line, dateline, byline });
      source = source.lines.length > 1 ? { lines: source.lines.slice(1), line: source.line + 1 } : undefined;
    }
    if (!source) continue;
    head.push(source);
    if (!headingShaped(source.lines)) break;
  }
  return [...head, ...sources.slice(i)];
}

/** Adds a numbered item to the list just before it when the numbers follow on, or starts a list. */
function addItem(blocks: Block[], number: number, text: string): void {
  const last = blocks.at(-1);
  if (last?.kind === "list" && last.ordered && last.start + last.items.length === number) last.items.push(text);
  else blocks.push({ kind: "list", ordered: true, start: number, items: [text] });
}

/**
 * Blocks of the body. A short line is a heading only between blocks of text: in a run of short
 * lines (verse, a list without markers) none is. A number on a line of its own (`2 -`) numbers the
 * block under it. The dateline is looked for in the first paragraph, when only headings and a byline
 * come before it.
 */
function toBlocks(sources: Source[], file: string, diagnostics: Diagnostic[]): Block[] {
  const shaped = sources.map((s) => !s.dateline && !s.byline && headingShaped(s.lines));
  const short = shaped.map((isShaped, i) => isShaped && !BULLET.test(sources[i].lines[0]) && !NUMERAL.test(sources[i].lines[0]));
  const blocks: Block[] = [];
  let lookForDateline = true;
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i];
    const marker = numberMarker(source.lines[0]);
    if (source.byline) {
      blocks.push({ kind: "byline", byline: source.byline });
      continue;
    }
    if (source.dateline) {
      diagnostics.push(...datelineDiagnostics(source.dateline, file, source.line));
      blocks.push({ kind: "paragraph", paragraphs: [source.lines[0]], dateline: source.dateline });
    } else if (marker !== undefined && (source.lines.length > 1 || i + 1 < sources.length)) {
      const item = source.lines.length > 1 ? source.lines.slice(1) : sources[++i].lines;
      addItem(blocks, marker, item.join(" "));
    } else if (source.lines.length === 1 && isScrapedId(source.lines[0]) && i === sources.length - 1) {
      diagnostics.push({
        file,
        line: source.line,
        severity: "warning",
        message: `the number ${source.lines[0]} alone on the last line looks like an id left over from copying a web page; it is not published`,
        hint: "delete it, or put it in a sentence if it belongs to the release",
      });
    } else {
      const heading = shaped[i] && i < sources.length - 1 && !short[i - 1] && !short[i + 1];
      const block = classify(source.lines, heading);
      const opening = block.kind === "heading" ? block.text : block.kind === "paragraph" ? block.paragraphs[0] : undefined;
      const match = lookForDateline && opening !== undefined ? parseDateline(opening) : undefined;
      if (match) {
        diagnostics.push(...datelineDiagnostics(match, file, source.line));
        blocks.push({ kind: "paragraph", paragraphs: block.kind === "paragraph" ? block.paragraphs : [opening!], dateline: match });
      } else {
        blocks.push(block);
        if (block.kind === "heading") continue;
      }
    }
    lookForDateline = false;
  }
  return blocks;
}

/** Strips the dateline and the dash after it from a paragraph's text. */
export function withoutDateline(text: string, match: DatelineMatch): string {
  return text.slice(match.end).replace(/^\s*(?:[-–—:]+|\u0640)?\s*/u, "");
}

/** Datelines that do not hold up become warnings at the paragraph's line. */
export function datelineDiagnostics(match: DatelineMatch, file: string, line: number): Diagnostic[] {
  return match.problems.map((p) => ({ file, line, severity: "warning" as const, message: p.message, hint: p.hint }));
}

function renderParagraph(text: string, dir: Direction, match: DatelineMatch | undefined): string {
  if (!match) return renderInline(text, dir);
  const dateline = renderInline(holdDateNumbers(text.slice(0, match.end)), dir);
  return `<span class="dateline">${dateline}</span>${renderInline(text.slice(match.end), dir)}`;
}

/**
 * Renders a `.txt` body (the lines after the title). A dateline opening the first paragraph, or on
 * a line of its own, is marked; a byline is taken out of the body and returned.
 */
export function renderTextBody(lines: string[], options: BodyOptions): RenderedBody {
  const cut = cutAtEndMark(lines, options);
  const diagnostics = [...cut.diagnostics];
  const blocks = toBlocks(separateHead(splitBlocks(cut.lines, options.firstLine)), options.file, diagnostics);
  const html: string[] = [];
  const text: string[] = [];
  const body: RenderedBody = { html: "", text: "", firstParagraph: "", diagnostics };
  for (const block of blocks) {
    if (block.kind === "byline") {
      body.byline = block.byline;
      text.push(block.byline.text);
    } else if (block.kind === "heading") {
      html.push(`<h2>${renderInline(block.text, options.dir)}</h2>`);
      text.push(block.text);
    } else if (block.kind === "list") {
      const tag = block.ordered ? "ol" : "ul";
      const start = block.ordered && block.start !== 1 ? ` start="${block.start}"` : "";
      const items = block.items.map((item) => `<li>${renderInline(item, options.dir)}</li>`).join("");
      html.push(`<${tag}${start}>${items}</${tag}>`);
      text.push(block.items.join("\n"));
    } else {
      if (block.dateline) body.dateline = block.dateline.dateline;
      block.paragraphs.forEach((paragraph, p) => {
        const own = p === 0 ? block.dateline : undefined;
        html.push(`<p>${renderParagraph(paragraph, options.dir, own)}</p>`);
        text.push(paragraph);
        body.firstParagraph ||= own ? withoutDateline(paragraph, own) : paragraph;
      });
    }
  }
  return { ...body, html: html.join("\n"), text: text.join("\n\n") };
}
