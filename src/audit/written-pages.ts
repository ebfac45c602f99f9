/**
 * Pages handed to Eleventy as UTF-8 bytes that are let go once written. Eleventy keeps what a
 * page's last transform returns until its build ends (the `results` of `write()` and
 * `eleventy.after`, and each page's rendered promise): at 10,000 releases, 11,000 pages of Arabic
 * HTML, 300 MB of two-byte strings. As bytes with memory of their own, detached once on disk,
 * Eleventy keeps an empty buffer instead.
 *
 * When a page is on disk, from how Eleventy 3 writes (`Template.generateMapEntry`, with the default
 * synchronous writes): it renders a template's pages one after another, each written synchronously
 * as soon as its last transform resolves, before the next is rendered, and with nothing but promise
 * callbacks in between. So when a page of a template reaches the last transform, the template's
 * previous page is written; and every page handed over in one turn of the event loop is written
 * before the next turn (Eleventy may render many pages without one). Not so with `writeMode:
 * "async"`, whose writes wait on I/O: a site that sets it keeps its pages as text.
 */

/**
 * A converter of one build's page texts: `(text, template, file)` returns the bytes of a page of
 * `template` (its input path) written to `file`, let go once written. `handOver`, when given, is
 * handed each page's memory as it is let go (the embargo audit's worker, see `page-search.ts`),
 * moved rather than copied: a page is then let go on the next turn of the event loop at the latest.
 */
export function pagesLetGoOnceWritten(handOver?: (file: string, bytes: ArrayBuffer) => void): (text: string, template: string, file: string) => Buffer {
  const previous = new Map<string, Buffer>();
  const files = new WeakMap<Buffer, string>();
  let thisTurn: Buffer[] = [];
  const letGo = (bytes: Buffer) => {
    // Detached once: every view of it, Eleventy's too, becomes empty, and the memory is freed or handed over.
    if (bytes.buffer.byteLength === 0) return;
    if (handOver) handOver(files.get(bytes)!, bytes.buffer as ArrayBuffer);
    else structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
  };
  const letGoOfTurn = () => {
    for (const bytes of thisTurn) letGo(bytes);
    thisTurn = [];
  };
  return (text, template, file) => {
    // The bytes get memory of their own (`Buffer.from` may share Node's pool), which moves whole.
    const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
    bytes.write(text);
    files.set(bytes, file);
    const written = previous.get(template);
    if (written) letGo(written);
    previous.set(template, bytes);
    if (thisTurn.length === 0) setImmediate(letGoOfTurn);
    thisTurn.push(bytes);
    return bytes;
  };
}
