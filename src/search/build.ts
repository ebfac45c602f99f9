/**
 * Builds the search index (format in `format.ts`) from published releases.
 * Deterministic: the same releases, in any order, give byte-identical files.
 */
import { constants, deflateRawSync } from "node:zlib";
import { ArchiveBuilder } from "./archive.ts";
import { META_PATH, bodyPath, docPath, type StoredDoc } from "./format.ts";
import type { SearchDoc } from "./model.ts";
import { splitPassages, type Passage } from "./passages.ts";
import { releaseTerms } from "./release-terms.ts";
import { emitTermFiles } from "./terms-index.ts";
import { INDEX_TUNING } from "./tuning.ts";
import { compareStrings } from "./vote.ts";

export { INDEX_TUNING } from "./tuning.ts";

/**
 * Builds every index file: relative path → contents, to be written under the
 * index folder (`dist/search/index/`).
 */
export function buildSearchIndex(docs: SearchDoc[]): Map<string, string | Uint8Array> {
  return new Map([...buildIndexFiles(docs)].map(([file, { content }]) => [file, content]));
}

/** An index file: what is written, and what a deflated file holds once inflated (the file itself otherwise). */
export interface IndexFile {
  content: string | Uint8Array;
  inflated: string | Buffer;
}

/**
 * Which files to build: all, or one of two halves that two threads can build at once — each
 * document's own files (what a result shows), or the terms' shards and the meta file.
 */
export type IndexPart = "all" | "documents" | "terms";

/** {@link buildSearchIndex}, with each file's inflated contents beside it (for the embargo audit). */
export function buildIndexFiles(docs: SearchDoc[], part: IndexPart = "all"): Map<string, IndexFile> {
  return new Map(
    [...indexTexts(docs, part)].map(([file, text]) => [
      file,
      file === META_PATH ? { content: text as string, inflated: text as string } : deflateIndexFile(text),
    ]),
  );
}

/** The index files of `part`, not yet deflated: path → contents (`meta.json` is the one file published as it is). */
export function indexTexts(docs: SearchDoc[], part: IndexPart): Map<string, string | Uint8Array> {
  const ordered = [...docs].sort(compareDocs);
  // The terms' half splits a release into passages only when it counts its words (see `releaseTerms`).
  const passagesOf = part === "terms" ? undefined : ordered.map((doc) => splitPassages(doc.text));
  const texts = new Map<string, string | Uint8Array>(passagesOf ? documentTexts(ordered, (id) => passagesOf[id]) : []);
  if (part === "documents") return texts;
  const builder = new ArchiveBuilder();
  ordered.forEach((doc, id) => builder.addTerms(releaseTerms(doc, passagesOf?.[id])));
  emitTermFiles(
    builder.finish(),
    ordered.map((doc) => doc.lang),
    (file, contents) => texts.set(file, contents),
  );
  return texts;
}

/**
 * Each document's own files (what a result shows), not yet deflated: path and JSON text, one
 * document at a time, so a build need not hold them all. Their contents do not depend on the
 * numbering, only their paths do, so a build can take the deflated file of an unchanged document
 * from a cache (see `write.ts`). `ordered` as {@link orderedDocs} gives them; `passagesOf(id)` as
 * `splitPassages` gives a document's passages.
 */
export function* documentTexts(
  ordered: SearchDoc[],
  passagesOf = (id: number): Passage[] => splitPassages(ordered[id].text),
): Generator<[file: string, text: string]> {
  for (const [id, doc] of ordered.entries()) yield* releaseDocumentTexts(id, doc, passagesOf(id));
}

/** One release's own files (see {@link documentTexts}), as release number `id`, its text split into `passages`. */
export function releaseDocumentTexts(id: number, doc: SearchDoc, passages: Passage[]): Array<[file: string, text: string]> {
  const texts: Array<[string, string]> = [[docPath(id), JSON.stringify(storedDoc(doc, passages[0]?.text ?? ""))]];
  if (passages.length > 1) texts.push([bodyPath(id), JSON.stringify(passages.slice(1).map((p) => p.text))]);
  return texts;
}

function storedDoc(doc: SearchDoc, lead: string): StoredDoc {
  const limit = INDEX_TUNING.leadChars;
  const cut = lead.length <= limit ? lead : `${lead.slice(0, Math.max(lead.lastIndexOf(" ", limit), limit / 2))} …`;
  return { u: doc.url, t: doc.title, d: doc.date, l: doc.lang, p: cut, ...(doc.displayDate ? { f: doc.displayDate } : {}) };
}

/** zlib's own output buffer size (`zlib.constants.Z_DEFAULT_CHUNK`), kept for large files. */
const DEFLATE_CHUNK = constants.Z_DEFAULT_CHUNK;

/** An index file's contents, raw-deflated as every `.bin` file is. */
export function deflateIndexFile(data: string | Uint8Array): IndexFile {
  const inflated = typeof data === "string" ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  // Index files are small: a 4 KB window loses nothing and makes each call cheap. An output
  // buffer of about the input's size, not zlib's 16 KB: it is garbage once copied, and a build
  // deflates 20,000 files of a few hundred bytes.
  const chunkSize = Math.min(DEFLATE_CHUNK, inflated.length + 64);
  return { content: new Uint8Array(deflateRawSync(inflated, { level: 9, windowBits: 12, memLevel: 7, chunkSize })), inflated };
}

/** The releases in the order that numbers them (see {@link compareDocs}). */
export function orderedDocs(docs: SearchDoc[]): SearchDoc[] {
  return [...docs].sort(compareDocs);
}

/**
 * Oldest first, then by URL: a new newest release takes the next number and no other release's
 * number changes (a release deleted or back-dated renumbers those after it).
 */
function compareDocs(a: SearchDoc, b: SearchDoc): number {
  return (Date.parse(a.date) || 0) - (Date.parse(b.date) || 0) || compareStrings(a.url, b.url);
}
