/**
 * The media kit's front matter: `photos:` and `files:`, each a list of entries.
 * @example
 * photos:
 *   - file: plant.jpg
 *     alt: The solar desalination plant at Jubail seen from the sea
 *     caption: The plant at dawn
 *     credit: SPA
 * files:
 *   - file: statement.pdf
 *     title: Full statement
 *     lang: ar
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from "yaml";
import type { DocumentEntry, PhotoEntry } from "../release/model.ts";

/** The front matter keys of the media kit. */
export const MEDIA_KEYS = ["photos", "files"] as const;
export type MediaKey = (typeof MEDIA_KEYS)[number];

/** What reading a list needs from the front matter reader: the document (for aliases), a report, and lines of offsets. */
export interface ListContext {
  doc: Document;
  report: (line: number | undefined, message: string, hint: string) => void;
  lineAt: (offset: number) => number;
}

const FIELDS: Record<MediaKey, readonly string[]> = {
  photos: ["file", "alt", "caption", "credit"],
  files: ["file", "title", "lang"],
};
const EXAMPLE: Record<MediaKey, string> = {
  photos: "photos:\n  - file: plant.jpg\n    alt: one sentence saying what the photo shows\n    credit: SPA",
  files: "files:\n  - file: statement.pdf\n    title: Full statement",
};
// Control characters that XML (so every feed) forbids.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u;
const LANG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/**
 * Reads `photos:` or `files:`: a list whose items are groups of keys (or, for documents, just a
 * file name). Every problem is reported at the line of its entry; any problem drops the list.
 */
export function readMediaList(key: MediaKey, node: Node, line: number | undefined, context: ListContext): PhotoEntry[] | DocumentEntry[] | undefined {
  const { doc, report, lineAt } = context;
  if (!isSeq(node)) {
    report(line, `${key} must be a list, one entry per "- " line`, `write it like this:\n${EXAMPLE[key]}`);
    return undefined;
  }
  const entries: Array<Record<string, string | number>> = [];
  let ok = true;
  for (const raw of node.items) {
    const item = (isAlias(raw) ? raw.resolve(doc) : raw) as Node | null;
    const itemLine = item?.range ? lineAt(item.range[0]) : line;
    const entry = readEntry(key, item, itemLine, context);
    if (entry) entries.push({ ...entry, line: itemLine ?? 0 });
    else ok = false;
  }
  return ok ? (entries as unknown as PhotoEntry[] | DocumentEntry[]) : undefined;
}

function readEntry(key: MediaKey, item: Node | null, line: number | undefined, { doc, report }: ListContext): Record<string, string> | undefined {
  const fields = FIELDS[key];
  if (key === "files" && isScalar(item) && typeof item.value === "string") return item.value.trim() ? { file: item.value.trim() } : undefined;
  if (!isMap(item)) {
    report(line, `each entry of ${key} must be a group of keys (${fields.join(", ")})`, `write it like this:\n${EXAMPLE[key]}`);
    return undefined;
  }
  const entry: Record<string, string> = {};
  for (const pair of item.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : "";
    const value = (isAlias(pair.value) ? pair.value.resolve(doc) : pair.value) as Node | null;
    if (!fields.includes(name)) {
      report(line, `"${name}" is not a key of a ${key} entry`, `the keys are ${fields.join(", ")}; check the spelling`);
      return undefined;
    }
    if (!isScalar(value) || (typeof value.value !== "string" && typeof value.value !== "number")) {
      report(line, `${name} of a ${key} entry must be text`, `write ${name}: followed by one line of text`);
      return undefined;
    }
    const text = String(value.value).trim();
    if (CONTROL.test(text)) {
      report(line, `${name} contains an invisible control character that feeds cannot carry`, "retype the value");
      return undefined;
    }
    if (text) entry[name] = text;
  }
  if (!entry.file) {
    report(line, `this ${key} entry has no file`, `add file: with the file name, next to the release or under assets/`);
    return undefined;
  }
  if (key === "photos" && !entry.alt) {
    report(
      line,
      `the photo "${entry.file}" has no alt (a description for readers who cannot see it)`,
      "add alt: followed by one sentence saying what the photo shows",
    );
    return undefined;
  }
  if (entry.lang && !LANG.test(entry.lang)) {
    report(line, `lang "${entry.lang}" is not a language code`, "use a code such as ar, en or fr");
    return undefined;
  }
  return entry;
}
