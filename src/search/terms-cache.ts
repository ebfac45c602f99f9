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
 * The counted words of the analyses pack: every string once, in `strings`; a release as its key,
 * its title's and body's lengths, and its readings flat, six numbers each (the stems' and the
 * spelling's string numbers, then its four counts). Far smaller than the readings
 * as JSON, and quicker to read: the releases share their strings.
 */
interface PackedAnalyses {
  strings: string[];
  releases: Array<[key: string, titleLength: number, bodyLength: number, readings: number[]]>;
}

/** Counted words by key, from the cache; empty when it has none of this code or its pack is damaged. */
export function readAnalyses(cacheDir: string, fingerprint: string): Map<string, ReleaseTerms> {
  const body = readPack(path.join(cacheDir, ANALYSES), fingerprint);
  const packed = body && (parsed(body.toString("utf8")) as PackedAnalyses | undefined);
  const analyses = new Map<string, ReleaseTerms>();
  if (!Array.isArray(packed?.strings) || !Array.isArray(packed.releases)) return analyses;
  const { strings } = packed;
  const string = (id: number): string => {
    if (typeof strings[id] !== "string") throw new RangeError("not a string of the pack");
    return strings[id];
  };
  try {
    for (const [key, titleLength, bodyLength, flat] of packed.releases) {
      const terms: ReleaseTerms = { titleLength, bodyLength, stems: [], spellings: [], counts: new Int32Array((flat.length / 6) * COUNTS) };
      for (let at = 0, r = 0; at < flat.length; at += 6, r++) {
        terms.stems.push(string(flat[at]));
        terms.spellings.push(string(flat[at + 1]));
        for (let k = 0; k < COUNTS; k++) terms.counts[r * COUNTS + k] = flat[at + 2 + k];
      }
      analyses.set(key, terms);
    }
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
  const releases: PackedAnalyses["releases"] = [];
  for (const [key, { titleLength, bodyLength, stems, spellings, counts }] of analyses) {
    const flat: number[] = [];
    for (let r = 0, at = 0; r < stems.length; r++, at += COUNTS)
      flat.push(id(stems[r]), id(spellings[r]), counts[at], counts[at + 1], counts[at + 2], counts[at + 3]);
    releases.push([key, titleLength, bodyLength, flat]);
  }
  const packed: PackedAnalyses = { strings: [...ids.keys()], releases };
  writePack(path.join(cacheDir, ANALYSES), fingerprint, [Buffer.from(JSON.stringify(packed))]);
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
