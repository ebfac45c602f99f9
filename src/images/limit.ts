/**
 * Runs `task` over `items` with at most `limit` tasks in flight, results in input order.
 * sharp already spreads one image over several threads: running every card at once would
 * only queue them inside libvips and hold every buffer in memory at the same time.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * A queue that runs each piece of work handed to it once the previous one has settled,
 * successful or not: for work that must not run side by side (see its callers).
 */
export function oneAtATime(): <T>(work: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (work) => {
    const turn = last.then(work, work);
    last = turn.catch(() => undefined);
    return turn;
  };
}
