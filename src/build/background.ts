/** Work a build starts and does not wait for at once (the search index on a worker thread). One set per build (its `BuildContext`). */
export interface BackgroundWork {
  /** Tracks `work` until it settles; returns it. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves once all work tracked so far has settled, successful or not. */
  settled(): Promise<void>;
}

/** An empty set of background work, for one build or one watch session. */
export function backgroundWork(): BackgroundWork {
  const running = new Set<Promise<unknown>>();
  return {
    track(work) {
      running.add(work);
      work.then(
        () => running.delete(work),
        () => running.delete(work),
      );
      return work;
    },
    async settled() {
      await Promise.allSettled([...running]);
    },
  };
}
