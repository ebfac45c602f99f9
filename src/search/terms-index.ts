/**
 * The terms' half of the index (shards, groups, typo buckets, `l.bin`, `meta.json`) from an
 * archive's packed counted words (`archive.ts`), from nothing or from the last build's.
 *
 * From nothing, the terms are worked out one at a time (`postings.ts`), each entry packed into
 * its shard and each shard handed on as it ends. From the last build, only the
 * terms that the changed releases hold, before or after, and those whose reading the vote now
 * picks differently (`vote.ts`) are worked out again; every other term's entry is taken from the
 * last build's shards as it was, which gives the same bytes, since an entry depends only on the
 * releases holding its term, their numbers and the vote.
 */
import { type Archive, PACKED, readingsOf, releaseCount } from "./archive.ts";
import { LANGS_PATH, META_PATH, shardEntries, type IndexMeta } from "./format.ts";
import { termEntries, type EncodedEntry } from "./postings.ts";
import { type EmitFile, ShardPacker } from "./shards.ts";
import { INDEX_TUNING } from "./tuning.ts";
import { typoBuckets, typoBucketsAdded } from "./typos.ts";
import { choices, compareStrings, termOfString, vote, type Vote } from "./vote.ts";

/**
 * The last build: its counted words (whose strings the new archive's begin with, numbered the
 * same), its shards, inflated, in order, and its typo buckets (`bucket(i)` the text of bucket i).
 */
export interface PreviousTerms {
  archive: Archive;
  shards: Iterable<Uint8Array>;
  typos?: { buckets: number; bytes: number; bucket: (i: number) => string };
}

/**
 * Hands `emit` every file of the terms' half for releases of languages `langs` (each release's,
 * in release order) whose counted words are `archive`. With `previous`, works out again only what
 * changed since (see above); when most releases changed, or their numbers moved, from nothing.
 * Returns how many terms it worked out, of how many, and the typo buckets' size (for the next build).
 */
export function emitTermFiles(
  archive: Archive,
  langs: string[],
  emit: EmitFile,
  previous?: PreviousTerms,
): { worked: number; terms: number; typos: { buckets: number; bytes: number } } {
  const languages = [...new Set(langs)].sort(compareStrings);
  if (languages.length > 1) emit(LANGS_PATH, Buffer.from(langs.map((lang) => languages.indexOf(lang))));
  const votes = vote(archive, INDEX_TUNING);
  const packer = new ShardPacker(INDEX_TUNING, emit);
  const changed = previous && changedReleases(previous.archive, archive);
  let worked = votes.terms.length;
  if (previous && changed) worked = mergeEntries(packer, previous, archive, votes, changed);
  else for (const { term, bytes } of termEntries(archive, votes, INDEX_TUNING)) packer.add(term, bytes);
  const groups = packer.finish();
  const added = previous?.typos && changed && addedSpellings(previous.archive, archive);
  const typos = (added && typoBucketsAdded(previous!.typos!, added)) || typoBuckets(spellingsOf(archive));
  for (const [file, contents] of typos.files) emit(file, contents);
  const meta: IndexMeta = { format: 3, docs: releaseCount(archive), langs: languages, groups, typos: typos.buckets };
  emit(META_PATH, JSON.stringify(meta));
  return { worked, terms: votes.terms.length, typos: { buckets: typos.buckets, bytes: typos.bytes } };
}

/**
 * The numbers of the releases whose counted words differ from the last build's (added, edited or
 * removed at the end); undefined when so many differ that building from nothing costs no more
 * (a release deleted or back-dated renumbers every later one).
 */
function changedReleases(before: Archive, after: Archive): number[] | undefined {
  const changed: number[] = [];
  const [old, now] = [releaseCount(before), releaseCount(after)];
  for (let r = 0; r < Math.max(old, now); r++) {
    if (r >= old || r >= now || !sameRelease(before, after, r)) changed.push(r);
    if (changed.length * 2 > Math.max(old, now)) return undefined;
  }
  return changed;
}

function sameRelease(before: Archive, after: Archive, r: number): boolean {
  if (before.lengths[r * 2] !== after.lengths[r * 2] || before.lengths[r * 2 + 1] !== after.lengths[r * 2 + 1]) return false;
  const [a, b] = [readingsOf(before, r), readingsOf(after, r)];
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The last build's entries, but those of the terms the change touches, which are worked out again; returns how many those are. */
function mergeEntries(packer: ShardPacker, previous: PreviousTerms, archive: Archive, votes: Vote, changed: number[]): number {
  const touched = touchedTerms(previous.archive, archive, votes, changed);
  const only = new Uint8Array(votes.terms.length);
  votes.terms.forEach((term, rank) => void (only[rank] = touched.has(term) ? 1 : 0));
  const fresh: EncodedEntry[] = [...termEntries(archive, votes, INDEX_TUNING, only)];
  let next = 0;
  for (const shard of previous.shards) {
    for (const { term, start, end } of shardEntries(shard)) {
      while (next < fresh.length && fresh[next].term < term) packer.add(fresh[next].term, fresh[next++].bytes);
      if (!touched.has(term)) packer.add(term, shard.subarray(start, end));
    }
  }
  for (; next < fresh.length; next++) packer.add(fresh[next].term, fresh[next].bytes);
  return touched.size;
}

/** The terms whose entries may differ: those the changed releases hold, before and after, and those a spelling's reading moved from or to. */
function touchedTerms(before: Archive, after: Archive, votes: Vote, changed: number[]): Set<string> {
  const previousChoices = choices(before, INDEX_TUNING);
  const touched = new Set<string>();
  const add = (term: string | undefined) => void (term !== undefined && touched.add(term));
  for (const r of changed) {
    const sides: Array<[Archive, (id: number) => string | undefined]> = [
      [before, (id) => previousChoices.get(id)],
      [after, (id) => termOfString(votes, id)],
    ];
    for (const [archive, termOf] of sides) {
      if (r >= releaseCount(archive)) continue;
      const readings = readingsOf(archive, r);
      for (let at = 0; at < readings.length; at += PACKED) add(termOf(readings[at]));
    }
  }
  for (let id = 0; id < before.strings.length; id++) {
    const [was, is] = [previousChoices.get(id), termOfString(votes, id)];
    if (was !== is) add(was), add(is);
  }
  return touched;
}

/** Every spelling of the archive. */
function spellingsOf(archive: Archive): string[] {
  const used = spellingsUsed(archive);
  return archive.strings.filter((_, id) => used[id] === 1);
}

/** Per string of the archive, 1 when it is a reading's spelling. */
function spellingsUsed({ strings, readings }: Archive): Uint8Array {
  const used = new Uint8Array(strings.length);
  for (let at = 1; at < readings.length; at += PACKED) used[readings[at]] = 1;
  return used;
}

/** The spellings `after` has and `before` had not; undefined when `before` had one `after` has not (a typo bucket may then lose a spelling). */
function addedSpellings(before: Archive, after: Archive): string[] | undefined {
  const [had, has] = [spellingsUsed(before), spellingsUsed(after)];
  for (let id = 0; id < had.length; id++) if (had[id] === 1 && has[id] === 0) return undefined;
  return after.strings.filter((_, id) => has[id] === 1 && had[id] !== 1);
}
