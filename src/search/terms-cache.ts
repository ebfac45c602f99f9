/**
 * The cache of the index's terms' half (shards, groups, typo buckets, meta): two packed files in
 * the cache folder rather than a file per release and per shard, since creating tens of thousands
 * of small files costs more than the work they save.
 *
 * ```text
 * terms-analyses.pack  the last build's counted words (`archive.ts`), each release's under a hash of its text
 * terms-files.pack     the files the last build wrote, as written, and the key of that build
 * ```
 *
 * Each pack begins with a line naming the analysis code it was made by and a hash of the rest:
 * a pack of other code, or whose bytes do not match that hash (damaged, cut short), is not used.
 */
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import path from "node:path";
import { contentHash } from "../util/hash.ts";
import { type Archive, PACKED, compacted } from "./archive.ts";

const ANALYSES = "terms-analyses.pack";
const FILES = "terms-files.pack";

/** The files one build of the terms wrote: path → the content hash of their inflated text, and the bytes written. */
export interface BuiltTerms {
  /** Key of what the build was made from (see `write.ts`). */
  build: string;
  /** Key of the counted words its terms were made from (see `write.ts`): the analyses pack's, when that holds this build's. */
  terms: string;
  /** The typo buckets' number and the bytes their spellings make (see `typos.ts`). */
  typos: { buckets: number; bytes: number };
  files: Array<[file: string, inflatedHash: string, bytes: Uint8Array]>;
}

/**
 * The analyses pack's body: one line of JSON, every string once (`strings`) and per release, in
 * the order of the index's numbers, its key, its title's and body's lengths and its number of
 * readings; then the readings as `archive.ts` packs them, as 32-bit integers in the machine's byte
 * order (a cache is the machine's own). Numbers in binary, not JSON: 10,000 releases hold millions
 * of them, which as JSON arrays took hundreds of megabytes to write and read back.
 */
interface AnalysesHeader {
  strings: string[];
  releases: Array<[key: string, titleLength: number, bodyLength: number, readings: number]>;
}

/** The last build's counted words, and each release's key (a hash of its text) in the same order. */
export interface CachedAnalyses {
  archive: Archive;
  keys: string[];
}

/** The counted words of the last build, from the cache; undefined when it has none of this code or its pack is damaged. */
export function readAnalyses(cacheDir: string, fingerprint: string): CachedAnalyses | undefined {
  const body = readPack(path.join(cacheDir, ANALYSES), fingerprint);
  const newline = body ? body.indexOf(10) : -1;
  const header = body && newline >= 0 ? (parsed(body.subarray(0, newline).toString("utf8")) as AnalysesHeader | undefined) : undefined;
  if (!body || !Array.isArray(header?.strings) || !Array.isArray(header.releases)) return undefined;
  const data = body.subarray(newline + 1);
  if (data.length % 4 !== 0) return undefined;
  // The header is padded so the numbers begin at a multiple of 4 in the file: read in place, not copied.
  const readings = data.byteOffset % 4 === 0 ? new Int32Array(data.buffer, data.byteOffset, data.length / 4) : new Int32Array(new Uint8Array(data).buffer);
  const { strings, releases } = header;
  const starts = new Int32Array(releases.length + 1);
  const lengths = new Int32Array(releases.length * 2);
  const keys: string[] = [];
  let at = 0;
  for (const [r, [key, titleLength, bodyLength, count]] of releases.entries()) {
    // The seal was sound, so a pack that does not add up was written by other code under the same name: use none of it.
    if (typeof key !== "string" || !Number.isInteger(count) || count < 0) return undefined;
    keys.push(key);
    lengths.set([titleLength, bodyLength], r * 2);
    starts[r + 1] = at += count;
  }
  if (at * PACKED !== readings.length || strings.some((text) => typeof text !== "string")) return undefined;
  for (let i = 0; i < readings.length; i += PACKED)
    if (!(readings[i] >= 0 && readings[i] < strings.length && readings[i + 1] >= 0 && readings[i + 1] < strings.length)) return undefined;
  return { archive: { strings, readings, starts, lengths }, keys };
}

/** Replaces the cached counted words by `archive`'s, whose releases have the keys `keys`. */
export function saveAnalyses(cacheDir: string, fingerprint: string, { archive, keys }: CachedAnalyses): void {
  const { strings, readings, starts, lengths } = compacted(archive);
  const releases: AnalysesHeader["releases"] = keys.map((key, r) => [key, lengths[r * 2], lengths[r * 2 + 1], starts[r + 1] - starts[r]]);
  const header: AnalysesHeader = { strings, releases };
  const json = JSON.stringify(header);
  // Spaces after the JSON so the numbers begin at a multiple of 4 in the file (see `readAnalyses`).
  const padding = (4 - ((packLineLength(fingerprint) + Buffer.byteLength(json) + 1) % 4)) % 4;
  writePack(path.join(cacheDir, ANALYSES), fingerprint, [
    Buffer.from(`${json}${" ".repeat(padding)}\n`),
    new Uint8Array(readings.buffer, readings.byteOffset, readings.byteLength),
  ]);
}

/** The files of the last build of the terms, from the cache; undefined when it has none of this code or its pack is damaged. */
export function readBuiltTerms(cacheDir: string, fingerprint: string): BuiltTerms | undefined {
  const body = readPack(path.join(cacheDir, FILES), fingerprint);
  if (!body) return undefined;
  const newline = body.indexOf(10);
  const header = parsed(body.subarray(0, newline).toString("utf8")) as Partial<Record<keyof BuiltTerms, unknown>> | undefined;
  if (newline < 0 || typeof header?.build !== "string" || typeof header.terms !== "string" || !Array.isArray(header.files)) return undefined;
  const typos = header.typos as BuiltTerms["typos"] | undefined;
  if (!Number.isInteger(typos?.buckets) || !Number.isInteger(typos?.bytes)) return undefined;
  const files: BuiltTerms["files"] = [];
  let at = newline + 1;
  for (const [file, hash, length] of header.files as Array<[string, string, number]>) {
    if (typeof file !== "string" || typeof hash !== "string" || !Number.isInteger(length) || length < 0) return undefined;
    files.push([file, hash, body.subarray(at, at + length)]);
    at += length;
  }
  return at === body.length ? { build: header.build, terms: header.terms, typos: typos!, files } : undefined;
}

/** Replaces the cached files of the terms by those of this build. */
export function saveBuiltTerms(cacheDir: string, fingerprint: string, { build, terms, typos, files }: BuiltTerms): void {
  const header = JSON.stringify({ build, terms, typos, files: files.map(([file, hash, bytes]) => [file, hash, bytes.length]) });
  writePack(path.join(cacheDir, FILES), fingerprint, [Buffer.from(`${header}\n`), ...files.map(([, , bytes]) => bytes)]);
}

/** A pack's body, when its first line names `fingerprint` and the body's hash. */
function readPack(file: string, fingerprint: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const newline = bytes.indexOf(10);
  if (newline < 0) return undefined;
  const [code, hash] = bytes.subarray(0, newline).toString("latin1").split(" ");
  const body = bytes.subarray(newline + 1);
  return code === fingerprint && hash === contentHash(body) ? body : undefined;
}

/** Bytes of a pack's first line: the fingerprint, a space, the body's SHA-1 in hex and a newline. */
const packLineLength = (fingerprint: string): number => Buffer.byteLength(fingerprint) + 42;

/** Writes a pack whole or not at all (a build stopped halfway leaves the previous one). */
function writePack(file: string, fingerprint: string, parts: Uint8Array[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  // Part by part, not joined first: a pack of a large archive is tens of megabytes, and a copy of it would be held at the build's busiest.
  const hash = createHash("sha1");
  for (const part of parts) hash.update(part);
  const fd = openSync(`${file}.tmp`, "w");
  try {
    const line = `${fingerprint} ${hash.digest("hex")}\n`;
    if (line.length !== packLineLength(fingerprint)) throw new Error("a pack's first line is not as long as expected");
    writeSync(fd, line);
    for (const part of parts) for (let at = 0; at < part.length; ) at += writeSync(fd, part, at);
  } finally {
    closeSync(fd);
  }
  renameSync(`${file}.tmp`, file);
}

function parsed(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}
