import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import type { ParsedRelease } from "./model.ts";
import type { ParseOptions } from "./parse.ts";

/**
 * Parsed releases kept between builds in `.cache/bayan-parse.bin`, so a build reparses only the
 * files that changed (a CI that restores `.cache/` too). An entry per release file, used while
 * everything parsing depends on is the same: the file's bytes and parse options, and the parser
 * itself — its source and its libraries' versions — so a new Bayan never serves an old parse.
 *
 * A file whose size, times and inode are still those it had when its bytes were last hashed is
 * not read at all (as git trusts its index): a checkout or an edit changes them. Times too close
 * to that hashing are not trusted, since a coarse clock may not have ticked between two writes.
 */
export interface ParseCache {
  /** The cached parse of a file when its bytes and options are unchanged; else `parse()`, stored with the file's `stat`. */
  parse(bytes: Uint8Array, options: ParseOptions, parse: () => ParsedRelease, stat?: FileIdentity): ParsedRelease;
  /** The cached parse of a file whose `stat` and options are those of its last hashing, without reading it; else undefined. */
  unchanged(stat: FileIdentity, options: ParseOptions): ParsedRelease | undefined;
  /** Notes a file as still there when the caller took its parse from memory, unread. */
  keep(file: string): void;
  /** Writes the entries of the files seen since opening, if anything changed (removed files are dropped). */
  save(): void;
}

/** What a `stat` says about a file, enough to tell it was not touched. */
export interface FileIdentity {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

interface Entry {
  /** Hash of the parse options and the file's bytes. */
  key: string;
  options: string;
  parsed: ParsedRelease;
  /** The file when its bytes were hashed, and when that was. */
  stat?: FileIdentity;
  hashedAt?: number;
}

/** File times within this of the hashing are not trusted (FAT keeps 2-second times). */
const RACY_MS = 3000;

const FILE = "bayan-parse.bin";

export function openParseCache(cacheDir: string): ParseCache {
  const file = path.join(cacheDir, FILE);
  let stored = new Map<string, Entry>();
  try {
    const data = deserialize(readFileSync(file)) as { parser: string; entries: Map<string, Entry> };
    if (data.parser === parserFingerprint()) stored = data.entries;
  } catch {
    // No cache yet, or one written by another Node version: start empty.
  }
  const seen = new Map<string, Entry>();
  let changed = false;
  return {
    parse(bytes, options, parse, stat) {
      const key = createHash("sha256").update(optionsKey(options)).update(bytes).digest("base64");
      let entry = stored.get(options.file);
      if (entry?.key !== key) (entry = { key, options: optionsKey(options), parsed: parse() }), (changed = true);
      if (stat && !trusted(entry, stat)) (entry.stat = identity(stat)), (entry.hashedAt = Date.now()), (changed = true);
      seen.set(options.file, entry);
      return entry.parsed;
    },
    unchanged(stat, options) {
      const entry = stored.get(options.file);
      if (!entry || entry.options !== optionsKey(options) || !trusted(entry, stat)) return undefined;
      seen.set(options.file, entry);
      return entry.parsed;
    },
    keep(name) {
      const entry = stored.get(name);
      if (entry) seen.set(name, entry);
    },
    save() {
      if (!changed && seen.size === stored.size) return;
      mkdirSync(cacheDir, { recursive: true });
      // Written aside and renamed: a build stopped half-way leaves the previous cache whole.
      writeFileSync(`${file}.tmp`, serialize({ parser: parserFingerprint(), entries: seen }));
      renameSync(`${file}.tmp`, file);
      stored = new Map(seen);
      changed = false;
    },
  };
}

function optionsKey(options: ParseOptions): string {
  return JSON.stringify([options.format, options.defaultLang, options.legacyEncoding ?? ""]);
}

function identity({ size, mtimeMs, ctimeMs, ino }: FileIdentity): FileIdentity {
  return { size, mtimeMs, ctimeMs, ino };
}

/** Whether `stat` is the file as it was when the entry's bytes were hashed, long enough after its last change. */
function trusted({ stat: old, hashedAt = 0 }: Entry, stat: FileIdentity): boolean {
  const same = old !== undefined && old.size === stat.size && old.mtimeMs === stat.mtimeMs && old.ctimeMs === stat.ctimeMs && old.ino === stat.ino;
  return same && hashedAt - Math.max(stat.mtimeMs, stat.ctimeMs) >= RACY_MS;
}

let fingerprint: string | undefined;

/** A hash of the parser's source (src/release, src/text, src/dates) and of its libraries' versions. */
function parserFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash("sha256");
  const src = path.resolve(import.meta.dirname, "..");
  for (const folder of ["release", "text", "dates"]) {
    for (const name of readdirSync(path.join(src, folder)).sort()) hash.update(name).update(readFileSync(path.join(src, folder, name)));
  }
  const require = createRequire(import.meta.url);
  for (const library of ["markdown-it", "linkify-it", "yaml", "luxon"]) hash.update(`${library}@${(require(`${library}/package.json`) as { version: string }).version}`);
  return (fingerprint = hash.digest("base64"));
}
