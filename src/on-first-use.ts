/**
 * A value built the first time it is asked for, then kept. For what a module would otherwise build
 * or load as it loads though most scans never use it: the CommonJS parsers (lazy-require.ts), and
 * zod schemas, which cost tens of microseconds each to build (the engine's unused ones, the config
 * file's, a baseline's and the shipped rule files', were about 10 ms of every start).
 */
export function onFirstUse<T>(build: () => T): () => T {
  let built = false;
  let value: T;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}
