import { zipSync, type Zippable } from "fflate";

/** One file of a media kit's ZIP: its path inside the archive and its bytes. */
export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
  /** JPEG, PNG and ZIP-based documents are stored as they are: deflating them again gains nothing. */
  compressed?: boolean;
}

/** A date and time as a ZIP stores it: wall-clock fields, no zone. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/**
 * A reproducible ZIP: the same entries and time give the same bytes, on any machine and in any
 * time zone. Entries keep the order given, every one carries `time` (ZIP stores local wall-clock
 * fields, which fflate reads from a `Date` in the machine's zone: the `Date` is made in that zone
 * from the fields, so the fields come back unchanged), and nothing else of the machine is written.
 */
export function reproducibleZip(entries: ZipEntry[], time: WallClock): Uint8Array {
  let mtime = new Date(Math.max(time.year, 1980), time.month - 1, time.day, time.hour, time.minute, 0);
  // A time the machine's zone skips (a daylight-saving change) would come back an hour off: noon never is.
  if (mtime.getHours() !== time.hour || mtime.getMinutes() !== time.minute) mtime = new Date(Math.max(time.year, 1980), time.month - 1, time.day, 12);
  const files: Zippable = {};
  for (const entry of entries) files[entry.name] = [entry.bytes, { level: entry.compressed ? 0 : 9, mtime, os: 3, attrs: 0o644 << 16 }];
  return zipSync(files);
}
