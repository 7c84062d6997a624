/**
 * Hostile file names reach every output as text, never as markup, commands or terminal control:
 * newlines, `::` workflow commands, `%0A`, backticks, Markdown and HTML, 255-byte names, Unicode
 * look-alikes and bidi overrides, ANSI escape sequences. Findings are made to carry these names
 * (a binary committed under the name, an unpinned action in a workflow of that name, CODEOWNERS
 * leaving the file unowned), then the CLI renders every format and the bundled action publishes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { githubOpenApi } from '../support/fake-github/openapi.js';
import { FULL } from '../support/fake-github/fixtures.js';
import { SCENARIOS } from '../support/fake-github/scenarios.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';
import { runAction, webhookExample } from '../support/run-action.js';
import { validateReport, validateSarif } from '../support/schemas.js';
import { runCliCaptured } from '../support/run-cli.js';
import { makeTree } from './support/trees.js';

const ESC = '\u001b';
/** Names a stranger can commit. Each is a valid single path segment on Linux. */
const HOSTILE_NAMES = [
  'new\nline',
  'tab\there',
  '::error::pwned',
  'pct%0A::warning::injected',
  'tick`$(id)`',
  '[click](https:evil.example)',
  '<img src=x onerror=alert(1)>',
  '@admin mention',
  `red${ESC}[31mRED${ESC}[0m`,
  `osc${ESC}]8;;https:evil.example${ESC}\\link${ESC}]8;;${ESC}\\`,
  `bell\u0007csi\u009b2J`,
  'bidi\u202egnp.exe',
  'ѕecurity-lookalike', // Cyrillic dze
  'hash#frag?query&x=1',
  `${'L'.repeat(251)}.bin`, // 255 bytes
];
const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(56).fill(0)]);
const UNPINNED_WORKFLOW =
  'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n';

let root: string;
beforeAll(async () => {
  const files: Record<string, string | Buffer> = {
    '.github/CODEOWNERS': '/.github/ @acme/maintainers\n',
    'SECURITY.md': '# Security\nEmail security@example.org.\n',
  };
  for (const name of HOSTILE_NAMES) {
    files[`bin/${name}`] = ELF;
    // A workflow file name is limited to 255 bytes too: keep the suffix inside it.
    files[`.github/workflows/${name.slice(0, 250)}.yml`] = UNPINNED_WORKFLOW;
  }
  root = await makeTree(files);
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

// stdout as a terminal: the most dangerous case for escape injection.
const cli = (args: string[]) => runCliCaptured(args, { cwd: root, stdoutIsTTY: true });

/** C0 (but tab and newline), DEL, C1 controls and bidi overrides: what a terminal or viewer acts on. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function expectNoMarkup(markdown: string): void {
  expect(markdown).not.toMatch(CONTROL);
  expect(markdown).not.toMatch(/<img/i);
  expect(markdown).not.toMatch(/(^|[^\\])\[click\]\(https:evil/);
  expect(markdown).not.toMatch(/(^|[^;&\w])@admin/);
  expect(markdown).not.toMatch(/^::(error|warning)/m);
}

describe('hostile names in the CLI', () => {
  it('the JSON report keeps every name exactly (it is data) and validates', async () => {
    const { stdout } = await cli(['scan', '.', '--format', 'json']);
    const report = JSON.parse(stdout);
    expect(validateReport(report)).toEqual([]);
    const paths = new Set(
      report.checks.flatMap((c: { findings: Array<{ path?: string }> }) => c.findings.map((f) => f.path)),
    );
    for (const name of HOSTILE_NAMES) expect(paths.has(`bin/${name}`)).toBe(true);
    expect(paths.has('.github/workflows/::error::pwned.yml')).toBe(true);
  });

  it('text on a terminal carries no control character, escape sequence or bidi override from a name', async () => {
    const { stdout } = await cli(['scan', '.', '--format', 'text']);
    // Colour is on (a TTY), so our own SGR sequences are allowed; nothing else.
    // eslint-disable-next-line no-control-regex
    const withoutOurColours = stdout.replace(/\u001b\[(?:\d{1,2}(?:;\d{1,2})*)?m/g, '');
    expect(withoutOurColours).not.toMatch(CONTROL);
    expect(stdout).not.toContain(`${ESC}[31mRED`);
    expect(stdout).not.toContain(`${ESC}]8;;`);
    expect(stdout).toContain('\\x1b[31mRED');
  });

  it('text on a terminal keeps a name with a newline on one line', async () => {
    const { stdout } = await cli(['scan', '.', '--format', 'text', '--no-color']);
    expect(stdout).not.toMatch(/^line\b/m);
  });

  it('Markdown shows names as text: no HTML, link, mention, control character or line break', async () => {
    const { stdout } = await cli(['scan', '.', '--format', 'markdown']);
    expectNoMarkup(stdout);
    expect(stdout).not.toMatch(/^line\b/m);
  });

  it('SARIF validates, and each artifact URI is an encoded relative reference (no fragment, query or scheme)', async () => {
    const { stdout } = await cli(['scan', '.', '--format', 'sarif']);
    const sarif = JSON.parse(stdout);
    expect(validateSarif(sarif)).toEqual([]);
    const uris: string[] = sarif.runs[0].results.flatMap(
      (r: { locations?: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
        (r.locations ?? []).map((l) => l.physicalLocation.artifactLocation.uri),
    );
    expect(uris.length).toBeGreaterThanOrEqual(HOSTILE_NAMES.length);
    for (const uri of uris) {
      // eslint-disable-next-line no-control-regex
      expect(uri).not.toMatch(/[\s#?\u0000-\u001f\u007f-\u009f]/);
      expect(uri).not.toMatch(/^[A-Za-z][A-Za-z0-9+.-]*:/);
      const decoded = decodeURIComponent(uri);
      expect(uri.split('/').map(decodeURIComponent).join('/')).toBe(decoded);
    }
    expect(uris).toContain('.github/workflows/%3A%3Aerror%3A%3Apwned.yml');
    expect(uris).toContain('.github/workflows/new%0Aline.yml');
    expect(uris).toContain('.github/workflows/hash%23frag%3Fquery%26x%3D1.yml');
  });
});

describe('hostile names listed by git', () => {
  let gitRoot: string;
  beforeAll(async () => {
    const files: Record<string, string | Buffer> = {
      'SECURITY.md': '# Security\nEmail security@example.org.\n',
    };
    for (const name of HOSTILE_NAMES) files[`bin/${name}`] = ELF;
    // Too large to read: its check is unknown, and the reason names the file.
    files[`.github/workflows/${ESC}[31mred\u202egnp.yml`] = UNPINNED_WORKFLOW.padEnd(11 * 1024 * 1024, '\n');
    gitRoot = await makeTree(files);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: gitRoot });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'names');
  });
  afterAll(async () => {
    await fs.rm(gitRoot, { recursive: true, force: true });
  });

  it('reads every file under its exact name: tabs, newlines, escapes and bidi overrides included', async () => {
    const { stdout } = await runCliCaptured(['scan', gitRoot, '--format', 'json']);
    const report = JSON.parse(stdout) as {
      checks: Array<{ id: string; status: string; findings: Array<{ path?: string }> }>;
    };
    const binaries = report.checks.find((c) => c.id === 'binary-artifacts')!;
    expect(binaries.findings.map((f) => f.path).sort()).toEqual(HOSTILE_NAMES.map((n) => `bin/${n}`).sort());
    expect(report.checks.find((c) => c.id === 'pinned-actions')!.status).toBe('unknown');
  });

  it('escapes the name of a file it could not read, in text and Markdown', async () => {
    for (const format of ['text', 'markdown']) {
      const { stdout } = await runCliCaptured(['scan', gitRoot, '--format', format, '--no-color']);
      expect(stdout).toContain('gnp.yml');
      expect({ format, control: CONTROL.test(stdout) }).toEqual({ format, control: false });
    }
  });
});

describe('hostile names in the action', () => {
  let fake: FakeGitHub | undefined;
  let checkRun: Record<string, unknown>;
  beforeAll(() => {
    checkRun = (
      githubOpenApi() as unknown as {
        components: { examples: Record<string, { value: Record<string, unknown> }> };
      }
    ).components.examples['check-run']!.value;
  });
  afterAll(async () => {
    await fake?.close();
  });
  const REPO = FULL;

  async function run(checkRunStatus: 201 | 403) {
    await fake?.close();
    fake = await startFakeGitHub({
      name: 'names',
      description: 'hostile names',
      routes: {
        ...SCENARIOS.githubToken().routes,
        [`POST /repos/${REPO}/check-runs`]:
          checkRunStatus === 201
            ? { status: 201, body: checkRun }
            : {
                status: 403,
                body: {
                  message: 'Resource not accessible by integration',
                  documentation_url: 'https://docs.github.com/rest',
                  status: '403',
                },
              },
        [`PATCH /repos/${REPO}/check-runs/${checkRun.id}`]: { status: 200, body: checkRun },
      },
    });
    const payload = await webhookExample('push', () => true);
    const reportDir = await makeTree({}, 'sscop-out-');
    return runAction({
      workspace: root,
      eventName: 'push',
      payload,
      repository: REPO,
      sha: String(payload.after),
      apiUrl: fake.url,
      inputs: {
        threshold: '0',
        'report-file': path.join(reportDir, 'r.json'),
        'sarif-file': path.join(reportDir, 'r.sarif'),
      },
    });
  }

  it('workflow annotations: every line the runner reads as a command is one of ours, with names encoded', async () => {
    const result = await run(403);
    expect(result.status).toBe(0);
    for (const line of result.stdout.split('\n')) {
      if (!line.startsWith('::')) continue;
      expect(line).toMatch(
        /^::(error|warning|notice|debug)( (title|file|line|col)=[^:,]*(,(title|file|line|col)=[^:,]*)*)?::/,
      );
    }
    expect(result.stdout).not.toMatch(/^::error::pwned/m);
    expect(result.stdout).not.toMatch(/^::warning::injected/m);
    expect(result.stdout).not.toMatch(/^line/m);
    expect(result.stdout).toMatch(/file=\.github\/workflows\/%3A%3Aerror%3A%3Apwned\.yml/);
    expect(result.stdout).not.toMatch(CONTROL);
    expectNoMarkup(result.summary);
  });

  it('check run: summary and annotations carry names as text', async () => {
    const result = await run(201);
    expect(result.status).toBe(0);
    expect(fake!.violations).toEqual([]);
    const bodies = fake!.requests
      .filter((r) => r.path.includes('/check-runs'))
      .map(
        (r) =>
          r.body as {
            output: {
              summary: string;
              annotations?: Array<{ path: string; title?: string; message: string }>;
            };
          },
      );
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) {
      expectNoMarkup(body.output.summary);
      for (const a of body.output.annotations ?? []) {
        expect(a.message).not.toMatch(CONTROL);
        expect(a.title ?? '').not.toMatch(CONTROL);
      }
    }
    expectNoMarkup(result.summary);
  });
});
