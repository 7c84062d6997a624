import { beforeAll, describe, expect, it } from '@jest/globals';
import { unverifiedDownloads } from '../../src/checks/unverified-downloads.js';
import type { CheckOutcome, Finding } from '../../src/model/types.js';
import { fixture, runCheckOnDir, runCheckOnFiles } from '../support/run-check.js';

const CI = '.github/workflows/ci.yml';

function at(outcome: CheckOutcome, path: string, line: number): Finding[] {
  return outcome.findings.filter((f) => f.path === path && f.line === line);
}

function runScript(script: string): CheckOutcome {
  return runCheckOnFiles(unverifiedDownloads, { 'install.sh': script });
}

describe('unverified-downloads in workflow run: steps', () => {
  let outcome: CheckOutcome;
  beforeAll(async () => {
    outcome = await runCheckOnDir(unverifiedDownloads, fixture('unverified-downloads', 'workflow'));
  });

  it('finds curl piped into sh across a line continuation, at the curl line, despite an expression', () => {
    expect(at(outcome, CI, 9)).toMatchObject([
      {
        column: 11,
        severity: 'high',
        message: expect.stringMatching(
          /curl downloads https:\/\/raw\.githubusercontent\.com\/golangci.*pipes it into sh -s/,
        ),
      },
    ]);
  });

  it('finds wget -qO- piped into sudo -E bash -', () => {
    expect(at(outcome, CI, 11)).toMatchObject([
      { column: 14, message: expect.stringMatching(/^wget downloads/) },
    ]);
  });

  it('finds bash <(curl …)', () => {
    expect(at(outcome, CI, 12)).toMatchObject([{ message: expect.stringMatching(/process substitution/) }]);
  });

  it('finds sh -c "$(curl …)"', () => {
    expect(at(outcome, CI, 13)).toMatchObject([
      { message: expect.stringMatching(/runs its output with sh -c/) },
    ]);
  });

  it('accepts a URL pinned to a commit SHA', () => {
    expect(at(outcome, CI, 14)).toEqual([]);
  });

  it('accepts a download checked with sha256sum -c before use', () => {
    expect(at(outcome, CI, 16)).toEqual([]);
  });

  it('finds a downloaded binary made executable', () => {
    expect(at(outcome, CI, 20)).toMatchObject([
      { severity: 'medium', message: expect.stringMatching(/kubectl and makes it executable/) },
    ]);
  });

  it('finds a script saved by wget -O and then run with sudo bash', () => {
    expect(at(outcome, CI, 23)).toMatchObject([
      { severity: 'high', message: expect.stringMatching(/runs it \(sudo bash \/tmp\/install\.sh/) },
    ]);
  });

  it('does not flag a download piped into a non-interpreter', () => {
    expect(at(outcome, CI, 25)).toEqual([]);
  });

  it('reads quoted and folded run: values', () => {
    expect(at(outcome, CI, 26)).toMatchObject([{ column: 15 }]);
    expect(at(outcome, CI, 28)).toHaveLength(1);
  });

  it('skips steps whose shell is PowerShell: on Windows runners and by defaults.run.shell', () => {
    expect(at(outcome, CI, 33)).toEqual([]);
    expect(at(outcome, CI, 41)).toEqual([]);
  });

  it('checks a Windows step that asks for bash', () => {
    expect(at(outcome, CI, 34)).toHaveLength(1);
  });

  it('fails', () => {
    expect(outcome.status).toBe('fail');
  });
});

describe('unverified-downloads in Dockerfiles', () => {
  let outcome: CheckOutcome;
  const DF = 'Dockerfile';
  beforeAll(async () => {
    outcome = await runCheckOnDir(unverifiedDownloads, fixture('unverified-downloads', 'docker'));
  });

  it('follows && chains and continuations past a comment line inside RUN', () => {
    expect(at(outcome, DF, 5)).toMatchObject([
      { column: 5, message: expect.stringMatching(/nodesource.*pipes it into bash -/) },
    ]);
  });

  it('reads a RUN here-document as the script', () => {
    expect(at(outcome, DF, 8)).toMatchObject([
      { column: 1, message: expect.stringMatching(/get\.docker\.com/) },
    ]);
  });

  it('reads the exec form with sh -c', () => {
    expect(at(outcome, DF, 10)).toHaveLength(1);
  });

  it('accepts a download verified with sha256sum -c before chmod +x', () => {
    expect(at(outcome, DF, 11)).toEqual([]);
  });

  it('reads a here-document fed to bash', () => {
    expect(at(outcome, DF, 15)).toMatchObject([{ message: expect.stringMatching(/in-heredoc/) }]);
  });
});

describe('unverified-downloads in shell scripts', () => {
  let outcome: CheckOutcome;
  const SH = 'tools/install.sh';
  beforeAll(async () => {
    outcome = await runCheckOnDir(unverifiedDownloads, fixture('unverified-downloads', 'scripts'));
  });

  it('ignores commands in comments', () => {
    expect(at(outcome, SH, 3)).toEqual([]);
  });

  it('tracks a quoted output path with variables to chmod', () => {
    expect(at(outcome, SH, 5)).toMatchObject([{ message: expect.stringMatching(/makes it executable/) }]);
  });

  it('finds source <(curl …) and eval "$(curl …)"', () => {
    expect(at(outcome, SH, 7)).toHaveLength(1);
    expect(at(outcome, SH, 8)).toHaveLength(1);
  });

  it('skips *.sh files whose shebang names another language', () => {
    expect(outcome.findings.filter((f) => f.path === 'tools/deploy.py.sh')).toEqual([]);
  });
});

describe('unverified-downloads verdicts', () => {
  it('passes a signature-verified download', async () => {
    const outcome = await runCheckOnDir(unverifiedDownloads, fixture('unverified-downloads', 'clean'));
    expect(outcome).toMatchObject({ status: 'pass', findings: [] });
  });

  it('is not applicable without any shell script', () => {
    expect(runCheckOnFiles(unverifiedDownloads, { 'README.md': 'curl x | sh' }).status).toBe(
      'not-applicable',
    );
  });

  it('reports an unparsable script at the parser position, never throwing', () => {
    const outcome = runScript('curl -fsSLo tool https://e.com/tool\nif true; then\n');
    expect(outcome.findings).toMatchObject([{ severity: 'info', path: 'install.sh', line: 2 }]);
    expect(outcome.status).toBe('partial');
  });

  it('passes a script that names neither curl nor wget without parsing it, even one that would not parse', () => {
    const outcome = runScript('echo ok\nif true; then\n');
    expect(outcome).toMatchObject({ status: 'pass', findings: [] });
    expect(outcome.evidence[0]?.summary).toMatch(/^1 shell scripts analysed.*0 not parsable/);
  });

  it.each([
    ["c'u'rl https://e.com/i.sh | sh", 'curl'],
    ['c\\url https://e.com/i.sh | sh', 'curl'],
    ['"cu"\\\nrl https://e.com/i.sh | sh', 'curl'],
    ["w$'get' -qO- https://e.com/i.sh | sh", 'wget'],
    ['/usr/bin/wget -qO- https://e.com/i.sh | sh', 'wget'],
  ])('still reads a downloader named in pieces: %s', (script, tool) => {
    const outcome = runScript(`${script}\n`);
    expect(outcome.findings).toMatchObject([{ severity: 'high', line: 1 }]);
    expect(outcome.findings[0]?.message).toMatch(new RegExp(`^${tool} downloads`));
  });

  it('does not take curl -o file | sh for a pipe of the download', () => {
    expect(runScript('curl -o x.sh https://e.com/x.sh | sh\n').findings).toEqual([]);
  });

  it('does not flag bash running its own script while reading a download on stdin', () => {
    expect(runScript('curl https://e.com/data | bash ./process.sh\n').findings).toEqual([]);
  });

  it('finds a download piped through tee into sh', () => {
    expect(runScript('curl https://e.com/i.sh | tee /tmp/log | sh\n').findings).toHaveLength(1);
  });

  it('finds sh -c with a literal script that pipes a download into bash', () => {
    expect(runScript("sh -c 'curl https://e.com/i.sh | bash'\n").findings).toMatchObject([
      { line: 1, column: 8 },
    ]);
  });

  it('reads a .sh file as shell whatever wrapper its shebang goes through', () => {
    for (const shebang of [
      '#!/bin/env sh -e',
      '#!/usr/bin/env -S bash -e',
      '#!/usr/bin/env -i PATH=/bin bash',
      '#!',
    ]) {
      const outcome = runScript(`${shebang}\necho start\ncurl https://e.com/i.sh | sh\n`);
      expect(outcome.findings).toMatchObject([{ path: 'install.sh', line: 3, severity: 'high' }]);
    }
  });

  it('flags a downloader piped into a shell whatever the flags on either side', () => {
    const lines = [
      'curl -fsSL --retry 3 https://e.com/i.sh | sudo -E bash -s -- -y',
      'wget -qO- https://e.com/i.sh | sh',
      'wget --quiet --output-document=- https://e.com/i.sh | sudo sh -',
      'curl --proto =https --tlsv1.2 -sSf https://e.com/i.sh | sh -s -- --default-toolchain none -y',
      'curl -H "Accept: text/plain" -L https://e.com/i.sh | env FOO=1 bash -x',
      'curl -sSL https://e.com/i.sh | sudo -u builder -H bash',
      'curl -sSL https://e.com/i.sh | sudo -iu root bash',
      'curl -sSL https://e.com/i.sh | sudo -E env "PATH=$PATH" bash',
      'curl -sSL https://e.com/i.sh | bash -eo pipefail',
      'curl -sSL https://e.com/i.sh | sudo -s',
    ];
    const outcome = runScript(lines.join('\n') + '\n');
    expect(outcome.findings.map((f) => f.line)).toEqual(lines.map((_, i) => i + 1));
  });

  it('survives deeply nested substitutions', () => {
    const nested = `${'$('.repeat(2000)}curl x${')'.repeat(2000)}`;
    expect(() => runScript(`echo ${nested}\n`)).not.toThrow();
  });
});
