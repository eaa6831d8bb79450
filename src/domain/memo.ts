/**
 * Memoises a pure function of one string in a bounded map (cleared when
 * full). Team pages and crawls repeat the same lines (titles, navigation
 * labels, names) far more often than they vary.
 */
const registry = new Set<Map<string, unknown>>();

/** Empties every memo cache (benchmarks measure cold pages this way). */
export function clearMemoCaches(): void {
  for (const cache of registry) cache.clear();
}

/** Registers a cache owned elsewhere so clearMemoCaches empties it too. */
export function registerMemoCache(cache: Map<string, unknown>): void {
  registry.add(cache);
}

export function memoizeString<R>(fn: (input: string) => R, maxEntries = 20_000): (input: string) => R {
  const cache = new Map<string, R>();
  registry.add(cache);
  return (input: string) => {
    const hit = cache.get(input);
    if (hit !== undefined || cache.has(input)) return hit as R;
    const value = fn(input);
    if (cache.size >= maxEntries) cache.clear();
    cache.set(input, value);
    return value;
  };
}
