/**
 * `work` with its results kept by its (string) arguments, in `cache`: for filters whose result
 * depends on their arguments and the site only, called for the same values on many pages.
 */
export function once<A extends string[], T>(work: (...args: A) => T, cache = new Map<string, T>()): (...args: A) => T {
  return (...args: A): T => {
    const key = args.join("\u0000");
    if (!cache.has(key)) cache.set(key, work(...args));
    return cache.get(key)!;
  };
}
