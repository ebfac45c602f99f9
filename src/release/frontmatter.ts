/**
 * Front matter: optional YAML between a first line `---` and a closing `---` (or `...`).
 * Read with the safe core schema (no custom tags, no code); known keys are type-checked, a near
 * miss of one (`Embargo`, `embrago`, `published`) is an error, other keys are kept as data with a
 * warning. A block that looks like front matter anywhere else at the top is an error too.
 * @example
 * ---
 * date: 2026-11-24
 * tags: [مياه, طاقة]
 * ---
 */
import { DateTime } from "luxon";
import { impossibleOffset } from "../dates/dates.ts";
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type YAMLError } from "yaml";
import { KNOWN_KEYS, nearKey, nearKeyHint, nestedKey } from "./frontmatter-keys.ts";
import type { Diagnostic, FrontMatter } from "./model.ts";
import { findStrayFrontMatter } from "./stray-front-matter.ts";
import { MEDIA_KEYS, readMediaList, type MediaKey } from "../media/entries.ts";

/** What the front matter of a file holds, and where the body starts. */
export interface FrontMatterResult {
  frontMatter: FrontMatter;
  extra: Record<string, unknown>;
  keyLines: Partial<Record<keyof FrontMatter, number>>;
  /** 1-based line where the body starts: the line after the closing `---`, or 1. */
  bodyLine: number;
  /** The text after the front matter. */
  body: string;
  diagnostics: Diagnostic[];
  /** False when the front matter is never closed: the body cannot be told apart from it. */
  closed: boolean;
}

type Report = (line: number | undefined, message: string, hint: string, severity?: Diagnostic["severity"]) => void;
/** What reading a key needs: the document (for aliases), the report, and file lines of offsets. */
interface Context {
  doc: Document;
  report: Report;
  lineAt: (offset: number) => number;
}

// Eleventy merges front matter into its data cascade, where these keys reach Object.prototype.
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const DATE_KEYS = new Set(["date", "updated", "embargo"]);
const LANG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const OFFSET_HINT =
  "offsets run from -12:00 to +14:00 in whole, half or three-quarter hours: Riyadh is +03:00, e.g. 2026-11-24T09:30:00+03:00; or leave the offset out to use the site's time zone";
const DATE_HINT = "write the date as YYYY-MM-DD, e.g. 2026-11-24; a time may follow, e.g. 2026-11-24 09:30 or 2026-11-24T09:30:00+03:00";

/** Splits the front matter off `text` and reads it. Lines in diagnostics count from the top of the file. */
export function readFrontMatter(text: string, file: string): FrontMatterResult {
  const lines = text.split("\n");
  const result: FrontMatterResult = { frontMatter: {}, extra: {}, keyLines: {}, bodyLine: 1, body: text, diagnostics: [], closed: true };
  const report: Report = (line, message, hint, severity = "error") => result.diagnostics.push({ file, line, severity, message, hint });
  const reportStray = (rest: string[], firstLine: number, afterFrontMatter: boolean) => {
    const stray = findStrayFrontMatter(rest, firstLine, afterFrontMatter);
    if (stray) report(stray.line, stray.message, stray.hint);
  };
  // `----` and longer is a rule of dashes, not front matter.
  if (!lines[0].startsWith("---") || lines[0].startsWith("----")) {
    reportStray(lines, 1, false);
    return result;
  }
  const close = lines.findIndex((line, i) => i > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(line));
  if (close < 0) {
    report(
      1,
      "the front matter that starts with --- on line 1 is never closed",
      "add a line with only --- after the last front matter line (before the title); if the file has no front matter, delete the --- on line 1",
    );
    return { ...result, body: "", closed: false };
  }
  result.bodyLine = close + 2;
  result.body = lines.slice(close + 1).join("\n");
  const language = lines[0].slice(3).trim();
  if (language !== "" && language !== "yaml") {
    // Eleventy runs `---js` front matter as code: a release must never be able to do that.
    report(
      1,
      `front matter must be YAML, but line 1 opens it as "---${language}"`,
      "write only --- on line 1; Bayan reads YAML front matter and never runs code from a release",
    );
    return result;
  }
  readYaml(lines.slice(1, close).join("\n"), result, report);
  reportStray(lines.slice(close + 1), close + 2, true);
  return result;
}

function readYaml(source: string, result: FrontMatterResult, report: Report): void {
  const counter = new LineCounter();
  const doc = parseDocument(source, { schema: "core", uniqueKeys: true, lineCounter: counter });
  // The YAML starts on line 2 of the file.
  const lineAt = (offset: number) => counter.linePos(offset).line + 1;
  const problems = [...doc.errors, ...doc.warnings];
  const reported = new Set<number>();
  for (const problem of problems) {
    const line = lineAt(problemOffset(problem, doc, source));
    // One mistake often trips several YAML checks: one message a line is enough.
    if (reported.has(line)) continue;
    reported.add(line);
    const [message, hint] = explain(problem, source);
    report(line, message, hint);
  }
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && UNSAFE_KEYS.has(String(pair.key.value))) {
        report(
          lineAt(pair.key.range?.[0] ?? 0),
          `the key "${pair.key.value}" is not allowed in front matter`,
          "rename or delete it: it could change how every page of the site is built",
        );
      }
    },
  });
  // A document with errors is not trusted at all: its values may not be what the writer meant.
  if (problems.length > 0 || doc.contents === null) return;
  if (!isMap(doc.contents)) {
    report(lineAt(doc.contents.range?.[0] ?? 0), "the front matter must be a list of key: value lines", "write one setting per line, e.g. date: 2026-11-24");
    return;
  }
  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount: 50 }) as Record<string, unknown>;
  } catch {
    report(2, "the front matter repeats its aliases (*) too often to be read", "write the values out instead of using & and *");
    return;
  }
  const ownKeys: string[] = [];
  let ownKeysLine: number | undefined;
  for (const pair of doc.contents.items) {
    const keyRange = (pair.key as Node | null)?.range;
    const line = keyRange ? lineAt(keyRange[0]) : undefined;
    if (!isScalar(pair.key)) {
      report(line, "a front matter key must be a plain name", "write keys as plain words, e.g. title: …");
      continue;
    }
    const key = String(pair.key.value);
    if (UNSAFE_KEYS.has(key)) continue;
    const value = isAlias(pair.value) ? pair.value.resolve(doc) : (pair.value as Node | null);
    if ((KNOWN_KEYS as readonly string[]).includes(key)) {
      result.keyLines[key as keyof FrontMatter] = line;
      readKnownKey(key, value, line, result.frontMatter, { doc, report, lineAt });
      continue;
    }
    const near = nearKey(key);
    if (near) {
      report(line, `"${key}" is not a front matter key Bayan reads; did you mean \`${near}\`?`, nearKeyHint(key, near, data[key]));
      continue;
    }
    const nested = nestedKey(data[key]);
    if (nested) {
      report(
        line,
        `"${nested}" inside "${key}" is not read: Bayan reads its keys only at the top of the front matter`,
        `move ${nested}: out of ${key}:, to the start of a line of its own`,
      );
      continue;
    }
    result.extra[key] = plainData(data[key]);
    ownKeys.push(key);
    ownKeysLine ??= line;
  }
  if (ownKeys.length > 0) {
    report(
      ownKeysLine,
      `front matter key${ownKeys.length > 1 ? "s" : ""} Bayan does not read, kept as data only: ${ownKeys.join(", ")}`,
      `check the spelling; the keys Bayan reads are ${KNOWN_KEYS.join(", ")}`,
      "warning",
    );
  }
  const { image, imageAlt } = result.frontMatter;
  if (image && !imageAlt) {
    report(
      result.keyLines.image,
      "the image has no imageAlt (a description for readers who cannot see it)",
      "add imageAlt: followed by one sentence saying what the image shows",
    );
  }
}

function readKnownKey(key: string, node: Node | null | undefined, line: number | undefined, fm: FrontMatter, context: Context): void {
  const { report } = context;
  if (!node || (isScalar(node) && node.value === null)) return emptyHold(key, line, report);
  const typeError = (expected: string, hint: string) => report(line, `${key} must be ${expected}, but here it is ${describe(node)}`, hint);
  if (key === "draft") {
    if (isScalar(node) && typeof node.value === "boolean") fm.draft = node.value;
    else typeError("true or false", "write draft: true or draft: false");
  } else if (key === "tags") {
    const tags = readTags(node, line, context);
    if (tags?.some((tag) => CONTROL.test(tag))) controlError(key, line, report);
    else if (tags) fm.tags = tags;
  } else if ((MEDIA_KEYS as readonly string[]).includes(key)) {
    const list = readMediaList(key as MediaKey, node, line, context);
    if (list) (fm as Record<string, unknown>)[key] = list;
  } else if (!isScalar(node) || typeof node.value !== "string") {
    const source = isScalar(node) ? (node.source ?? String(node.value)) : "…";
    if (DATE_KEYS.has(key)) typeError("a date written as text", DATE_HINT);
    else typeError("text", isScalar(node) ? `put it in quotes: ${key}: "${source}"` : `write ${key} as one line of text`);
  } else {
    const value = node.value.trim();
    if (value === "") return emptyHold(key, line, report);
    if (CONTROL.test(value)) return controlError(key, line, report);
    if (key === "lang" && !LANG.test(value)) {
      report(line, `lang "${value}" is not a language code`, "use a code such as ar, en or ar-SA");
      return;
    }
    if (DATE_KEYS.has(key) && !isDate(value)) {
      const why = DATE.test(value) ? "is not a real date" : "is not a date Bayan can read";
      report(line, `${key} "${value}" ${why}; write it as YYYY-MM-DD, e.g. 2026-11-24`, DATE_HINT);
      return;
    }
    const offset = DATE_KEYS.has(key) ? impossibleOffset(value) : undefined;
    if (offset) {
      report(line, `${key} "${value}" has the time zone offset ${offset}, which no place uses: read as written, it is a different moment`, OFFSET_HINT);
      return;
    }
    (fm as Record<string, unknown>)[key] = value;
  }
}

/** An empty `draft:` or `embargo:` was meant to hold the release back: holding nothing is an error. */
function emptyHold(key: string, line: number | undefined, report: Report): void {
  if (key === "draft") report(line, "draft: is empty, so it holds nothing back", "write draft: true to keep the release unpublished, or delete the line");
  if (key === "embargo")
    report(
      line,
      "embargo: is empty, so it holds nothing back",
      "write the moment the embargo ends, e.g. embargo: 2026-12-01T08:00:00+03:00, or delete the line",
    );
}

// Control characters that XML (so every feed) forbids, and lone surrogates, which no encoder can
// write: YAML escapes such as "\u0007" or "\uD800" can carry them in. (With the u flag, the
// surrogate range matches only unpaired ones.)
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/u;

function controlError(key: string, line: number | undefined, report: Context["report"]): void {
  report(
    line,
    `${key} contains an invisible control character or a broken one that feeds cannot carry`,
    "retype the value, or remove the \\u escape that produces it",
  );
}

/** True for ISO 8601 dates and date-times, and `YYYY-MM-DD HH:mm[:ss]`, that exist on the calendar. */
function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  // The same two parsers that later resolve the date, so what passes here always resolves.
  return DateTime.fromISO(value, { setZone: true }).isValid || DateTime.fromSQL(value, { setZone: true }).isValid;
}

/** Tags from a list (`[water, 2026]`) or one text split on commas (`water، energy`): trimmed, without empties or repeats. */
function readTags(node: Node, line: number | undefined, { doc, report, lineAt }: Context): string[] | undefined {
  const hint = "write tags: [water, energy] or tags: water, energy";
  let raw: string[];
  if (isScalar(node) && typeof node.value === "string") raw = node.value.split(/[,،]/);
  else if (isScalar(node) && typeof node.value === "number") raw = [node.source ?? String(node.value)];
  else if (isSeq(node)) {
    raw = [];
    for (const item of node.items) {
      const tag = isAlias(item) ? item.resolve(doc) : item;
      if (isScalar(tag) && (typeof tag.value === "string" || typeof tag.value === "number")) {
        raw.push(typeof tag.value === "string" ? tag.value : (tag.source ?? String(tag.value)));
      } else if (!(isScalar(tag) && tag.value === null)) {
        const range = (tag as Node | null)?.range;
        report(range ? lineAt(range[0]) : line, `each tag must be a word or a short phrase, but one is ${describe(tag as Node)}`, hint);
        return undefined;
      }
    }
  } else {
    report(line, `tags must be a list or text separated by commas, but here it is ${describe(node)}`, hint);
    return undefined;
  }
  const seen = new Set<string>();
  return raw.map((tag) => tag.trim().replace(/\s+/g, " ")).filter((tag) => tag !== "" && !seen.has(tag.toLowerCase()) && seen.add(tag.toLowerCase()));
}

function describe(node: Node | null | undefined): string {
  if (isSeq(node)) return "a list";
  if (isMap(node)) return "a group of keys";
  if (!isScalar(node) || node.value === null) return "empty";
  if (typeof node.value === "number") return `the number ${node.source ?? node.value}`;
  if (typeof node.value === "boolean") return `the value ${node.value}`;
  return "text";
}

/** A copy of YAML data as plain objects and arrays, without keys that could reach Object.prototype. */
function plainData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainData);
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (!UNSAFE_KEYS.has(key)) copy[key] = plainData(item);
  return copy;
}

/** A press officer's reading of a YAML error or warning: message and hint. */
function explain(problem: YAMLError, source: string): [string, string] {
  if (problem.code === "TAG_RESOLVE_FAILED") {
    return [
      `the YAML tag ${source.slice(problem.pos[0], problem.pos[1]).trim()} is not allowed in front matter`,
      "delete it: front matter holds only text, numbers, dates, lists and true/false",
    ];
  }
  if (problem.code === "DUPLICATE_KEY") return ["this key is given twice in the front matter", "keep only one of them"];
  if (problem.code === "MISSING_CHAR" && /quote/i.test(problem.message)) {
    return ["a quoted value is never closed", "add the closing quote at the end of the value"];
  }
  const short = problem.message.split(/ at line \d+/)[0];
  return [
    `the front matter is not valid YAML (${short})`,
    "check this line: each line is key: value, and a value that holds ': ' or starts with a symbol must be in quotes",
  ];
}

/**
 * Where to point for a YAML problem. The parser finds an unclosed quote or bracket only at the
 * end of the text, so such a problem points at the start of the value left open.
 */
function problemOffset(problem: YAMLError, doc: Document, source: string): number {
  const offset = problem.pos[0];
  // A flow list or map left open (`tags: [a, b`) is noticed on a later line: point at its `[` or `{`.
  if (/^Flow (sequence|map)\b/.test(problem.message)) {
    let open = offset;
    visit(doc, {
      Node(_, node) {
        if ((isSeq(node) || isMap(node)) && node.flow && node.range && node.range[0] < offset && node.range[1] <= offset) open = node.range[0];
      },
    });
    return open;
  }
  if (offset < source.trimEnd().length) return offset;
  let open = offset;
  visit(doc, {
    Node(_, node) {
      if (node.range && node.range[0] < offset && node.range[2] >= offset) open = node.range[0];
    },
  });
  return open;
}
