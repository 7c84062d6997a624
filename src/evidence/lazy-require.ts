/**
 * Loads a CommonJS parser on first use, so a scan that never needs it never pays its start-up.
 * `bundled` must be `() => require('<name>')` written out at the call site: esbuild turns that
 * call into a module evaluated when first called. Run from sources (tests, ESM without
 * `require`), the package is required from node_modules instead.
 */
import { createRequire } from 'node:module';
import { onFirstUse } from '../on-first-use.js';

export function lazyRequire<T>(name: string, bundled: () => unknown): () => T {
  return onFirstUse(
    () => (typeof require === 'function' ? bundled() : createRequire(import.meta.url)(name)) as T,
  );
}
