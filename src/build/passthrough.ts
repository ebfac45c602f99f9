import type { Eleventy } from "@11ty/eleventy";

/** The part of Eleventy 3's passthrough manager that copies one passthrough (a file, a folder, a glob). */
interface PassthroughManager {
  copyPassthrough(pass: unknown): Promise<unknown>;
}

/** The passthrough copies of one Eleventy build, as `trackPassthroughCopies` watches them. */
export interface PassthroughCopies {
  /** Resolves once every copy started so far has finished or failed. */
  settled(): Promise<void>;
}

/**
 * Watches the passthrough copies (the fonts, a host site's own) of `eleventy`, which must be
 * initialised, so that a failed build can wait for them before it removes its staging folder.
 *
 * Eleventy 3 starts every copy, then waits for the templates to render before it listens to the
 * copies' results: a copy that fails meanwhile (a full disk) is an unhandled rejection, which
 * stops Node with a stack trace and leaves the staging folder behind. Each copy is marked as
 * handled here; its failure still rejects `eleventy.write()` as Eleventy intends.
 */
export function trackPassthroughCopies(eleventy: Eleventy): PassthroughCopies {
  const manager = (eleventy as unknown as { passthroughManager?: PassthroughManager }).passthroughManager;
  if (!manager) throw new Error("trackPassthroughCopies: call eleventy.init() first");
  const copies: Array<Promise<unknown>> = [];
  const copy = manager.copyPassthrough.bind(manager);
  manager.copyPassthrough = (pass) => {
    const copying = copy(pass);
    copies.push(copying.catch(() => {}));
    return copying;
  };
  return {
    async settled() {
      // A copy can start another (Eleventy's queue of copies asked for while rendering), so until none is added.
      for (let seen = 0; seen < copies.length; ) {
        const batch = copies.slice(seen);
        seen = copies.length;
        await Promise.all(batch);
      }
    },
  };
}
