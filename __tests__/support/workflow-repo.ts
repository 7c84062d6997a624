/** A temporary repository holding one push workflow whose single job runs the given step lines. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** `stepLines` are written as they are under `steps:` (indent them six spaces). */
export async function workflowRepo(prefix: string, stepLines: readonly string[]): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), prefix));
  await mkdir(path.join(root, '.github/workflows'), { recursive: true });
  await writeFile(
    path.join(root, '.github/workflows/ci.yml'),
    [
      'on: push',
      'permissions: {}',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      ...stepLines,
      '',
    ].join('\n'),
  );
  return root;
}
