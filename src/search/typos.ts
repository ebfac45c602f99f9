/**
 * Typo tolerance: a word typed with one letter wrong, missing, doubled or swapped still finds the
 * spellings of the archive, by symmetric deletion. Every spelling of the archive, with its
 * article and proclitics removed (`والشمسيه` → `شمسيه`), is filed under itself and each of its
 * one-letter deletions; a typed word looks up the same keys of its own bare forms. Two words one
 * edit apart share a key, and a check of the edit distance drops pairs two edits apart.
 *
 * The keys are spread over `buckets` files by a hash (`y/N.bin`), so a query fetches one small
 * file per key and nothing lists the keys. Only a word the index does not know is looked up.
 *
 * ```text
 * y/N.bin   raw DEFLATE of the bare spellings with a key in bucket N, sorted, one a line
 * ```
 */
import { prefixCandidates } from "./analyze.ts";
import { stringHash } from "./format.ts";

/** Letters a bare spelling needs to be filed (the written word has five or more, or four once a letter is missing). */
export const TYPO_MIN_LETTERS = 4;
/** Uncompressed bytes a bucket holds on average, at most (half as many just after the number of buckets doubles). */
const BUCKET_BYTES = 3000;

export const typoPath = (bucket: number): string => `y/${bucket}.bin`;

/**
 * The spellings a typed word may stand for once its article and proclitics are removed, long
 * enough for typo matching. The index files only the first (the article removed): the archive's
 * other spellings of a word file its bare form anyway, and a typed word tries them all.
 */
export function bareForms(form: string): string[] {
  return prefixCandidates(form).filter((bare) => bare.length >= TYPO_MIN_LETTERS && /^[\p{L}\p{M}]+$/u.test(bare));
}

/** A spelling and each of its one-letter deletions: `شمسيه` → `شمسيه مسيه شسيه شميه شمسه شمسي`. */
export function typoKeys(bare: string): string[] {
  const keys = new Set([bare]);
  for (let i = 0; i < bare.length; i++) keys.add(bare.slice(0, i) + bare.slice(i + 1));
  return [...keys];
}

/** The bucket of a key. */
export function typoBucket(key: string, buckets: number): number {
  return stringHash(key) % buckets;
}

/** True when `a` becomes `b` by one letter changed, added, removed, or two neighbours swapped. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) endA--, endB--;
  const [restA, restB] = [a.slice(start, endA), b.slice(start, endB)];
  if (restA.length + restB.length <= 1) return true;
  if (restA.length === 1 && restB.length === 1) return true;
  return restA.length === 2 && restB.length === 2 && restA[0] === restB[1] && restA[1] === restB[0];
}

/** The typo files: path → contents, the number of buckets, and the bytes the filed spellings make (which sets that number). */
export interface TypoFiles {
  buckets: number;
  bytes: number;
  files: Map<string, string>;
}

/**
 * The typo files of an archive's spellings. A bucket lists, sorted, one a line, every bare
 * spelling with a key in it; a query checks the edit distance to each spelling of the buckets of
 * its keys, so no key is stored.
 */
export function typoBuckets(spellings: Iterable<string>): TypoFiles {
  const filed = new Set<string>();
  for (const spelling of spellings) {
    const bare = bareForms(spelling)[0];
    if (bare !== undefined) filed.add(bare);
  }
  let bytes = 0;
  for (const bare of filed) bytes += filedBytes(bare);
  const buckets = bucketCount(bytes);
  const contents = Array.from({ length: buckets }, () => new Set<string>());
  for (const bare of filed) for (const key of typoKeys(bare)) contents[typoBucket(key, buckets)].add(bare);
  // Every bucket has its file, empty or not: a query never asks for one that is missing.
  return { buckets, bytes, files: new Map(contents.map((bucket, i) => [typoPath(i), [...bucket].sort().join("\n")])) };
}

/**
 * The typo files once `added` spellings join those of the files `previous` describes (`bucket(i)`
 * gives the text of its bucket i): only the buckets of the new bare spellings' keys change. The
 * same files as {@link typoBuckets} of all the spellings; undefined when the number of buckets
 * changes, as every bucket then does.
 */
export function typoBucketsAdded(previous: { buckets: number; bytes: number; bucket: (i: number) => string }, added: Iterable<string>): TypoFiles | undefined {
  const { buckets } = previous;
  const texts = new Map<number, string>();
  const textOf = (i: number): string => texts.get(i) ?? texts.set(i, previous.bucket(i)).get(i)!;
  const fresh = new Set<string>();
  for (const spelling of added) {
    const bare = bareForms(spelling)[0];
    if (bare !== undefined && !decodeTypoBucket(Buffer.from(textOf(typoBucket(bare, buckets)))).includes(bare)) fresh.add(bare);
  }
  let bytes = previous.bytes;
  for (const bare of fresh) bytes += filedBytes(bare);
  if (bucketCount(bytes) !== buckets) return undefined;
  const grown = new Map<number, Set<string>>();
  for (const bare of fresh)
    for (const key of typoKeys(bare)) {
      const i = typoBucket(key, buckets);
      if (!grown.has(i)) grown.set(i, new Set(decodeTypoBucket(Buffer.from(textOf(i)))));
      grown.get(i)!.add(bare);
    }
  const files = new Map<string, string>();
  for (let i = 0; i < buckets; i++) files.set(typoPath(i), grown.has(i) ? [...grown.get(i)!].sort().join("\n") : textOf(i));
  return { buckets, bytes, files };
}

/** What a filed bare spelling adds to the buckets: its length and a newline in each of its keys' buckets. */
const filedBytes = (bare: string): number => (bare.length + 1) * (bare.length * 2 + 1);

/** A power of two, so an archive that grows a little keeps its buckets, and most of their files. */
const bucketCount = (bytes: number): number => 2 ** Math.ceil(Math.log2(Math.max(1, bytes / BUCKET_BYTES)));

/** The bare spellings of one inflated bucket. */
export function decodeTypoBucket(bytes: Uint8Array): string[] {
  return new TextDecoder().decode(bytes).split("\n").filter(Boolean);
}
