import { afterAll, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import { renderMarkdown } from '../../src/report/markdown.js';
import { scan } from '../../src/scan.js';
import { makeTree } from '../hostile/support/trees.js';
import { liveMarkup } from '../support/markdown-nodes.js';

const COMMIT = 'c'.repeat(40);
let root: string | undefined;
afterAll(async () => {
  if (root) await fs.rm(root, { recursive: true, force: true });
});

describe('renderMarkdown links', () => {
  it('keeps the permalinks it builds, and links nothing the repository wrote', async () => {
    root = await makeTree({
      '.github/CODEOWNERS':
        '* @acme/maintainers\n/a/ https://evil.example www.evil.example me@evil.example\n',
    });
    const { report } = await scan({ root, repository: 'acme/widgets', commit: COMMIT });
    const markdown = renderMarkdown(report, { serverUrl: 'https://github.com', maxFindings: 100 });
    expect(markdown).toContain('evil.example');
    const links = liveMarkup(markdown).links;
    expect(links).toContain(`https://github.com/acme/widgets/blob/${COMMIT}/.github/CODEOWNERS#L2`);
    expect(links.filter((url) => !url.startsWith(`https://github.com/acme/widgets/blob/${COMMIT}/`))).toEqual(
      [],
    );
  });
});
