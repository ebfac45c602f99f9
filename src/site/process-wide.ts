/**
 * The one value of `name` in this process, made by `create` on first use. Kept on `globalThis`:
 * Eleventy loads the plugins through its own import of the config, so a plugin and `buildSite`
 * may each hold a copy of the module that asks (as the tests do).
 */
export function processWide<T>(name: string, create: () => T): T {
  const store = globalThis as Record<symbol, unknown>;
  return (store[Symbol.for(`bayan.${name}`)] ??= create()) as T;
}
