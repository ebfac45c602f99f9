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
 * A queue that runs at most `limit` pieces of work handed to it at a time, each starting once an
 * earlier one has settled, successful or not, in the order handed over: for work that must not
 * all run side by side (see its callers).
 */
export function atMost(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  const next = () => {
    running--;
    waiting.shift()?.();
  };
  return (work) =>
    new Promise((resolve, reject) => {
      const start = () => {
        running++;
        work().then(resolve, reject).finally(next);
      };
      if (running < limit) start();
      else waiting.push(start);
    });
}

/** `atMost(1)`: each piece of work once the previous one has settled. */
export const oneAtATime = () => atMost(1);
