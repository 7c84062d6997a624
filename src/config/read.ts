/**
 * Reading the config file from the checkout. The file may come from an untrusted pull request:
 * never follow a link, never block on a FIFO, never read past the size limit, never leave the
 * checkout.
 */
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { errorMessage, UserError } from '../errors.js';
import { DEFAULT_CONFIG_PATH } from './defaults.js';

export const MAX_CONFIG_BYTES = 256 * 1024;

/** A config file's text as found in the checkout; `text` is undefined when the default file is absent. */
export interface ConfigFile {
  /** The path as shown to people: relative to the scan root, `/`-separated (or absolute as given). */
  display: string;
  text?: string;
}

/**
 * Reads the config at `configPath` (relative to `root`; default `.github/sscop.yml`). A missing
 * default file is no config; a missing file the user named, a link, a special file or one over
 * the size limit is a UserError.
 */
export async function readConfigFile(root: string, configPath: string | undefined): Promise<ConfigFile> {
  const rel = configPath ?? DEFAULT_CONFIG_PATH;
  const abs = path.resolve(root, rel);
  const display = path.isAbsolute(rel) ? rel : rel.split(path.sep).join('/');
  try {
    // O_NOFOLLOW guards only the last component: a `.github` that is a link out of the checkout
    // would still be followed, so a relative config path must resolve inside the checkout.
    if (!path.isAbsolute(rel)) {
      const [realRoot, realDir] = await Promise.all([
        fs.realpath(root),
        fs.realpath(path.dirname(abs)).catch(() => undefined),
      ]);
      const inside = realDir !== undefined && path.relative(realRoot, realDir);
      if (inside !== false && (inside.startsWith('..') || path.isAbsolute(inside))) {
        throw new UserError(
          `${display}: the config must be inside the checkout (a directory on its path is a link out of it)`,
        );
      }
    }
    const handle = await fs.open(abs, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      const st = await handle.stat();
      if (!st.isFile()) throw new UserError(`${display}: the config must be a regular file`);
      if (st.size > MAX_CONFIG_BYTES)
        throw new UserError(`${display}: larger than ${MAX_CONFIG_BYTES / 1024} KiB`);
      return { display, text: await handle.readFile('utf8') };
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && configPath === undefined) return { display };
    if (code === 'ELOOP') throw new UserError(`${display}: the config must not be a symbolic link`);
    throw new UserError(`${display}: cannot read the config (${code ?? errorMessage(error)})`);
  }
}
