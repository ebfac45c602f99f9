/**
 * Bytes of a release file → clean text: UTF-8 (BOM dropped) or the site's legacy encoding,
 * LF line ends, NFC, and no character that XML forbids (they would break the feeds).
 */
import type { Diagnostic } from "./model.ts";

/** The text of a release file, or the reason it cannot be read. */
export interface DecodedText {
  text: string;
  diagnostics: Diagnostic[];
  /** False when the bytes could not be turned into text at all; `text` is then empty. */
  readable: boolean;
}

/** How to read a release file. */
export interface DecodeOptions {
  file: string;
  /** Encoding to read files that are not UTF-8 with, e.g. `windows-1256` (from the site config). */
  legacyEncoding?: string;
}

const MAX_CONTROL_REPORTS = 10;
// What XML 1.0 does not allow (C0 controls other than tab and LF, U+FFFE, U+FFFF), and lone
// surrogates, which a string (never bytes) can hold and no encoder can write.
// (With the u flag, a surrogate range matches only unpaired surrogates.)
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu;

/**
 * Decodes and cleans a release file. A string is taken as already decoded: only the byte
 * checks (BOM, UTF-16, UTF-8 validity) are skipped.
 * @example decodeRelease(readFileSync(path), { file: "releases/budget.txt", legacyEncoding: "windows-1256" })
 */
export function decodeRelease(input: Uint8Array | string, options: DecodeOptions): DecodedText {
  const diagnostics: Diagnostic[] = [];
  let text: string;
  if (typeof input === "string") {
    // The file's byte order mark as a string holds it; bytes lose theirs before decoding.
    text = input.replace(/^\uFEFF/, "");
  } else {
    const decoded = decodeBytes(input, options, diagnostics);
    if (decoded === undefined) return { text: "", diagnostics, readable: false };
    text = decoded;
  }
  text = text.replace(/\r\n?/g, "\n").normalize("NFC");
  return { text: removeForbidden(text, options.file, diagnostics), diagnostics, readable: true };
}

function decodeBytes(bytes: Uint8Array, options: DecodeOptions, diagnostics: Diagnostic[]): string | undefined {
  const { file, legacyEncoding } = options;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    diagnostics.push({
      file,
      severity: "error",
      message: "the file is saved as UTF-16 (“Unicode”), which Bayan does not read",
      hint: "open it and save it again as UTF-8 (in Notepad: Save As → Encoding: UTF-8)",
    });
    return undefined;
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    // Not UTF-8: fall through to the legacy encoding, if the site has one.
  }
  if (legacyEncoding) {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(legacyEncoding);
    } catch {
      diagnostics.push({
        file,
        severity: "error",
        message: `the file is not UTF-8, and the site's legacyEncoding "${legacyEncoding}" is not an encoding Node.js can read`,
        hint: 'set "legacyEncoding": "windows-1256" (or another real encoding) in templates/site.json, or save the file as UTF-8',
      });
      return undefined;
    }
    diagnostics.push({
      file,
      severity: "warning",
      message: `the file is not UTF-8, so it was read as ${legacyEncoding} (the site's legacyEncoding)`,
      hint: "check the text on the page; save the file as UTF-8 to be sure every character is right",
    });
    return decoder.decode(body);
  }
  const bad = firstInvalidUtf8(body);
  diagnostics.push({
    file,
    line: bad < 0 ? undefined : lineOfByte(bytes, bad + (bytes.length - body.length)),
    severity: "error",
    message: "the file is not valid UTF-8 text (it was probably saved in an older Arabic encoding)",
    hint: 'save it again as UTF-8 (in Notepad: Save As → Encoding: UTF-8), or, if all your releases use the Windows Arabic encoding, set "legacyEncoding": "windows-1256" in templates/site.json',
  });
  return undefined;
}

/** Offset of the first byte that does not start a valid UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const extra = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    if (extra === 0) return i;
    // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    if (!(bytes[i + 1] >= low && bytes[i + 1] <= high)) return i;
    for (let k = 2; k <= extra; k++) if ((bytes[i + k] & 0xc0) !== 0x80 || i + k >= bytes.length) return i;
    i += extra + 1;
  }
  return -1;
}

/** 1-based line of a byte offset; LF, CRLF and a lone CR each end a line. */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  return line;
}

function removeForbidden(text: string, file: string, diagnostics: Diagnostic[]): string {
  if (text.search(FORBIDDEN) < 0) return text;
  const lines = text.split("\n");
  const affected = lines.flatMap((line, i) => (line.search(FORBIDDEN) >= 0 ? [i] : []));
  affected.slice(0, MAX_CONTROL_REPORTS).forEach((i, n) => {
    const codes = [...new Set(lines[i].match(FORBIDDEN))].map(codePoint).join(", ");
    const more =
      n === MAX_CONTROL_REPORTS - 1 && affected.length > MAX_CONTROL_REPORTS ? ` (and ${affected.length - MAX_CONTROL_REPORTS} more lines like it)` : "";
    diagnostics.push({
      file,
      line: i + 1,
      severity: "error",
      message: `the line holds an invisible control character (${codes}) that would break the RSS and Atom feeds${more}`,
      hint: "run npm run check -- --fix to remove such characters from every release (a Word line or page break becomes a line break), or delete it by hand",
    });
  });
  return text.replace(FORBIDDEN, "");
}

function codePoint(ch: string): string {
  return `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}
