/**
 * Pages handed to Eleventy as UTF-8 bytes that are let go once written. Eleventy keeps what a
 * page's last transform returns until its build ends (the `results` of `write()` and
 * `eleventy.after`, and each page's rendered promise): at 10,000 releases, 11,000 pages of Arabic
 * HTML, 300 MB of two-byte strings, most of the memory a build holds at its end. As bytes with
 * their own memory, detached once on disk, Eleventy keeps an empty buffer instead.
 *
 * When they are on disk: Eleventy writes a page synchronously as soon as its last transform
 * resolves, with nothing but promise callbacks in between (no wait on I/O), so every page handed
 * over in one turn of the event loop is written before the next turn starts. Not so with
 * `writeMode: "async"`, whose writes wait on I/O: a site that sets it keeps its pages as text.
 */

/** A converter of one build's page texts: each call returns the text's bytes, let go after the current turn of the event loop. */
export function pagesLetGoOnceWritten(): (text: string) => Buffer {
  let handed: Buffer[] = [];
  const letGo = () => {
    // Transferring an ArrayBuffer detaches it: every view of it (Eleventy's) becomes empty, and its memory is freed.
    for (const bytes of handed) structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
    handed = [];
  };
  return (text) => {
    const bytes = Buffer.from(text);
    // A short text's bytes share Node's pool with other buffers: kept as they are.
    if (bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length) {
      if (handed.length === 0) setImmediate(letGo);
      handed.push(bytes);
    }
    return bytes;
  };
}
