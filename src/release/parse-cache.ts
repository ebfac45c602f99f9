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
 */
export interface ParseCache {
  /** The cached parse of a file when its bytes and options are unchanged; else `parse()`, stored. */
  parse(bytes: Uint8Array, options: ParseOptions, parse: () => ParsedRelease): ParsedRelease;
  /** Notes a file as still there when the caller took its parse from memory, unread. */
  keep(file: string): void;
  /** Writes the entries of the files seen since opening, if anything changed (removed files are dropped). */
  save(): void;
}

interface Entry {
  key: string;
  parsed: ParsedRelease;
}

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
    parse(bytes, options, parse) {
      const key = createHash("sha256").update(JSON.stringify([options.format, options.defaultLang, options.legacyEncoding ?? ""])).update(bytes).digest("base64");
      let entry = stored.get(options.file);
      if (entry?.key !== key) (entry = { key, parsed: parse() }), (changed = true);
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
