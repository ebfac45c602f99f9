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

/** Receives an index file: its path and uncompressed contents. */
export type EmitFile = (file: string, contents: string | Uint8Array) => void;

/**
 * Packs term entries, given in sorted order, into shards, and the shards into groups, handing each
 * shard to `emit` as soon as it ends, so a build need not hold them all. A shard ends after a term
 * with probability of its entry's size class over `shardBytes` (decided by the term's hash), so
 * shards hold about `shardBytes` and an entry of that size or more ends its shard; a group ends
 * after a shard whose first term's hash is `0` modulo `groupShards`.
 */
export class ShardPacker {
  // The first shard's key is "", so every term has a shard, even one sorting before all the archive's.
  private shards: string[] = [""];
  private current: Uint8Array[] = [];
  /** The last entry added, held back until the next shows whether its shard ends after it. */
  private last: { term: string; bytes: Uint8Array } | undefined;
  private named = new Set<string>();
  private sizes: ShardSizes;
  private emit: EmitFile;

  constructor(sizes: ShardSizes, emit: EmitFile) {
    this.sizes = sizes;
    this.emit = emit;
  }

  /** Adds the next entry; terms must come in ascending order. */
  add(term: string, bytes: Uint8Array): void {
    if (this.last) {
      if (!(this.last.term < term)) throw new Error(`search index terms out of order: "${term}" after "${this.last.term}"`);
      this.current.push(this.last.bytes);
      if (endsShard(this.last.term, this.last.bytes.length, this.sizes.shardBytes)) {
        this.place(shardPath(this.shards[this.shards.length - 1]), Buffer.concat(this.current));
        this.shards.push(term);
        this.current = [];
      }
    }
    this.last = { term, bytes };
  }

  /** Ends the last shard and writes the groups; returns the groups' keys for `meta.json`. */
  finish(): string[] {
    if (this.last) this.current.push(this.last.bytes);
    this.place(shardPath(this.shards[this.shards.length - 1]), Buffer.concat(this.current));
    const { shards } = this;
    const groups: string[] = [];
    let first = 0;
    shards.forEach((key, i) => {
      if (i < shards.length - 1 && stringHash(key) % this.sizes.groupShards !== 0) return;
      groups.push(shards[first]);
      this.place(groupPath(shards[first]), JSON.stringify(shards.slice(first, i + 1)));
      first = i + 1;
    });
    return groups;
  }

  /** Hands a file on; two keys whose names are the same hash would make one file of two. */
  private place(file: string, contents: string | Uint8Array): void {
    if (this.named.has(file)) throw new Error(`two search index files would be ${file}: two terms' names collide`);
    this.named.add(file);
    this.emit(file, contents);
  }
}

/** True when the shard ends after `term`, whose entry has `size` bytes. */
function endsShard(term: string, size: number, shardBytes: number): boolean {
  // The size class (a power of two) changes rarely as a term gains postings, so its boundary rarely moves.
  const sizeClass = 2 ** Math.floor(Math.log2(Math.max(1, size)));
  return stringHash(term) / 2 ** 32 < sizeClass / shardBytes;
}
