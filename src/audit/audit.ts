/**
 * The embargo audit: after a build, every written file is searched for a trace of a release that
 * is not published (a draft, or under embargo at build time): its address, its title or its feed id,
 * as written or as a page, a feed, a JSON file or a share link would encode them; and no file of
 * the output may be a file only such releases use (`audit-files.ts`). Words the site publishes
 * anyway (a published release's text or tags, the site config, the templates) are not traces.
 *
 * One pass over the output with one Aho-Corasick automaton holding every needle, so the cost is
 * the size of the site, whatever the number of hidden releases.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from "node:zlib";
import type { Site } from "../config.ts";
import type { Release } from "../release/model.ts";
import { fileLeaks, fileTargets, type FileTargets } from "./files.ts";
import { filesUnder } from "../util/files.ts";
import { escapeHtml } from "../util/html.ts";
import { compileMatcher } from "./matcher.ts";

export { compileMatcher } from "./matcher.ts";

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
  /**
   * Words it publishes besides its title: body text, tags, location, image text. A hidden title
   * among them (quoted in a body, the name of a tag) is public words, not a leak.
   */
  text?: string;
  phrases?: string[];
}

/** What the audit looks for and what is public, from a build's releases. */
export interface AuditTargets {
  hidden: HiddenRelease[];
  published: PublicRelease[];
  /**
   * Text the site publishes whatever its releases: the site config's strings (name, description,
   * contact, boilerplate) and the templates (interface strings included). A hidden title among
   * them is public words too.
   */
  siteText?: string[];
  /** Files of the project only hidden releases use (see `audit-files.ts`). */
  files?: FileTargets;
}

/**
 * The releases a build must not show (drafts, embargoed) and those it publishes. With the
 * `project`, also what the site publishes besides releases and the files only hidden releases use.
 */
export function auditTargets(releases: Release[], project?: { root: string; site: Site }): AuditTargets {
  const hidden = releases.filter((release) => !release.published);
  const published = releases.filter((release) => release.published);
  const targets: AuditTargets = {
    hidden: hidden.map((r) => ({ file: r.file, title: r.title, url: r.url, id: r.id })),
    published: published.map((r) => ({
      title: r.title,
      url: r.url,
      id: r.id,
      summary: r.summary,
      text: r.bodyText,
      phrases: [...r.tags, r.location ?? "", r.imageAlt ?? "", r.contact ?? ""].filter(Boolean),
    })),
  };
  if (!project) return targets;
  const { root, site } = project;
  const templates = path.join(root, "templates");
  const templateTexts = existsSync(templates) ? filesUnder(templates).map((file) => readFileSync(path.join(templates, file), "utf8")) : [];
  const base = new URL(site.pathPrefix.replace(/^\/?/, "/"), `${site.url}/`).href;
  return { ...targets, siteText: [...stringsOf(site), ...templateTexts], files: fileTargets(root, base, site.logo, hidden, published) };
}

/** Every string inside a value (the site config's, whatever its shape). */
function stringsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsOf);
  return [];
}

// What goes on with a slug: a letter, a digit, `-`, `_`, or a percent-encoded byte of a non-ASCII letter (`%D8`, `%d8`).
const SLUG_CHAR = /^(?:[\p{L}\p{N}_-]|%[89A-Fa-f])/u;

/** What was found: an address, a title or a feed id in text, or a whole file only hidden releases use. */
export type TraceKind = "address" | "title" | "id" | "file";

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
  (text) => escapeHtml(text), // Nunjucks and most HTML writers
  (text) => escapeHtml(text, "&#x27;"),
  (text) => escapeHtml(text, "&apos;"), // XML writers
  (text) => escapeHtml(escapeHtml(text)), // escaped HTML inside a feed
  (text) => JSON.stringify(text).slice(1, -1),
  (text) =>
    JSON.stringify(text)
      .slice(1, -1)
      .replace(/[<>&]/g, (ch) => `\\u00${ch.charCodeAt(0).toString(16)}`), // JSON-LD in <script>
  (text) => encodeURIComponent(text), // share links, query strings
  (text) => new URLSearchParams({ q: text }).toString().slice(2),
  // The same bytes with lowercase hex digits (`%d8%a7`), as some tools write them: the same address, the same title.
  (text) => lowerHex(text),
  (text) => lowerHex(encodeURIComponent(text)),
];

/** Percent-encoded bytes with lowercase hex digits: `%D8%A7` → `%d8%a7`. */
export function lowerHex(text: string): string {
  return text.replace(/%[0-9A-F]{2}/g, (byte) => byte.toLowerCase());
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
  /** 1-based line, for a trace in a plain text file (see `searchWritten`). */
  line?: number;
}

/** The search for traces of `targets`' hidden releases; none when nothing is hidden (or not audited). */
export function leakFinder(targets: Pick<AuditTargets, "hidden" | "published"> | undefined): ((text: string) => Match[]) | undefined {
  return targets && targets.hidden.length > 0 ? createLeakFinder(targets.hidden, targets.published) : undefined;
}

/**
 * A hash of what `leakFinder(targets)` searches for: a text it found nothing in once, it finds
 * nothing in under the same key (with the same code: caches that keep it note their code's
 * fingerprint). None when nothing is hidden.
 */
export function leakFinderKey(targets: Pick<AuditTargets, "hidden" | "published"> | undefined): string | undefined {
  if (!targets || targets.hidden.length === 0) return undefined;
  // Release by release: the published texts are tens of MB, too much for one string in memory.
  const hash = createHash("sha256").update(JSON.stringify(targets.hidden));
  for (const release of targets.published) hash.update("\0").update(JSON.stringify(release));
  return hash.digest("hex");
}

/**
 * Builds a finder for the traces of `hidden` releases. `published` keeps it from crying wolf:
 * `/releases/2026/11/plant` inside `/en/releases/2026/11/plant/`, a draft's title inside a longer
 * published title, or a title a published release quotes, are public.
 * @example
 * const find = createLeakFinder([{ file, title: "الميزانية العامة للدولة", url: "/releases/2099/01/budget/", id }], []);
 * find("<a href=\"/releases/2099/01/budget/\">") // [{ hidden: 0, trace: "address", index: 9 }]
 */
export function createLeakFinder(hidden: HiddenRelease[], published: PublicRelease[], siteText: string[] = []): (text: string) => Match[] {
  const needles: Needle[] = hidden
    .flatMap((release, i) => [
      // Without the final slash, so `/releases/…/slug/index.html` and `…/slug"` match too; an Arabic
      // address both percent-encoded, as links carry it, and as written (file names, text).
      ...[...new Set([release.url, decodeURI(release.url)])].map((url) => ({ hidden: i, trace: "address" as const, text: url.replace(/\/+$/, "") })),
      { hidden: i, trace: "id" as const, text: release.id },
      ...([...release.title].length >= MIN_TITLE_LENGTH ? [{ hidden: i, trace: "title" as const, text: release.title }] : []),
    ])
    .filter((needle) => needle.text.length > 0);

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
    if (!quoted.has(n)) quoted.set(n, publishesWords(published, siteText, needles[n].text));
    return quoted.get(n)!;
  };
  const insidePublic = (text: string, start: number, owner: Owner) => {
    const encode = ENCODINGS[owner.encoding];
    return (containers.get(owner.needle) ?? []).some((c) => text.startsWith(encode(c.text), start - encode(c.text.slice(0, c.offset)).length));
  };

  const search = (text: string) => {
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
  return (text: string) => {
    const matches = search(text);
    if (!NON_ASCII_REFERENCE.test(text)) return matches;
    // Non-ASCII letters as numeric character references (`&#1575;`, as some HTML exports write Arabic): searched
    // again decoded, each trace at the start of its line (decoding keeps the lines).
    const decoded = decodeReferences(text);
    return [...matches, ...search(decoded).map((match) => ({ ...match, index: lineStartAt(text, decoded, match.index) }))];
  };
}

// A reference to a character past ASCII: only a text holding one is searched twice (`&#39;`, which escapers write everywhere, is not).
const NON_ASCII_REFERENCE = /&#(?:0*(?:12[89]|1[3-9][0-9]|[2-9][0-9]{2}|[1-9][0-9]{3,})|[xX]0*(?:[89a-fA-F][0-9a-fA-F]|[1-9a-fA-F][0-9a-fA-F]{2,}));/;

/** `text` with its numeric character references (`&#1575;`, `&#x627;`) decoded; those out of Unicode's range left as they are. */
function decodeReferences(text: string): string {
  return text.replace(/&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));/g, (reference, hex?: string, decimal?: string) => {
    const code = hex === undefined ? Number(decimal) : Number.parseInt(hex, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : reference;
  });
}

/** The index in `text` of the start of the line that holds `index` of `decoded` (the same text, with the same lines). */
function lineStartAt(text: string, decoded: string, index: number): number {
  let start = 0;
  for (let at = decoded.indexOf("\n"); at >= 0 && at < index; at = decoded.indexOf("\n", at + 1)) start = text.indexOf("\n", start) + 1;
  return start;
}

/**
 * Whether `words` (a hidden release's title) are public words all the same: quoted in a published
 * release's text, tags, location, image text or contact, or in the site's own text.
 */
export function publishesWords(published: PublicRelease[], siteText: string[], words: string): boolean {
  const holds = (text: string | undefined) => text?.includes(words) ?? false;
  return published.some((release) => holds(release.text) || (release.phrases ?? []).some(holds)) || siteText.some(holds);
}

// Compressed files are read through, so an index of deflated JSON is searched as text.
const COMPRESSED = /\.(?:gz|br|bin|deflate|zz|z)$/i;
const BINARY = /\.(?:woff2?|ttf|otf|eot|png|jpe?g|gif|webp|avif|ico|pdf|zip|mp4|webm|mp3)$/i;

/** The text of an output file: decompressed when it is compressed, decoded as UTF-8. */
export function readOutputText(file: string): { text: string; plain: boolean } {
  return decodeOutput(file, readFileSync(file));
}

/** The text of an output file's bytes, as `readOutputText` reads it (`file` names the format; gzip also shows by its first bytes). */
export function decodeOutput(file: string, bytes: Buffer): { text: string; plain: boolean } {
  // A gzip file under any name (`logo.svgz`, a page compressed in place for a server that sends it as it is).
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const attempts: Array<(b: Buffer) => Buffer> = !COMPRESSED.test(file)
    ? gzip
      ? [gunzipSync]
      : []
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
 * Searches every file under `folder` for traces of the `targets`' hidden releases: every file's
 * name, every text file's contents (compressed ones decompressed), the bytes of binary files a
 * user may have put in (a photo's EXIF can hold a title), and whole files only hidden releases use.
 * Returns one leak per release, kind of trace and file: the first occurrence.
 * `written` holds the text of files the caller has just written (output-relative path with `/`
 * separators → text as written): those are searched as given instead of being read back from
 * disk, unless the file's size is no longer that of the text (written again since). `audited` holds files already searched by whoever wrote them, with
 * the same targets (the search index, on its worker thread): their traces, by the same paths.
 * `find` is the search for the targets, when the caller has made it already.
 */
export function auditOutput(
  folder: string,
  targets: AuditTargets,
  written: ReadonlyMap<string, string> = new Map(),
  audited: ReadonlyMap<string, Match[]> = new Map(),
  find?: (text: string) => Match[],
): Leak[] {
  const { hidden } = targets;
  if (hidden.length === 0) return [];
  find ??= createLeakFinder(hidden, targets.published, targets.siteText);
  const leaks: Leak[] = [];
  const outputs = filesUnder(folder);
  for (const output of outputs) {
    const seen = new Set<string>();
    const add = (match: Match, inName: boolean, line?: number) => {
      const key = `${match.hidden}:${match.trace}`;
      if (seen.has(key)) return;
      seen.add(key);
      leaks.push({ release: hidden[match.hidden], trace: match.trace, output, line, inName });
    };
    for (const match of find(`/${output}`)) add(match, true);
    if (audited.has(output)) {
      for (const match of audited.get(output)!) add(match, false, match.line);
      continue;
    }
    if (BINARY.test(output)) {
      // Bayan's own images are made from published releases with their metadata dropped.
      if (!MADE_IMAGES.test(output)) for (const match of find(readFileSync(path.join(folder, output)).toString("utf8"))) add(match, false);
      continue;
    }
    // Unless another wrote the file again since (a site's own `eleventy.after` step rewriting pages in place).
    if (written.has(output) && statSync(path.join(folder, output)).size === Buffer.byteLength(written.get(output)!)) {
      for (const match of searchWritten(find, output, written.get(output)!)) add(match, false, match.line);
      continue;
    }
    const { text, plain } = readOutputText(path.join(folder, output));
    for (const match of find(text)) add(match, false, plain ? lineAt(text, match.index) : undefined);
  }
  for (const { hidden: index, output } of targets.files ? fileLeaks(folder, outputs, targets.files) : []) {
    leaks.push({ release: hidden[index], trace: "file", output, inName: false });
  }
  return leaks;
}

/**
 * The traces `find` finds in the text of a file just written (named `file`, decompressed if it is
 * compressed), with their lines in a plain text file.
 */
export function searchWritten(find: (text: string) => Match[], file: string, text: string): Match[] {
  const plain = !COMPRESSED.test(file);
  return find(text).map((match) => (plain ? { ...match, line: lineAt(text, match.index) } : match));
}

/** Images the images plugin writes (pictures, share images and cards). */
const MADE_IMAGES = /^(?:img|og)\//;

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
