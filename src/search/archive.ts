/**
 * An archive's counted words (`release-terms.ts`), packed: every release's readings in release
 * order as numbers in one typed array, and every string once. At 10,000 releases that is about
 * 30 MB, where an object per release with arrays of strings took about 200 MB.
 */
import { COUNTS, type ReleaseTerms } from "./release-terms.ts";

/** Numbers per reading: its stems' string, its spelling's string, then its four counts. */
export const PACKED = 2 + COUNTS;

/** The counted words of an archive's releases, numbered as the index numbers them. */
export interface Archive {
  /** Every stems string (a reading's stems joined by a space) and spelling, once. */
  strings: string[];
  /** {@link PACKED} numbers per reading, release after release. */
  readings: Int32Array;
  /** Release r's readings are readings `starts[r]` up to `starts[r + 1]` (one more entry than releases). */
  starts: Int32Array;
  /** Per release, two numbers: indexed words of its title, and of its body with the tags. */
  lengths: Int32Array;
}

/** Number of releases of an archive. */
export const releaseCount = (archive: Archive): number => archive.starts.length - 1;

/** The readings of release `r`, packed (a view, not a copy). */
export const readingsOf = (archive: Archive, r: number): Int32Array => archive.readings.subarray(archive.starts[r] * PACKED, archive.starts[r + 1] * PACKED);

/**
 * Makes an archive release by release, from packed readings of another archive or from counted
 * words. The readings go straight into one array that grows by doubling, not into an array per
 * release joined at the end, which held them twice at once (about 40 MB each at 10,000 releases)
 * in ten thousand small arrays and one large one. The finished archive's readings are a view of
 * that array: the part never written is never touched, so it takes no memory.
 */
export class ArchiveBuilder {
  private strings: string[];
  private ids: Map<string, number> | undefined;
  private readings = new Int32Array(PACKED * 1024);
  private starts = [0];
  private lengths: number[] = [];

  /** `strings`: the strings the packed readings added later are numbered by (kept, and added to). */
  constructor(strings: string[] = []) {
    this.strings = [...strings];
  }

  /** Adds a release whose readings are numbered by this builder's strings. */
  addPacked(readings: Int32Array, titleLength: number, bodyLength: number): void {
    this.room(readings.length / PACKED).set(readings);
    this.lengths.push(titleLength, bodyLength);
  }

  /** Adds a release from its counted words. */
  addTerms({ titleLength, bodyLength, stems, spellings, counts }: ReleaseTerms): void {
    const ids = (this.ids ??= new Map(this.strings.map((text, id) => [text, id])));
    const id = (text: string): number => ids.get(text) ?? ids.set(text, this.strings.push(text) - 1).size - 1;
    const readings = this.room(stems.length);
    for (let r = 0; r < stems.length; r++) {
      readings[r * PACKED] = id(stems[r]);
      readings[r * PACKED + 1] = id(spellings[r]);
      readings.set(counts.subarray(r * COUNTS, (r + 1) * COUNTS), r * PACKED + 2);
    }
    this.lengths.push(titleLength, bodyLength);
  }

  /** The archive made; the builder is not used after. */
  finish(): Archive {
    const used = this.starts[this.starts.length - 1] * PACKED;
    return { strings: this.strings, readings: this.readings.subarray(0, used), starts: Int32Array.from(this.starts), lengths: Int32Array.from(this.lengths) };
  }

  /** The next release's place for `count` readings (a view to fill), the array grown when it lacks room. */
  private room(count: number): Int32Array {
    const start = this.starts[this.starts.length - 1] * PACKED;
    const end = start + count * PACKED;
    if (end > this.readings.length) {
      const grown = new Int32Array(Math.max(end, this.readings.length * 2));
      grown.set(this.readings.subarray(0, start));
      this.readings = grown;
    }
    this.starts.push(end / PACKED);
    return this.readings.subarray(start, end);
  }
}

/**
 * The same archive with only the strings its readings use, renumbered (a cache keeps no strings
 * of deleted releases). Renumbers `archive`'s readings in place rather than copying them: it is
 * for saving an archive no longer used.
 */
export function compacted(archive: Archive): Archive {
  const { readings } = archive;
  const renumbered = new Int32Array(archive.strings.length).fill(-1);
  const strings: string[] = [];
  for (let at = 0; at < readings.length; at += PACKED) {
    for (const field of [at, at + 1]) {
      const old = readings[field];
      if (renumbered[old] < 0) renumbered[old] = strings.push(archive.strings[old]) - 1;
      readings[field] = renumbered[old];
    }
  }
  return { ...archive, strings };
}
