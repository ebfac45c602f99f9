/**
 * What `npm run check -- --fix` changes in a release file: only characters that show as nothing
 * and that the build refuses or strips anyway — control characters (U+001A in wire archives, a
 * Word page break), direction overrides and isolates, a byte order mark inside the text. Nothing
 * visible changes; the file's own byte order mark and line ends stay as they were.
 */

/** One kind of character removed from a file, and the lines it was on. */
export interface Fix {
  /** `U+001A`, or `U+000B → line break`. */
  what: string;
  lines: number[];
}

// Controls XML forbids (tab, LF and CR are text), U+FFFE/U+FFFF, bidi embeddings, overrides and
// isolates, and a byte order mark past the start. Vertical tab and form feed are Word's manual
// line and page breaks: they become a line break, so the words on either side stay apart.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069\uFEFF]/gu;
const LINE_BREAKS = new Set(["\u000B", "\u000C"]);
const BOM = [0xef, 0xbb, 0xbf];

/**
 * The file without its invisible characters, and what was removed; undefined when there is
 * nothing to fix or the bytes are not UTF-8 (they are then left for `check` to report).
 * @example fixRelease(Buffer.from("عنوان\u001A\n")) // { bytes: <"عنوان\n">, fixes: [{ what: "U+001A", lines: [1] }] }
 */
export function fixRelease(bytes: Uint8Array): { bytes: Uint8Array; fixes: Fix[] } | undefined {
  const bom = BOM.every((byte, i) => bytes[i] === byte) ? 3 : 0;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(bom));
  } catch {
    return undefined;
  }
  if (text.search(INVISIBLE) < 0) return undefined;
  const lineEnd = text.includes("\r\n") ? "\r\n" : /\r(?!\n)/.test(text) ? "\r" : "\n";
  const found = new Map<string, Set<number>>();
  let line = 1;
  let counted = 0;
  const fixed = text.replace(INVISIBLE, (char, offset: number) => {
    // Lines counted as the build counts them: LF, CRLF and a lone CR each end one.
    line += (text.slice(counted, offset).match(/\r\n|\r|\n/g) ?? []).length;
    counted = offset;
    const code = `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
    const what = LINE_BREAKS.has(char) ? `${code} → line break` : code;
    found.set(what, (found.get(what) ?? new Set()).add(line));
    return LINE_BREAKS.has(char) ? lineEnd : "";
  });
  const body = new TextEncoder().encode(fixed);
  const out = new Uint8Array(bom + body.length);
  out.set(bytes.subarray(0, bom));
  out.set(body, bom);
  return { bytes: out, fixes: [...found].map(([what, lines]) => ({ what, lines: [...lines] })) };
}

/** `U+001A on lines 4, 9; U+202E on line 2`: what `--fix` did to one file, for the report. */
export function describeFixes(fixes: Fix[]): string {
  return fixes.map(({ what, lines }) => `${what} on line${lines.length > 1 ? "s" : ""} ${lines.join(", ")}`).join("; ");
}
