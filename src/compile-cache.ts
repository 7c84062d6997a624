/**
 * Node's on-disk compile cache for the `sscop` command: compiling the engine chunk (1.5 MB of
 * JavaScript) is a large part of the command's start-up; with the cache, later runs load its
 * compiled code instead. npm and TypeScript's `tsc` do the same.
 *
 * The cache lives in the user's own cache folder, never in the shared temporary folder where
 * another user could plant entries. Node checks each entry against the source it was made
 * from, so a changed bundle only misses the cache. `NODE_DISABLE_COMPILE_CACHE=1` turns it off
 * (Node's own switch), as does having no home folder. The action does not use it: a hosted runner
 * starts empty every job, so the cache would only be written, never read.
 */
import module from 'node:module';
import path from 'node:path';

/** Where the cache goes for this user, or undefined when there is no per-user cache folder. */
export function compileCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  const base =
    platform === 'win32'
      ? env.LOCALAPPDATA
      : platform === 'darwin'
        ? env.HOME && path.join(env.HOME, 'Library', 'Caches')
        : env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)
          ? env.XDG_CACHE_HOME
          : env.HOME && path.join(env.HOME, '.cache');
  return base && path.isAbsolute(base) ? path.join(base, 'sscop', 'compile-cache') : undefined;
}

/** Turns the cache on for the modules loaded from here on; quietly does nothing where it cannot. */
export function enableCompileCache(env: NodeJS.ProcessEnv = process.env): void {
  const dir = compileCacheDir(env, process.platform);
  // Node 22.1 and later; the action's runtime (Node 24) has it, older Node runs without.
  if (!dir || typeof module.enableCompileCache !== 'function') return;
  try {
    module.enableCompileCache(dir);
  } catch {
    // A cache that cannot be set up (read-only home, say) costs only the time it would save.
  }
}
