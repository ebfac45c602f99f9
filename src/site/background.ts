import { processWide } from "./process-wide.ts";

/** Work a build starts and does not wait for at once (the search index on a worker thread), one set per process. */
const running = processWide("background", () => new Set<Promise<unknown>>());

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
