/**
 * A pull request controls `.github/sscop.yml`. Its keys reach error messages and its values reach
 * the reports; neither may become markup in the job summary (headings, links, HTML), a command or
 * an escape sequence in the runner's log, or terminal control on the CLI's stderr.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import { scan } from '../../src/scan.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { liveMarkup } from '../support/markdown-nodes.js';
import { isRunnerCommand } from '../support/runner-commands.js';
import { runAction, webhookExample } from '../support/run-action.js';
import { runCliCaptured } from '../support/run-cli.js';
import { makeTree, type TreeFiles } from './support/trees.js';

const ESC = '\u001b';
/** What an attacker wants the summary to say, and where to send the reader. */
const FORGED = '\r## ✅ safe to merge\r[Click](https://evil.example) www.evil.example me@evil.example';
const CONTROLS = `${ESC}[2J${ESC}[32mPASSED${ESC}[0m \u202egnp.exe \u2066x\u2069 ::add-mask::x ##[set-output name=passed;]true`;
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** The headings and tags our own summary writes; anything else came from the repository. */
const OUR_HEADING =
  /^(?:[✅❌] sscop: (?:passed|failed)$|🆕 This pull request adds |Fixes that raise the score most$|Findings (?:already in the repository )?\(|Attested \(|Notes$)/;
const OUR_HTML = /^<\/?(?:details|summary|sub)>/;

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => fs.rm(r, { recursive: true, force: true })));
});
async function tree(files: TreeFiles): Promise<string> {
  const root = await makeTree(files);
  roots.push(root);
  return root;
}

const yamlString = (s: string): string => JSON.stringify(s);
/** A config that fails on its first key, which carries the injection. */
const UNKNOWN_KEY_CONFIG = `${yamlString(FORGED)}: 1\n`;
const CONTROL_KEY_CONFIG = `${yamlString(CONTROLS)}: 1\n`;
/** A valid config whose free-text values carry the injection. */
const VALUES_CONFIG = [
  'checks:',
  '  fuzzing:',
  '    enabled: false',
  `    reason: ${yamlString(`${FORGED} <img src=x onerror=alert(1)>`)}`,
  'attestations:',
  '  - claims: [1.1.1]',
  `    note: ${yamlString(`${FORGED} <b>bold</b>`)}`,
  '    path: docs/evidence.md',
  'not-applicable:',
  '  - claims: [2.1.1]',
  `    reason: ${yamlString(FORGED)}`,
  '',
].join('\n');

function expectOnlyOurMarkup(markdown: string): void {
  const live = liveMarkup(markdown);
  expect(live.headings.filter((h) => !OUR_HEADING.test(h))).toEqual([]);
  expect(live.links.filter((url) => !url.startsWith('https://github.com/acme/widgets/blob/'))).toEqual([]);
  expect(live.html.filter((tag) => !OUR_HTML.test(tag))).toEqual([]);
  expect(markdown).not.toMatch(RAW_CONTROL);
}

describe('config text in the Markdown report', () => {
  it('free-text values (reasons, notes) render as text: no heading, link or HTML of theirs', async () => {
    const root = await tree({ '.github/sscop.yml': VALUES_CONFIG, 'docs/evidence.md': 'x' });
    const { report } = await scan({ root, repository: 'acme/widgets', commit: 'a'.repeat(40) });
    const markdown = renderMarkdown(report, { serverUrl: 'https://github.com' });
    expect(markdown).toContain('safe to merge');
    expectOnlyOurMarkup(markdown);
  });
});

describe('config errors on the CLI', () => {
  it('an unknown key with controls and commands is one printable line on stderr, exit 2', async () => {
    const root = await tree({ '.github/sscop.yml': CONTROL_KEY_CONFIG });
    const run = await runCliCaptured(['scan', root, '--format', 'markdown']);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    expect(run.stderr).toMatch(/unknown key/);
    for (const line of run.stderr.split('\n')) expect(isRunnerCommand(line)).toBe(false);
  });
});

describe('config errors in the action', () => {
  const runWith = async (config: string) => {
    const workspace = await tree({ '.github/sscop.yml': config });
    const payload = await webhookExample('push', () => true);
    return runAction({
      workspace,
      eventName: 'push',
      payload,
      repository: 'acme/widgets',
      sha: String(payload.after),
      inputs: { token: '' },
    });
  };

  it('the job summary shows an unknown key as text: one heading (ours), no link', async () => {
    const run = await runWith(UNKNOWN_KEY_CONFIG);
    expect(run.status).toBe(1);
    expect(run.summary).toMatch(/unknown key/);
    const live = liveMarkup(run.summary);
    expect(live.headings).toEqual(['❌ sscop could not complete the scan']);
    expect(live.links).toEqual([]);
    expect(live.html).toEqual([]);
  });

  it('the ::error:: line carries no escape sequence or bidi override, and no other command', async () => {
    const run = await runWith(CONTROL_KEY_CONFIG);
    expect(run.status).toBe(1);
    const commands = run.stdout.split('\n').filter(isRunnerCommand);
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatch(/^::error::.*unknown key/);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
  });
});

describe('ConfigError', () => {
  it('names a key holding line breaks or markup quoted, on one line', async () => {
    const root = await tree({ '.github/sscop.yml': UNKNOWN_KEY_CONFIG });
    const error = await scan({ root }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^\.github\/sscop\.yml:1:1: "\\r## ✅ safe to merge\\r\[Click\]/,
    );
    expect((error as Error).message).not.toMatch(/[\r\n]/);
  });

  it('names a plain key as it is', async () => {
    const root = await tree({ '.github/sscop.yml': 'treshold: 1\n' });
    const error = await scan({ root }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^\.github\/sscop\.yml:1:1: treshold: unknown key/);
  });
});
