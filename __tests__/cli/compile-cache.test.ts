/**
 * The CLI's compile cache (src/compile-cache.ts): where it goes, and that the bundled CLI on Node 24
 * fills it in the user's cache folder, gives the same output from it, and leaves it alone when
 * Node's own switch turns it off.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileCacheDir } from '../../src/compile-cache.js';
import { DIST, node24 } from '../support/node24.js';

describe('compileCacheDir', () => {
  it.each<[NodeJS.ProcessEnv, NodeJS.Platform, string | undefined]>([
    [{ HOME: '/home/u' }, 'linux', '/home/u/.cache/sscop/compile-cache'],
    [{ HOME: '/home/u', XDG_CACHE_HOME: '/var/cache/u' }, 'linux', '/var/cache/u/sscop/compile-cache'],
    // A relative XDG_CACHE_HOME is invalid by the XDG spec: the default is used.
    [{ HOME: '/home/u', XDG_CACHE_HOME: 'cache' }, 'linux', '/home/u/.cache/sscop/compile-cache'],
    [{ HOME: '/Users/u' }, 'darwin', '/Users/u/Library/Caches/sscop/compile-cache'],
    [{}, 'linux', undefined],
    [{ HOME: 'relative' }, 'linux', undefined],
  ])('%j on %s → %s', (env, platform, expected) => {
    expect(compileCacheDir(env, platform)).toBe(expected);
  });

  it('uses LOCALAPPDATA on Windows, and nothing without it', () => {
    expect(compileCacheDir({}, 'win32')).toBeUndefined();
  });
});

describe('the bundled CLI', () => {
  let home: string;
  beforeAll(async () => {
    home = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-home-'));
  });
  afterAll(async () => {
    await fs.rm(home, { recursive: true, force: true });
  });

  const checks = (env: NodeJS.ProcessEnv) =>
    spawnSync(node24(), [path.join(DIST, 'cli.js'), 'checks'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: home, ...env },
    });

  it('leaves no cache when Node’s switch turns it off', () => {
    const run = checks({ NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(run.status).toBe(0);
    expect(existsSync(path.join(home, '.cache', 'sscop'))).toBe(false);
  });

  it('fills the cache in the home folder and gives the same output from it', async () => {
    const first = checks({});
    const cache = path.join(home, '.cache', 'sscop', 'compile-cache');
    expect(first.status).toBe(0);
    expect((await fs.readdir(cache)).length).toBeGreaterThan(0);
    const second = checks({});
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toBe('');
  });
});
