/**
 * A value built the first time it is asked for, then kept. For what every module would otherwise
 * build as it loads though most scans never use it: a zod schema costs tens of microseconds to
 * build, and the engine's unused ones (the config file's, a baseline's, the shipped rule files')
 * were about 10 ms of every start.
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
