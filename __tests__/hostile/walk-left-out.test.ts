/**
 * A plain-directory scan (no .git: the collector walks the folders) leaves out `node_modules` and
 * `.git` folders at any depth, and cannot list a folder it cannot read (a path longer than the
 * system allows): the report says what was left out, and that the listing is incomplete.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { runCliCaptured } from '../support/run-cli.js';
import { makeTree } from './support/trees.js';

const roots: string[] = [];
afterAll(() => {
  // `rm -rf` works through paths longer than PATH_MAX, which fs.rm cannot.
  for (const root of roots) execFileSync('rm', ['-rf', root]);
});

async function notesOf(root: string): Promise<string[]> {
  const { stdout } = await runCliCaptured(['scan', root, '--format', 'json']);
  return (JSON.parse(stdout) as { notes: string[] }).notes;
}

describe('the directory walk', () => {
  it('says how many node_modules and .git folders it left out, with examples', async () => {
    const root = await makeTree({
      'README.md': '# project\n',
      'node_modules/left-pad/index.js': 'module.exports = 1;\n',
      'web/node_modules/react/index.js': 'module.exports = 2;\n',
      'vendor/lib/.git/config': '[core]\n',
      'vendor/other/.GIT/config': '[core]\n',
    });
    roots.push(root);
    const notes = await notesOf(root);
    expect(notes).toContainEqual(
      expect.stringMatching(/left out 2 node_modules folder\(s\).*node_modules, web\/node_modules/),
    );
    expect(notes).toContainEqual(
      expect.stringMatching(/left out 2 \.git folder\(s\).*vendor\/lib\/\.git, vendor\/other\/\.GIT/),
    );
    expect(notes.join('\n')).not.toMatch(/incomplete/);
  });

  it('says the listing is incomplete when a folder cannot be read, naming it and why', async () => {
    const root = await makeTree({ 'README.md': '# project\n' });
    roots.push(root);
    // 45 nested folders of 100 bytes: past PATH_MAX (4,096), made one step at a time.
    const segment = 'd'.repeat(100);
    execFileSync('sh', [
      '-c',
      `cd "$1" && for i in $(seq 45); do mkdir ${segment} && cd ${segment}; done; echo x > deep.yml`,
      'sh',
      root,
    ]);
    const notes = await notesOf(root);
    const incomplete = notes.find((n) => n.includes('incomplete'));
    expect(incomplete).toMatch(/the file listing is incomplete: 1 folder\(s\) could not be read/);
    expect(incomplete).toMatch(/ddd…ddd.*\(ENAMETOOLONG\)/);
    expect(incomplete!.length).toBeLessThan(300);
  });
});
