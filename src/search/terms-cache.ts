/**
 * The cache of the index's terms' half (shards, groups, typo buckets, meta): two packed files in
 * the cache folder rather than a file per release and per shard, since creating tens of thousands
 * of small files costs more than the work they save.
 *
 * ```text
 * terms-analyses.pack  each release's counted words (`release-terms.ts`), by a hash of its text
 * terms-files.pack     the files the last build wrote, as written, and the key of that build
 * ```
 *
 * Each pack begins with a line naming the analysis code it was made by and a hash of the rest:
 * a pack of other code, or whose bytes do not match that hash (damaged, cut short), is not used.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { contentHash } from "../util/hash.ts";
import { COUNTS, type ReleaseTerms } from "./release-terms.ts";

const ANALYSES = "terms-analyses.pack";
const FILES = "terms-files.pack";

/** The files one build of the terms wrote: path → the content hash of their inflated text, and the bytes written. */
export interface BuiltTerms {
  /** Key of what the build was made from (see `write.ts`). */
  build: string;
  files: Array<[file: string, inflatedHash: string, bytes: Uint8Array]>;
}

/**
 * The analyses pack's body: one line of JSON, every string once (`strings`) and per release its
 * key, its title's and body's lengths and its number of readings; then, as 32-bit integers in the
 * machine's byte order (a cache is the machine's own), six numbers per reading of every release in turn (the stems' and the spelling's string
 * numbers, then its four counts). Numbers in binary, not JSON: 10,000 releases hold millions of
 * them, which as JSON arrays took hundreds of megabytes to write and read back.
 */
interface AnalysesHeader {
  strings: string[];
  releases: Array<[key: string, titleLength: number, bodyLength: number, readings: number]>;
}

/** Numbers per reading in the pack: stems, spelling, and the counts. */
const PACKED = 2 + COUNTS;

/** Counted words by key, from the cache; empty when it has none of this code or its pack is damaged. */
export function readAnalyses(cacheDir: string, fingerprint: string): Map<string, ReleaseTerms> {
  const analyses = new Map<string, ReleaseTerms>();
  const body = readPack(path.join(cacheDir, ANALYSES), fingerprint);
  const newline = body ? body.indexOf(10) : -1;
  const header = body && newline >= 0 ? (parsed(body.subarray(0, newline).toString("utf8")) as AnalysesHeader | undefined) : undefined;
  if (!body || !Array.isArray(header?.strings) || !Array.isArray(header.releases)) return analyses;
  const { strings } = header;
  const string = (id: number): string => {
    if (typeof strings[id] !== "string") throw new RangeError("not a string of the pack");
    return strings[id];
  };
  // Copied once into memory of its own: the body's offset in the file need not be a multiple of 4.
  const data = body.subarray(newline + 1);
  if (data.length % 4 !== 0) return analyses;
  const numbers = new Int32Array(new Uint8Array(data).buffer);
  try {
    let at = 0;
    for (const [key, titleLength, bodyLength, readings] of header.releases) {
      if (!Number.isInteger(readings) || readings < 0 || at + readings * PACKED > numbers.length) throw new RangeError("past the end of the pack");
      const terms: ReleaseTerms = { titleLength, bodyLength, stems: [], spellings: [], counts: new Int32Array(readings * COUNTS) };
      for (let r = 0; r < readings; r++, at += PACKED) {
        terms.stems.push(string(numbers[at]));
        terms.spellings.push(string(numbers[at + 1]));
        terms.counts.set(numbers.subarray(at + 2, at + PACKED), r * COUNTS);
      }
      analyses.set(key, terms);
    }
    if (at !== numbers.length) throw new RangeError("numbers left over");
  } catch {
    // The seal was sound, so this pack was written by other code under the same name: use none of it.
    return new Map();
  }
  return analyses;
}

/** Replaces the cached counted words by `analyses`. */
export function saveAnalyses(cacheDir: string, fingerprint: string, analyses: Map<string, ReleaseTerms>): void {
  const ids = new Map<string, number>();
  const id = (text: string): number => ids.get(text) ?? ids.set(text, ids.size).size - 1;
  let total = 0;
  for (const { stems } of analyses.values()) total += stems.length;
  const numbers = new Int32Array(total * PACKED);
  const releases: AnalysesHeader["releases"] = [];
  let at = 0;
  for (const [key, { titleLength, bodyLength, stems, spellings, counts }] of analyses) {
    for (let r = 0; r < stems.length; r++, at += PACKED) {
      numbers[at] = id(stems[r]);
      numbers[at + 1] = id(spellings[r]);
      numbers.set(counts.subarray(r * COUNTS, (r + 1) * COUNTS), at + 2);
    }
    releases.push([key, titleLength, bodyLength, stems.length]);
  }
  const header: AnalysesHeader = { strings: [...ids.keys()], releases };
  writePack(path.join(cacheDir, ANALYSES), fingerprint, [Buffer.from(`${JSON.stringify(header)}\n`), new Uint8Array(numbers.buffer)]);
}

/** The files of the last build of the terms, from the cache; undefined when it has none of this code or its pack is damaged. */
export function readBuiltTerms(cacheDir: string, fingerprint: string): BuiltTerms | undefined {
  const body = readPack(path.join(cacheDir, FILES), fingerprint);
  if (!body) return undefined;
  const newline = body.indexOf(10);
  const header = parsed(body.subarray(0, newline).toString("utf8")) as { build?: unknown; files?: unknown } | undefined;
  if (newline < 0 || typeof header?.build !== "string" || !Array.isArray(header.files)) return undefined;
  const files: BuiltTerms["files"] = [];
  let at = newline + 1;
  for (const [file, hash, length] of header.files as Array<[string, string, number]>) {
    if (typeof file !== "string" || typeof hash !== "string" || !Number.isInteger(length) || length < 0) return undefined;
    files.push([file, hash, body.subarray(at, at + length)]);
    at += length;
  }
  return at === body.length ? { build: header.build, files } : undefined;
}

/** Replaces the cached files of the terms by those of this build. */
export function saveBuiltTerms(cacheDir: string, fingerprint: string, { build, files }: BuiltTerms): void {
  const header = JSON.stringify({ build, files: files.map(([file, hash, bytes]) => [file, hash, bytes.length]) });
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

/** Writes a pack whole or not at all (a build stopped halfway leaves the previous one). */
function writePack(file: string, fingerprint: string, parts: Uint8Array[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const body = Buffer.concat(parts);
  writeFileSync(`${file}.tmp`, Buffer.concat([Buffer.from(`${fingerprint} ${contentHash(body)}\n`), body]));
  renameSync(`${file}.tmp`, file);
}

function parsed(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}
