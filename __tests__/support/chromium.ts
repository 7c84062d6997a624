/**
 * Headless Chromium for the browser tests. scripts/ensure-chromium.sh installs it where it can
 * (root with apt-get); where it cannot, the tests that need it are reported as skipped.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Chromium's path, or why there is none. Call at load time, so the skip is decided before tests register. */
export function ensureChromium(): { chromium?: string; reason?: string } {
  const result = spawnSync('sh', [path.join(ROOT, 'scripts', 'ensure-chromium.sh')], {
    encoding: 'utf8',
    timeout: 8 * 60_000,
  });
  const chromium = result.stdout?.trim().split('\n').pop();
  if (result.status === 0 && chromium) return { chromium };
  return { reason: (result.stderr || result.error?.message || 'ensure-chromium.sh failed').trim() };
}

/** Flags for a quiet, offline headless run with its own profile directory. */
export function headlessFlags(profileDir: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--user-data-dir=${profileDir}`,
  ];
}
