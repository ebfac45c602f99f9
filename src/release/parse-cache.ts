import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import type { ParsedRelease } from "./model.ts";
import type { ParseOptions } from "./parse.ts";

/**
 * Parsed releases kept between builds in `.cache/bayan-parse/`, so a build reparses only the
 * files that changed (a CI that restores `.cache/` too). The entries are spread over a fixed
 * number of files by their path, so a build that changed one release rewrites one file, not the
 * whole archive's parses (100 MB at 10,000 releases). An entry per release file, used while
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
  /** Writes the entries of the files seen since opening, in the files whose entries changed (removed files are dropped). */
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

const FOLDER = "bayan-parse";
/** The files the entries are spread over: one changed release rewrites a 32nd of the parses. */
const SHARDS = 32;

export function openParseCache(cacheDir: string): ParseCache {
  const folder = path.join(cacheDir, FOLDER);
  const stored = new Map<string, Entry>();
  for (let shard = 0; shard < SHARDS; shard++) {
    try {
      const data = deserialize(readFileSync(shardFile(folder, shard))) as { parser: string; entries: Map<string, Entry> };
      if (data.parser === parserFingerprint()) for (const [file, entry] of data.entries) stored.set(file, entry);
    } catch {
      // No cache yet, or one written by another Node version or damaged: those files are parsed again.
    }
  }
  const seen = new Map<string, Entry>();
  const dirty = new Set<number>();
  return {
    parse(bytes, options, parse, stat) {
      const key = createHash("sha256").update(optionsKey(options)).update(bytes).digest("base64");
      let entry = stored.get(options.file);
      if (entry?.key !== key) (entry = { key, options: optionsKey(options), parsed: parse() }), dirty.add(shardOf(options.file));
      if (stat && !trusted(entry, stat)) (entry.stat = identity(stat)), (entry.hashedAt = Date.now()), dirty.add(shardOf(options.file));
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
      for (const file of stored.keys()) if (!seen.has(file)) dirty.add(shardOf(file));
      if (dirty.size === 0) return;
      try {
        write();
      } catch {
        // The cache only saves time: a .cache/ that cannot be written never stops a build (the build warns of it).
      }
    },
  };

  function write() {
    mkdirSync(folder, { recursive: true });
    // The cache of Bayan 0.1 before it was split: read no more.
    rmSync(path.join(cacheDir, "bayan-parse.bin"), { force: true });
    const entries = [...dirty].map((shard) => [shard, new Map<string, Entry>()] as const);
    const byShard = new Map(entries);
    for (const [file, entry] of seen) byShard.get(shardOf(file))?.set(file, entry);
    for (const [shard, shardEntries] of entries) {
      // Written aside and renamed: a build stopped half-way leaves each file whole.
      writeFileSync(`${shardFile(folder, shard)}.tmp`, serialize({ parser: parserFingerprint(), entries: shardEntries }));
      renameSync(`${shardFile(folder, shard)}.tmp`, shardFile(folder, shard));
    }
    stored.clear();
    for (const [file, entry] of seen) stored.set(file, entry);
    dirty.clear();
  }
}

const shardFile = (folder: string, shard: number) => path.join(folder, `${shard}.bin`);

/** Which file a release's entry lives in: a hash of its path, so a shard's releases stay put as the archive grows. */
function shardOf(file: string): number {
  let hash = 0;
  for (let i = 0; i < file.length; i++) hash = (Math.imul(hash, 31) + file.charCodeAt(i)) | 0;
  return (hash >>> 0) % SHARDS;
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
  for (const library of ["markdown-it", "linkify-it", "yaml", "luxon"])
    hash.update(`${library}@${(require(`${library}/package.json`) as { version: string }).version}`);
  return (fingerprint = hash.digest("base64"));
}
