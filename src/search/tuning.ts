/** Tuning of the index, exported for the evaluation; a module of its own, so every part of the build reads the one object. */
export const INDEX_TUNING = {
  /** BM25F: a title occurrence counts as this many body occurrences. */
  titleWeight: 3,
  k1: 1.2,
  titleB: 0.5,
  bodyB: 0.75,
  /**
   * BM25F's reference lengths (indexed words of a title, and of a body with its tags): fixed, not
   * the archive's averages, so a release's weights depend on that release alone and a new release
   * changes only the shards of its own terms.
   */
  titleLength: 10,
  bodyLength: 150,
  /** Body-only postings kept for a very common term: the highest impacts win (static pruning); title postings all stay. */
  maxPostings: 250,
  /** Uncompressed bytes a shard holds on average (see `shards.ts`). */
  shardBytes: 1600,
  /** Shards a group file `s/N.bin` lists on average. */
  groupShards: 64,
  /** How many times more often a less literal reading must occur in the corpus to be chosen. */
  readingMargin: 2,
  /** Spellings listed per term for the exact-form bonus. */
  maxVariants: 8,
  /** Characters of the first passage stored with the title. */
  leadChars: 260,
};
