/**
 * Work a build starts and does not wait for at once (the search index on a worker thread).
 * Kept on `globalThis`: Eleventy loads the plugins through its own import of the config, so the
 * build (`buildSite`) may hold another copy of this module (as the tests do).
 */
const KEY = Symbol.for("bayan.background");
const running: Set<Promise<unknown>> = ((globalThis as Record<symbol, unknown>)[KEY] as Set<Promise<unknown>> | undefined) ??
  ((globalThis as Record<symbol, unknown>)[KEY] = new Set<Promise<unknown>>());

/** Tracks `work` until it settles; returns it. */
export function inBackground<T>(work: Promise<T>): Promise<T> {
  running.add(work);
  work.then(() => running.delete(work), () => running.delete(work));
  return work;
}

/** Resolves once all background work has settled, successful or not. */
export async function backgroundSettled(): Promise<void> {
  await Promise.allSettled([...running]);
}
