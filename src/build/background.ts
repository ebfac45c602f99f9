/** Work a build starts and does not wait for at once (the search index and the pages' writer on worker threads). One set per build (its `BuildContext`). */
export interface BackgroundWork {
  /** Tracks `work` until it settles; returns it. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves once all work tracked so far has settled, successful or not. */
  settled(): Promise<void>;
  /** Notes how to stop work that runs until it is asked for its result (a worker thread), should the build fail before it asks. */
  stoppable(stop: () => Promise<void>): void;
  /** Stops the work noted as stoppable, and resolves once none of it runs any more (a failed build, before its output folder goes). */
  stop(): Promise<void>;
}

/** An empty set of background work, for one build or one watch session. */
export function backgroundWork(): BackgroundWork {
  const running = new Set<Promise<unknown>>();
  const stops: Array<() => Promise<void>> = [];
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
    stoppable(stop) {
      stops.push(stop);
    },
    async stop() {
      await Promise.allSettled(stops.splice(0).map((stop) => stop()));
    },
  };
}
