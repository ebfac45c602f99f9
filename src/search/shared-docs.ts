/**
 * The releases as the index's threads receive them: every text once, as UTF-8 in memory the
 * threads share, instead of a copy of every text for each thread (at 50,000 releases a copy took
 * about 280 MB in each). A thread decodes a text when it reads it, and holds no decoded copy.
 */
import type { SearchDoc } from "./model.ts";

/** What {@link shareDocs} makes: the docs without their texts, and where each text ends in `texts`. */
export interface SharedDocs {
  docs: Array<Omit<SearchDoc, "text"> & { end: number }>;
  texts: SharedArrayBuffer;
}

/** The docs, their texts in one shared buffer. */
export function shareDocs(docs: SearchDoc[]): SharedDocs {
  let total = 0;
  for (const { text } of docs) total += Buffer.byteLength(text);
  const texts = new SharedArrayBuffer(total);
  const bytes = Buffer.from(texts);
  let end = 0;
  return {
    docs: docs.map(({ text, ...doc }) => ({ ...doc, end: (end += bytes.write(text, end)) })),
    texts,
  };
}

/** The docs again, each `text` decoded from the shared buffer whenever it is read. */
export function sharedDocs({ docs, texts }: SharedDocs): SearchDoc[] {
  const bytes = Buffer.from(texts);
  return docs.map(({ end, ...doc }, i) => {
    const start = i > 0 ? docs[i - 1].end : 0;
    return Object.defineProperty(doc, "text", { get: () => bytes.toString("utf8", start, end), enumerable: true }) as SearchDoc;
  });
}
