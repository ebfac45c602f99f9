/**
 * Content-defined shards: where a shard ends depends only on the term it ends with, so a new term
 * or a longer posting list changes its own shard and no boundary elsewhere (filling shards to a
 * size moved every later boundary). Each file is named after its smallest term (see `format.ts`),
 * so a shard keeps its name while its first term stays, and a group's file changes only when one
 * of its shards begins or ends elsewhere.
 */
import { groupPath, shardPath, stringHash } from "./format.ts";

/** How large shards and groups are made. */
export interface ShardSizes {
  /** Uncompressed bytes a shard holds on average. */
  shardBytes: number;
  /** Shards a group lists on average. */
  groupShards: number;
}

/** The index files that hold the terms: path → uncompressed contents; and the groups' keys for `meta.json`. */
export interface TermFiles {
  files: Map<string, string | number[]>;
  groups: string[];
}

/**
 * Packs sorted term entries into shards, and the shards into groups. A shard ends after a term
 * with probability of its entry's size class over `shardBytes` (decided by the term's hash), so
 * shards hold about `shardBytes` and an entry of that size or more ends its shard; a group ends
 * after a shard whose first term's hash is `0` modulo `groupShards`.
 */
export function packTerms(entries: Array<{ term: string; bytes: number[] }>, { shardBytes, groupShards }: ShardSizes): TermFiles {
  const files: TermFiles["files"] = new Map();
  // The first shard's key is "", so every term has a shard, even one sorting before all the archive's.
  const shards: string[] = [""];
  let current: number[] = [];
  entries.forEach(({ term, bytes }, i) => {
    for (const byte of bytes) current.push(byte);
    if (i === entries.length - 1 || !endsShard(term, bytes.length, shardBytes)) return;
    place(files, shardPath(shards[shards.length - 1]), current);
    shards.push(entries[i + 1].term);
    current = [];
  });
  place(files, shardPath(shards[shards.length - 1]), current);
  const groups: string[] = [];
  let first = 0;
  shards.forEach((key, i) => {
    if (i < shards.length - 1 && stringHash(key) % groupShards !== 0) return;
    groups.push(shards[first]);
    place(files, groupPath(shards[first]), JSON.stringify(shards.slice(first, i + 1)));
    first = i + 1;
  });
  return { files, groups };
}

/** True when the shard ends after `term`, whose entry has `size` bytes. */
function endsShard(term: string, size: number, shardBytes: number): boolean {
  // The size class (a power of two) changes rarely as a term gains postings, so its boundary rarely moves.
  const sizeClass = 2 ** Math.floor(Math.log2(Math.max(1, size)));
  return stringHash(term) / 2 ** 32 < sizeClass / shardBytes;
}

/** Adds a file; two keys whose names are the same hash would make one file of two. */
function place(files: TermFiles["files"], file: string, contents: string | number[]): void {
  if (files.has(file)) throw new Error(`two search index files would be ${file}: two terms' names collide`);
  files.set(file, contents);
}
