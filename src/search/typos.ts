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
 * y/N.bin   raw DEFLATE of a run of entries: str key, uint count, str bare spelling × count
 * ```
 */
import { prefixCandidates } from "./analyze.ts";
import { ByteReader, ByteWriter } from "./format.ts";

/** Letters a bare spelling needs to be filed (the written word has five or more, or four once a letter is missing). */
export const TYPO_MIN_LETTERS = 4;
/** Uncompressed bytes a bucket holds on average. */
const BUCKET_BYTES = 2000;

export const typoPath = (bucket: number): string => `y/${bucket}.bin`;

/** The spellings a typed word may stand for once its article and proclitics are removed, long enough for typo matching. */
export function bareForms(form: string): string[] {
  return prefixCandidates(form).filter((bare) => bare.length >= TYPO_MIN_LETTERS && /^[\p{L}\p{M}]+$/u.test(bare));
}

/** A spelling and each of its one-letter deletions: `شمسيه` → `شمسيه مسيه شسيه شميه شمسه شمسي`. */
export function typoKeys(bare: string): string[] {
  const keys = new Set([bare]);
  for (let i = 0; i < bare.length; i++) keys.add(bare.slice(0, i) + bare.slice(i + 1));
  return [...keys];
}

/** The bucket of a key: FNV-1a over its UTF-16 code units. */
export function typoBucket(key: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return hash % buckets;
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

/** The typo files of an archive's spellings: path → uncompressed bytes, and the number of buckets. */
export function typoBuckets(spellings: Iterable<string>): { buckets: number; files: Map<string, number[]> } {
  const byKey = new Map<string, Set<string>>();
  let bytes = 0;
  for (const spelling of spellings) {
    for (const bare of bareForms(spelling)) {
      for (const key of typoKeys(bare)) {
        let filed = byKey.get(key);
        if (!filed) byKey.set(key, (filed = new Set()));
        if (!filed.has(bare)) filed.add(bare), (bytes += bare.length * 2 + 1);
      }
    }
  }
  const buckets = Math.max(1, Math.ceil(bytes / BUCKET_BYTES));
  const writers = new Map<number, ByteWriter>();
  for (const key of [...byKey.keys()].sort()) {
    const bucket = typoBucket(key, buckets);
    let writer = writers.get(bucket);
    if (!writer) writers.set(bucket, (writer = new ByteWriter()));
    const filed = [...byKey.get(key)!].sort();
    writer.str(key);
    writer.uint(filed.length);
    for (const bare of filed) writer.str(bare);
  }
  // Every bucket has its file, empty or not: a query never asks for one that is missing.
  return { buckets, files: new Map(Array.from({ length: buckets }, (_, bucket) => [typoPath(bucket), writers.get(bucket)?.bytes ?? []])) };
}

/** The entries of one inflated bucket: key → bare spellings. */
export function decodeTypoBucket(bytes: Uint8Array): Map<string, string[]> {
  const entries = new Map<string, string[]>();
  const reader = new ByteReader(bytes);
  while (!reader.done) {
    const key = reader.str();
    const filed: string[] = [];
    for (let n = reader.uint(); n > 0; n--) filed.push(reader.str());
    entries.set(key, filed);
  }
  return entries;
}
