/**
 * Content-defined shards: where a shard ends depends only on the term it ends with, so a new term
 * or a longer posting list changes its own shard and no boundary elsewhere (filling shards to a
 * size moved every later boundary). Each file is named by a hash of what it holds, so a shard
 * that did not change keeps its name, and its file, from one build to the next.
 */
import { hashOf } from "../util/hash.ts";
import { groupPath, shardPath, stringHash, type FileKey } from "./format.ts";

/** How large shards and groups are made. */
export interface ShardSizes {
  /** Uncompressed bytes a shard holds on average. */
  shardBytes: number;
  /** Shards a group lists on average. */
  groupShards: number;
}

/** The index files that hold the terms: path → uncompressed contents; and the groups for `meta.json`. */
export interface TermFiles {
  files: Map<string, string | number[]>;
  groups: FileKey[];
}

/**
 * Packs sorted term entries into shards, and the shards into groups. A shard ends after a term
 * with probability of its entry's size class over `shardBytes` (decided by the term's hash), so
 * shards hold about `shardBytes` and an entry of that size or more ends its shard; a group ends
 * after a shard whose first term's hash is `0` modulo `groupShards`.
 */
export function packTerms(entries: Array<{ term: string; bytes: number[] }>, { shardBytes, groupShards }: ShardSizes): TermFiles {
  const files: TermFiles["files"] = new Map();
  const shards: FileKey[] = [];
  let current: number[] = [];
  let first = "";
  entries.forEach(({ term, bytes }, i) => {
    for (const byte of bytes) current.push(byte);
    if (i === entries.length - 1 || !endsShard(term, bytes.length, shardBytes)) return;
    shards.push([first, place(files, shardPath, current)]);
    [current, first] = [[], entries[i + 1].term];
  });
  if (current.length > 0 || shards.length === 0) shards.push([first, place(files, shardPath, current)]);
  const groups: FileKey[] = [];
  let start = 0;
  shards.forEach(([term], i) => {
    if (i === shards.length - 1 || stringHash(term) % groupShards === 0) {
      groups.push([shards[start][0], place(files, groupPath, JSON.stringify(shards.slice(start, i + 1)))]);
      start = i + 1;
    }
  });
  return { files, groups };
}

/** True when the shard ends after `term`, whose entry has `size` bytes. */
function endsShard(term: string, size: number, shardBytes: number): boolean {
  // The size class (a power of two) changes rarely as a term gains postings, so its boundary rarely moves.
  const sizeClass = 2 ** Math.floor(Math.log2(Math.max(1, size)));
  return stringHash(term) / 2 ** 32 < sizeClass / shardBytes;
}

/** Stores `contents` under the name its hash gives, and returns that name. */
function place(files: TermFiles["files"], pathOf: (name: string) => string, contents: string | number[]): string {
  const name = hashOf(typeof contents === "string" ? contents : Uint8Array.from(contents)).slice(0, 16);
  files.set(pathOf(name), contents);
  return name;
}
