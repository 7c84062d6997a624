/**
 * Loads a CommonJS parser on first use, so a scan that never needs it never pays its start-up.
 * `bundled` must be `() => require('<name>')` written out at the call site: esbuild turns that
 * call into a module evaluated when first called. Run from sources (tests, ESM without
 * `require`), the package is required from node_modules instead.
 */
import { createRequire } from 'node:module';

export function lazyRequire<T>(name: string, bundled: () => unknown): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= (typeof require === 'function' ? bundled() : createRequire(import.meta.url)(name)) as T;
    return loaded;
  };
}
