/**
 * The embargo audit: after a build, every written file is searched for a trace of a release that
 * is not published (a draft, or under embargo at build time): its address, its title or its feed id,
 * as written or as a page, a feed, a JSON file or a share link would encode them.
 *
 * One pass over the output with one Aho-Corasick automaton holding every needle, so the cost is
 * the size of the site, whatever the number of hidden releases.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from "node:zlib";

/** A release that must leave no trace: what to look for, and what to call it in a message. */
export interface HiddenRelease {
  /** Project-relative path, e.g. `releases/embargoed-budget.txt`. */
  file: string;
  title: string;
  /** Site-relative URL, e.g. `/releases/2099/01/embargoed-budget/`. */
  url: string;
  /** Feed id, e.g. `tag:news.example.org,2099-01-01:ar/embargoed-budget`. */
  id: string;
}

/** What a published release makes public: a hidden needle inside one of these is not a leak. */
export interface PublicRelease {
  title: string;
  url: string;
  id: string;
  summary?: string;
  /** Body text: a hidden title quoted in a published body is public words, not a leak. */
  text?: string;
}

/** What the audit looks for and what is public, from a build's releases. */
export interface AuditTargets {
  hidden: HiddenRelease[];
  published: PublicRelease[];
}

/** The releases a build must not show (drafts, embargoed) and those it publishes. */
export function auditTargets(releases: Array<HiddenRelease & PublicRelease & { published: boolean; bodyText: string }>): AuditTargets {
  return {
    hidden: releases.filter((release) => !release.published).map((r) => ({ file: r.file, title: r.title, url: r.url, id: r.id })),
    published: releases.filter((release) => release.published).map((r) => ({ title: r.title, url: r.url, id: r.id, summary: r.summary, text: r.bodyText })),
  };
}

// What goes on with a slug: a letter, a digit, `-`, `_`, or a percent-encoded byte of a non-ASCII letter (`%D8`).
const SLUG_CHAR = /^(?:[\p{L}\p{N}_-]|%[89A-F])/u;

export type TraceKind = "address" | "title" | "id";

/** One hidden release found in one output file. */
export interface Leak {
  release: HiddenRelease;
  trace: TraceKind;
  /** Path of the output file relative to the output folder, with `/` separators. */
  output: string;
  /** 1-based line, for plain text files. */
  line?: number;
  /** True when the trace is in the file's name or folder, not its contents. */
  inName: boolean;
}

/** Shorter titles are common phrases ("بيان صحفي", "Annual report"): matching them would cry wolf. */
export const MIN_TITLE_LENGTH = 12;

/**
 * The ways a string is written into the output. Each maps characters one by one, so a needle
 * inside a public string stays inside it once both are encoded the same way.
 */
const ENCODINGS: Array<(text: string) => string> = [
  (text) => text,
  (text) => escapeMarkup(text, "&#39;"), // Nunjucks and most HTML writers
  (text) => escapeMarkup(text, "&#x27;"),
  (text) => escapeMarkup(text, "&apos;"), // XML writers
  (text) => escapeMarkup(escapeMarkup(text, "&#39;"), "&#39;"), // escaped HTML inside a feed
  (text) => JSON.stringify(text).slice(1, -1),
  (text) => JSON.stringify(text).slice(1, -1).replace(/[<>&]/g, (ch) => `\\u00${ch.charCodeAt(0).toString(16)}`), // JSON-LD in <script>
  (text) => encodeURIComponent(text), // share links, query strings
  (text) => new URLSearchParams({ q: text }).toString().slice(2),
];

function escapeMarkup(text: string, apostrophe: string): string {
  return text.replace(/[&<>"']/g, (ch) => (ch === "'" ? apostrophe : `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot" }[ch]};`));
}

interface Needle {
  hidden: number;
  trace: TraceKind;
  /** As written, before encoding. */
  text: string;
}

/** Which needle, in which encoding, a pattern of the automaton stands for. */
interface Owner {
  needle: number;
  encoding: number;
}

/** A trace found in a text: which release, which kind, and where it starts. */
export interface Match {
  hidden: number;
  trace: TraceKind;
  index: number;
}

/**
 * Builds a finder for the traces of `hidden` releases. `published` keeps it from crying wolf:
 * `/releases/2026/11/plant` inside `/en/releases/2026/11/plant/`, a draft's title inside a longer
 * published title, or a title a published release quotes, are public.
 * @example
 * const find = createLeakFinder([{ file, title: "الميزانية العامة للدولة", url: "/releases/2099/01/budget/", id }], []);
 * find("<a href=\"/releases/2099/01/budget/\">") // [{ hidden: 0, trace: "address", index: 9 }]
 */
export function createLeakFinder(hidden: HiddenRelease[], published: PublicRelease[]): (text: string) => Match[] {
  const needles: Needle[] = hidden.flatMap((release, i) => [
    // Without the final slash, so `/releases/…/slug/index.html` and `…/slug"` match too; an Arabic
    // address both percent-encoded, as links carry it, and as written (file names, text).
    ...[...new Set([release.url, decodeURI(release.url)])].map((url) => ({ hidden: i, trace: "address" as const, text: url.replace(/\/+$/, "") })),
    { hidden: i, trace: "id" as const, text: release.id },
    ...([...release.title].length >= MIN_TITLE_LENGTH ? [{ hidden: i, trace: "title" as const, text: release.title }] : []),
  ]).filter((needle) => needle.text.length > 0);

  const owners = new Map<string, Owner[]>();
  needles.forEach((needle, n) => {
    ENCODINGS.forEach((encode, encoding) => {
      const pattern = encode(needle.text);
      const list = owners.get(pattern) ?? [];
      if (!list.some((o) => o.needle === n)) list.push({ needle: n, encoding });
      owners.set(pattern, list);
    });
  });
  const patterns = [...owners.keys()];
  const scan = compileMatcher(patterns);

  // Public strings that hold a needle, with the needle's offset in them (found with the same automaton).
  const containers = new Map<number, Array<{ text: string; offset: number }>>();
  for (const release of published) {
    for (const text of [release.title, release.url, decodeURI(release.url), release.id, release.summary ?? ""]) {
      scan(text, (pattern, end) => {
        for (const owner of owners.get(patterns[pattern])!) {
          if (owner.encoding !== 0) continue;
          const list = containers.get(owner.needle) ?? [];
          list.push({ text, offset: end + 1 - patterns[pattern].length });
          containers.set(owner.needle, list);
        }
      });
    }
  }
  const quoted = new Map<number, boolean>();
  const isQuoted = (n: number) => {
    if (!quoted.has(n)) quoted.set(n, published.some((release) => release.text?.includes(needles[n].text)));
    return quoted.get(n)!;
  };
  const insidePublic = (text: string, start: number, owner: Owner) => {
    const encode = ENCODINGS[owner.encoding];
    return (containers.get(owner.needle) ?? []).some((c) => text.startsWith(encode(c.text), start - encode(c.text.slice(0, c.offset)).length));
  };

  return (text: string) => {
    const matches: Match[] = [];
    scan(text, (pattern, end) => {
      const start = end + 1 - patterns[pattern].length;
      for (const owner of owners.get(patterns[pattern])!) {
        const needle = needles[owner.needle];
        // An address or id followed by more of a slug is another release's (`…/plan` in `…/planning/`).
        if (needle.trace !== "title" && SLUG_CHAR.test(text.slice(end + 1, end + 4))) continue;
        if (insidePublic(text, start, owner) || (needle.trace === "title" && isQuoted(owner.needle))) continue;
        matches.push({ hidden: needle.hidden, trace: needle.trace, index: start });
      }
    });
    return matches;
  };
}

/**
 * Aho-Corasick over UTF-16 code units: `scan(text, onMatch)` calls `onMatch(pattern, end)` for
 * every occurrence of every pattern, `end` being the index of its last code unit.
 *
 * Code units are first mapped to the few classes the patterns use (all others are class 0, which
 * no pattern holds: back to the root). The states nearest the root, where ordinary text keeps
 * the automaton (hidden titles share their first words with published ones), get a full row of
 * transitions by class, up to `denseCells` cells; deeper states keep sparse transitions and
 * failure links. The scan walks the rows by offset, so ordinary text costs one table lookup per
 * code unit (a third faster than looking up each state's row).
 */
export function compileMatcher(patterns: string[], { denseCells = 1 << 22 } = {}): (text: string, onMatch: (pattern: number, end: number) => void) => void {
  const children: Array<Map<number, number>> = [new Map()];
  const output: number[] = [-1];
  const classOf = new Uint16Array(65536);
  let classes = 1;
  patterns.forEach((pattern, p) => {
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const code = pattern.charCodeAt(i);
      if (classOf[code] === 0) classOf[code] = classes++;
      let next = children[state].get(code);
      if (next === undefined) {
        next = children.push(new Map()) - 1;
        output.push(-1);
        children[state].set(code, next);
      }
      state = next;
    }
    if (pattern.length > 0) output[state] = p;
  });

  const count = children.length;
  const first = new Int32Array(count + 1);
  for (let s = 0; s < count; s++) first[s + 1] = first[s] + children[s].size;
  const codes = new Uint16Array(first[count]);
  const targets = new Int32Array(first[count]);
  children.forEach((map, s) => {
    let k = first[s];
    for (const [code, target] of map) {
      codes[k] = code;
      targets[k++] = target;
    }
  });

  // Breadth first: failure links, `report` links to the nearest shorter pattern ending at a state,
  // and the order in which states get dense rows (a state's failure target is always shallower).
  const fail = new Int32Array(count);
  const report = new Int32Array(count).fill(-1);
  const order = [0];
  const rowOf = new Int32Array(count).fill(-1);
  const rows = Math.max(1, Math.min(count, Math.floor(denseCells / classes)));
  const dense = new Int32Array(rows * classes);
  const step = (state: number, code: number): number => {
    for (;;) {
      if (rowOf[state] >= 0) return dense[rowOf[state] + classOf[code]];
      for (let k = first[state]; k < first[state + 1]; k++) if (codes[k] === code) return targets[k];
      state = fail[state];
    }
  };
  for (let head = 0; head < order.length; head++) {
    const state = order[head];
    if (head < rows) {
      // The row of a state: its own transitions over those of its failure target (already a row).
      rowOf[state] = head * classes;
      if (state !== 0) dense.copyWithin(rowOf[state], rowOf[fail[state]], rowOf[fail[state]] + classes);
      for (const [code, target] of children[state]) dense[rowOf[state] + classOf[code]] = target;
    }
    for (const [code, target] of children[state]) {
      fail[target] = state === 0 ? 0 : step(fail[state], code);
      report[target] = output[fail[target]] >= 0 ? fail[target] : report[fail[target]];
      order.push(target);
    }
  }

  // The scan's table: for a state with a row, by class, the next state's row offset times two
  // (plus one when a pattern ends there), or -1 - next state when that state has no row.
  const rowState = new Int32Array(rows);
  for (let s = 0; s < count; s++) if (rowOf[s] >= 0) rowState[rowOf[s] / classes] = s;
  const emits = (s: number) => output[s] >= 0 || report[s] >= 0;
  const table = new Int32Array(rows * classes);
  for (let r = 0; r < rows * classes; r++) {
    const target = dense[r];
    table[r] = rowOf[target] >= 0 ? rowOf[target] * 2 + (emits(target) ? 1 : 0) : -1 - target;
  }
  const emit = (state: number, i: number, onMatch: (pattern: number, end: number) => void) => {
    if (output[state] >= 0) onMatch(output[state], i);
    for (let s = report[state]; s >= 0; s = report[s]) onMatch(output[s], i);
  };
  return (text, onMatch) => {
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      const next = table[row + classOf[text.charCodeAt(i)]];
      if (next >= 0) {
        row = next >> 1;
        if (next & 1) emit(rowState[row / classes], i, onMatch);
        continue;
      }
      // Deep in a pattern, past the states with rows: sparse transitions until back among them.
      let state = -1 - next;
      for (;;) {
        if (emits(state)) emit(state, i, onMatch);
        if (++i >= text.length) return;
        const code = text.charCodeAt(i);
        state = classOf[code] === 0 ? 0 : step(state, code);
        if (rowOf[state] >= 0) {
          row = rowOf[state];
          if (emits(state)) emit(state, i, onMatch);
          break;
        }
      }
    }
  };
}

// Compressed files are read through, so an index of deflated JSON is searched as text.
const COMPRESSED = /\.(?:gz|br|bin|deflate|zz|z)$/i;
const BINARY = /\.(?:woff2?|ttf|otf|eot|png|jpe?g|gif|webp|avif|ico|pdf|zip|mp4|webm|mp3)$/i;

/** The text of an output file: decompressed when it is compressed, decoded as UTF-8. */
export function readOutputText(file: string): { text: string; plain: boolean } {
  return decodeOutput(file, readFileSync(file));
}

/** The text of an output file's bytes, as `readOutputText` reads it (`file` names the format). */
export function decodeOutput(file: string, bytes: Buffer): { text: string; plain: boolean } {
  const attempts: Array<(b: Buffer) => Buffer> = !COMPRESSED.test(file)
    ? []
    : /\.gz$/i.test(file)
      ? [gunzipSync]
      : /\.br$/i.test(file)
        ? [brotliDecompressSync]
        : [inflateRawSync, inflateSync, gunzipSync];
  for (const attempt of attempts) {
    try {
      return { text: attempt(bytes).toString("utf8"), plain: false };
    } catch {
      // Not in that format: try the next, then read the bytes as they are.
    }
  }
  return { text: bytes.toString("utf8"), plain: true };
}

/**
 * Searches every file under `folder` (names and contents) for traces of `hidden` releases.
 * Returns one leak per release, kind of trace and file: the first occurrence.
 * `written` holds the text of files the caller has just written (output-relative path with `/`
 * separators → text, decompressed for a compressed file): those are searched as given instead of
 * being read back from disk. `audited` holds files already searched by whoever wrote them, with
 * the same targets (the search index, on its worker thread): their traces, by the same paths.
 */
export function auditOutput(folder: string, hidden: HiddenRelease[], published: PublicRelease[], written: ReadonlyMap<string, string> = new Map(), audited: ReadonlyMap<string, Match[]> = new Map()): Leak[] {
  if (hidden.length === 0) return [];
  const find = createLeakFinder(hidden, published);
  const leaks: Leak[] = [];
  for (const output of filesUnder(folder)) {
    const seen = new Set<string>();
    const add = (match: Match, inName: boolean, line?: number) => {
      const key = `${match.hidden}:${match.trace}`;
      if (seen.has(key)) return;
      seen.add(key);
      leaks.push({ release: hidden[match.hidden], trace: match.trace, output, line, inName });
    };
    for (const match of find(`/${output}`)) add(match, true);
    if (BINARY.test(output)) continue;
    if (audited.has(output)) {
      for (const match of audited.get(output)!) add(match, false);
      continue;
    }
    const { text, plain } = written.has(output) ? { text: written.get(output)!, plain: !COMPRESSED.test(output) } : readOutputText(path.join(folder, output));
    for (const match of find(text)) add(match, false, plain ? lineAt(text, match.index) : undefined);
  }
  return leaks;
}

/** Files under `folder`, relative to it with `/` separators, sorted. */
export function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
