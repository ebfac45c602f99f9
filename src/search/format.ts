/**
 * The search index format, version 3: what `build.ts` writes and `query.ts` reads.
 * All paths are relative to the index folder (`dist/search/index/`); a query
 * fetches `meta.json` once, then only the group lists and shards of its terms and
 * the files of the releases it shows, so bytes per query grow little with the archive.
 *
 * ```text
 * meta.json     {"format":3,"docs":2,"langs":["ar","en"],"groups":[""],"typos":4}
 * s/1c9w….bin   ["","قط"]        the smallest term of each shard of the group whose smallest term is ""
 * t/1c9w….bin   terms from "" up to (not including) "قط"
 * t/5k2p….bin   terms from "قط" on
 * l.bin         [0, 1]           each release's language (an index into `langs`); only with two or more
 * d/0.bin       {"u":"/releases/2026/11/desalination-plant/","t":"تدشين أول محطة …","d":"2026-11-24T00:00:00+03:00","l":"ar","p":"الجبيل 14 …"}
 * b/0.bin       ["second passage of the body", "third passage", …]   (only when the body has more than one)
 * y/0.bin       typo keys and the spellings filed under them (see `typos.ts`)
 * ```
 *
 * - `meta.json` (plain JSON): `docs` is the number of releases, numbered 0…docs-1
 *   oldest first (then by URL), so a new newest release takes the next number and no
 *   other release's number changes; `langs` lists their languages, sorted. Shards hold
 *   sorted runs of terms and are listed in groups: `groups[g]` is the smallest term of
 *   group g, whose list (JSON array) gives the smallest term of each of its shards; so
 *   `meta.json` stays small however large the archive. A term lives in the last group,
 *   then the last shard, whose key is `<=` it (UTF-16 code unit order). A shard's file
 *   and a group's are named after their key (`shardPath`, `groupPath`): a 53-bit hash in
 *   base 36. Where shards and groups end depends on their terms alone (see `shards.ts`).
 * - Every `.bin` file is raw DEFLATE (`DecompressionStream("deflate-raw")`).
 * - `d/N.bin`: JSON `{u: url, t: title, d: ISO date, l: lang, p: first passage, f: display date}`,
 *   `f` the date as the site's lists show it (`24 نوفمبر 2026`, `24 November 2026`; absent when unknown);
 *   `b/N.bin`: JSON array of the body's other passages (passage k is item k-1).
 * - `t/….bin`: a run of term entries, sorted, each
 *   `str term, uint df, uint count, uint variantCount, str variant…, uint byteLength, posting…`
 *   where `uint` is an unsigned LEB128 varint and `str` a varint byte length plus UTF-8.
 *   `df` counts every release with the term; only the `count` postings with the
 *   highest impact are kept when a term is very common. `variants` are the
 *   normalized spellings the term was found in, most frequent first.
 *   A posting is `uint docGap, byte impact, [uint variant], uint passage, [uint titlePosition]`:
 *   `docGap` is the release number minus the previous one minus one (the first
 *   counts from -1); bit 7 of `impact` is set when the term is in the title and
 *   bits 0–6 hold the BM25F term weight scaled to 1…127, worked out from that release
 *   alone (fixed reference lengths, see `INDEX_TUNING`); `variant` (only when the
 *   entry has more than one) indexes the spelling used in that release, or equals
 *   `variantCount` for a rarer one; `passage` is the first body passage holding
 *   the term (0 when only the title has it); `titlePosition` (only when the title
 *   has the term) counts the title's indexed words before it, for phrase matches.
 *   What a shard takes from the rest of the archive is `df` (the query's IDF uses it with
 *   `docs`) and which reading of a spelling the archive's words vote for (see `build.ts`).
 */

/** Contents of `meta.json`. */
export interface IndexMeta {
  format: 3;
  docs: number;
  /** Languages of the releases, sorted; `l.bin` gives each release's, when there are two or more. */
  langs: string[];
  /** The smallest term of each group of shards (see `shards.ts`), sorted. */
  groups: string[];
  /** Number of typo buckets `y/N.bin` (see `typos.ts`); absent in an index without them. */
  typos?: number;
}

/** One release as stored in `d/N.bin`. */
export interface StoredDoc {
  u: string;
  t: string;
  d: string;
  l: string;
  p: string;
  f?: string;
}

/** One term of a shard, postings still encoded. */
export interface TermEntry {
  term: string;
  df: number;
  variants: string[];
  count: number;
  postings: Uint8Array;
}

/** One release holding a term. */
export interface Posting {
  doc: number;
  impact: number;
  inTitle: boolean;
  variant: number;
  passage: number;
  /** Indexed title words before the term's first title occurrence; -1 when not in the title. */
  titlePosition: number;
}

export const META_PATH = "meta.json";
export const LANGS_PATH = "l.bin";
/** A shard's file, named after its smallest term (`""` for the first shard). */
export const shardPath = (term: string): string => `t/${nameOf(term)}.bin`;
/** A group's file, named after its smallest term. */
export const groupPath = (term: string): string => `s/${nameOf(term)}.bin`;
export const docPath = (doc: number): string => `d/${doc}.bin`;
export const bodyPath = (doc: number): string => `b/${doc}.bin`;

/**
 * A file name for a term: 53 bits of hash (cyrb53, public domain) in base 36, so a file's name
 * says nothing of the words it holds and two shards' names do not collide in practice.
 */
function nameOf(term: string): string {
  let [h1, h2] = [0xdeadbeef, 0x41c6ce57];
  for (let i = 0; i < term.length; i++) {
    const code = term.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** FNV-1a over a string's UTF-16 code units: the same in every build, on every machine and in the browser. */
export function stringHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** The key of the shard (or group) that holds `term`: the last key `<=` it (binary search). */
export function shardOf(keys: readonly string[], term: string): string {
  let low = 0;
  let high = keys.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (keys[mid] <= term) low = mid;
    else high = mid - 1;
  }
  return keys[low];
}

/** Appends varints and strings to a growing byte array. */
export class ByteWriter {
  bytes: number[] = [];
  uint(value: number): void {
    let rest = value;
    while (rest >= 0x80) {
      this.bytes.push((rest & 0x7f) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.bytes.push(rest);
  }
  str(value: string): void {
    const utf8 = encoder.encode(value);
    this.uint(utf8.length);
    for (const byte of utf8) this.bytes.push(byte);
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Reads what {@link ByteWriter} wrote. */
export class ByteReader {
  pos = 0;
  bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }
  get done(): boolean {
    return this.pos >= this.bytes.length;
  }
  byte(): number {
    return this.bytes[this.pos++];
  }
  uint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.bytes[this.pos++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  }
  str(): string {
    const length = this.uint();
    return decoder.decode(this.bytes.subarray(this.pos, (this.pos += length)));
  }
}

/** Encodes one term entry of a shard; `postings` must be sorted by release. */
export function encodeEntry(term: string, df: number, variants: readonly string[], postings: readonly Posting[]): Uint8Array {
  const head = new ByteWriter();
  head.str(term);
  head.uint(df);
  head.uint(postings.length);
  head.uint(variants.length);
  for (const variant of variants) head.str(variant);
  const body = new ByteWriter();
  let previous = -1;
  for (const posting of postings) {
    body.uint(posting.doc - previous - 1);
    previous = posting.doc;
    body.bytes.push((posting.inTitle ? 0x80 : 0) | posting.impact);
    if (variants.length > 1) body.uint(posting.variant);
    body.uint(posting.passage);
    if (posting.inTitle) body.uint(posting.titlePosition);
  }
  head.uint(body.bytes.length);
  const entry = new Uint8Array(head.bytes.length + body.bytes.length);
  entry.set(head.bytes);
  entry.set(body.bytes, head.bytes.length);
  return entry;
}

/** Splits a decompressed shard into its entries, leaving postings encoded until a query needs them. */
export function decodeShard(bytes: Uint8Array): Map<string, TermEntry> {
  const entries = new Map<string, TermEntry>();
  const reader = new ByteReader(bytes);
  while (!reader.done) {
    const term = reader.str();
    const df = reader.uint();
    const count = reader.uint();
    const variants: string[] = [];
    for (let n = reader.uint(); n > 0; n--) variants.push(reader.str());
    const length = reader.uint();
    entries.set(term, { term, df, count, variants, postings: bytes.subarray(reader.pos, (reader.pos += length)) });
  }
  return entries;
}

/** Each entry of a decompressed shard: its term and where its bytes begin and end, without decoding its postings. */
export function* shardEntries(bytes: Uint8Array): Generator<{ term: string; start: number; end: number }> {
  const reader = new ByteReader(bytes);
  while (!reader.done) {
    const start = reader.pos;
    const term = reader.str();
    reader.uint();
    reader.uint();
    for (let n = reader.uint(); n > 0; n--) reader.str();
    const length = reader.uint();
    reader.pos += length;
    if (reader.pos > bytes.length) throw new RangeError("a term entry runs past the end of its shard");
    yield { term, start, end: reader.pos };
  }
}

/** Decodes the postings of one entry. */
export function decodePostings(entry: TermEntry): Posting[] {
  const reader = new ByteReader(entry.postings);
  const postings: Posting[] = [];
  let doc = -1;
  for (let n = 0; n < entry.count; n++) {
    doc += reader.uint() + 1;
    const impact = reader.byte();
    const inTitle = impact >= 0x80;
    const variant = entry.variants.length > 1 ? reader.uint() : 0;
    const passage = reader.uint();
    postings.push({ doc, impact: impact & 0x7f, inTitle, variant, passage, titlePosition: inTitle ? reader.uint() : -1 });
  }
  return postings;
}
