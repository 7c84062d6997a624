/** A vendor's repository for the attestation tests: a fixture copied into a fresh git repository and scanned. */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const VENDOR_REPOSITORY = 'acme/widget';

export async function vendorCheckout(): Promise<{
  dir: string;
  sha: string;
  git: (...args: string[]) => string;
}> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-attest-'));
  await fs.cp(path.join(here, '..', 'fixtures', 'attestation', 'vendor'), dir, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-C', dir, ...args], {
      encoding: 'utf8',
    }).trim();
  git('init', '-q');
  git('remote', 'add', 'origin', `https://github.com/${VENDOR_REPOSITORY}.git`);
  git('add', '-A');
  git('commit', '-q', '-m', 'fixture');
  return { dir, sha: git('rev-parse', 'HEAD'), git };
}
