/** Hostile repository trees, generated in a temporary directory (never committed). */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '../../../src/report/report.js';

export type TreeFiles = Record<string, string | Buffer>;

/** Creates a fresh directory holding `files` (paths relative to it; parents created). */
export async function makeTree(files: TreeFiles, prefix = 'sscop-hostile-'): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  await addFiles(root, files);
  return root;
}

export async function addFiles(root: string, files: TreeFiles): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fs.writeFile(path.join(root, rel), content);
  }
}

/** A YAML "billion laughs": nine levels of anchors, each aliasing the previous one nine times. */
export function yamlAliasBomb(): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= 9; i++)
    lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  return `${lines.join('\n')}\n`;
}

/** A flow sequence nested `depth` levels deep: `[[[[…]]]]`. */
export function deeplyNested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}\n`;
}

/** Pseudo-random bytes (deterministic), with NULs and invalid UTF-8. */
export function garbage(bytes: number, seed = 7): Buffer {
  const out = Buffer.alloc(bytes);
  let x = seed;
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x >> 16;
  }
  return out;
}

export function check(report: Report, id: string): Report['checks'][number] {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id} in the report`);
  return found;
}

/** Paths, sizes and modification times of everything under `root` (links not followed). */
export async function snapshot(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      const st = await fs.lstat(abs);
      out.set(path.relative(root, abs), `${st.mode}:${st.size}:${st.mtimeMs}`);
      if (entry.isDirectory()) await walk(abs);
    }
  };
  const st = await fs.lstat(root);
  out.set('.', `${st.mode}:${st.mtimeMs}`);
  await walk(root);
  return out;
}
