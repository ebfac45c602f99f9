/** Test helpers: read release HTML back as a DOM, and read the sample files. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseHTML } from "linkedom";

/** The body element of a document made from an HTML fragment. */
export function fragment(html: string): HTMLElement {
  return parseHTML(`<!doctype html><html><body>${html}</body></html>`).document.body as unknown as HTMLElement;
}

/** Tag names of every element in `html`, in document order. */
export function tagsOf(html: string): string[] {
  return [...fragment(html).querySelectorAll("*")].map((el) => el.tagName.toLowerCase());
}

/** Folder of the sample releases. */
export const SAMPLES = fileURLToPath(new URL("../fixtures/samples/", import.meta.url));

/** Bytes of one sample, e.g. `bad/empty.txt`. */
export function sample(name: string): Uint8Array {
  return readFileSync(SAMPLES + name);
}
