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
import { isReleaseTerms, type ReleaseTerms } from "./release-terms.ts";

const ANALYSES = "terms-analyses.pack";
const FILES = "terms-files.pack";

/** The files one build of the terms wrote: path → the content hash of their inflated text, and the bytes written. */
export interface BuiltTerms {
  /** Key of what the build was made from (see `write.ts`). */
  build: string;
  files: Array<[file: string, inflatedHash: string, bytes: Uint8Array]>;
}

/** Counted words by key, from the cache; empty when it has none of this code or its pack is damaged. */
export function readAnalyses(cacheDir: string, fingerprint: string): Map<string, ReleaseTerms> {
  const body = readPack(path.join(cacheDir, ANALYSES), fingerprint);
  const entries = body && parsed(body.toString("utf8"));
  if (!Array.isArray(entries)) return new Map();
  const analyses = new Map<string, ReleaseTerms>();
  for (const entry of entries) {
    if (Array.isArray(entry) && typeof entry[0] === "string" && isReleaseTerms(entry[1])) analyses.set(entry[0], entry[1]);
  }
  return analyses;
}

/** Replaces the cached counted words by `analyses`. */
export function saveAnalyses(cacheDir: string, fingerprint: string, analyses: Map<string, ReleaseTerms>): void {
  writePack(path.join(cacheDir, ANALYSES), fingerprint, [Buffer.from(JSON.stringify([...analyses]))]);
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
