/** Helpers shared by the benchmark driver and its child processes. */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** A file the scan read and how much of it: `text` (the whole file) or `head` (its first bytes). */
export type ReadEntry = [path: string, need: 'text' | 'head'];

/** What the in-process scan child writes for the driver. */
export interface ScanChildResult {
  /** `scan().readPaths`, in the order returned. */
  readPaths: string[];
  /** Every listed path some check in ALL_CHECKS declared a need for, with the strongest need. */
  needed: ReadEntry[];
  listed: number;
  skipped: string[];
  filesRead: number;
  durationMs: number;
}

/** The plain listing the floor uses: `git ls-files -z` when the tree is a git checkout, else a readdir walk. */
export function listPlain(root: string): string[] {
  if (existsSync(path.join(root, '.git'))) {
    const out = execFileSync('git', ['-C', root, 'ls-files', '-z'], { maxBuffer: 1024 * 1024 * 1024 });
    return out.toString('utf8').split('\0').filter(Boolean);
  }
  const found: string[] = [];
  const stack = [''];
  while (stack.length) {
    const dir = stack.pop()!;
    for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name !== '.git' && e.name !== 'node_modules') stack.push(rel);
      } else found.push(rel);
    }
  }
  return found;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface Timed {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns a command and measures its wall time from spawn to exit. */
export function timedSpawn(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, code, stdout, stderr }));
  });
}
