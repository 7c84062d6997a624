/** `sscop scan --timing`: when each stage of the scan ended and the slowest checks, on stderr only. */
import { describe, expect, it } from '@jest/globals';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { timingRecorder } from '../../src/scan-timing.js';
import { scan } from '../../src/scan.js';
import type { ProgressEvent } from '../../src/scan-progress.js';
import { fixture } from '../support/run-check.js';
import { runCliCaptured } from '../support/run-cli.js';

describe('the scan reports its stages', () => {
  it('ends each stage once, in the order it runs, and names every check it runs', async () => {
    const events: ProgressEvent[] = [];
    await scan({ root: fixture('repo', 'good'), onProgress: (e) => events.push(e), workingCopy: true });
    const stages = events.flatMap((e) => (e.phase === 'stage' ? [e.stage] : []));
    expect(stages).toEqual([
      'listed',
      'kept files read',
      'workflows walked',
      'checks run',
      'all files read',
      'remaining checks run',
      'git answered',
      'report built',
    ]);
    const checks = events.flatMap((e) => (e.phase === 'check' ? [e.id] : []));
    expect([...checks].sort()).toEqual(ALL_CHECKS.map((c) => c.id).sort());
    // Files are read after the listing, and checks run after the walk.
    const at = (stage: string) => events.findIndex((e) => e.phase === 'stage' && e.stage === stage);
    expect(events.findIndex((e) => e.phase === 'read')).toBeGreaterThan(at('listed'));
    expect(events.findIndex((e) => e.phase === 'check')).toBeGreaterThan(at('workflows walked'));
  });
});

describe('timingRecorder', () => {
  it('gives each stage its end and length, and each check the time since the stage or check before it', () => {
    let clock = 0;
    const timing = timingRecorder(() => clock);
    clock = 100;
    timing.mark('engine loaded');
    clock = 130;
    timing.observe({ phase: 'stage', stage: 'listed' });
    clock = 135;
    timing.observe({ phase: 'read', done: 256, total: 300 });
    clock = 200;
    timing.observe({ phase: 'stage', stage: 'workflows walked' });
    clock = 260;
    timing.observe({ phase: 'check', id: 'support-policy', done: 1, total: 2 });
    clock = 270;
    timing.observe({ phase: 'check', id: 'codeowners', done: 2, total: 2 });
    clock = 300;
    timing.mark('output written');
    expect(timing.render().split('\n')).toEqual([
      'sscop: where the time went (ms since the process started, and the time of each stage)',
      '  engine loaded         100  +100',
      '  listed                130  +30',
      '  workflows walked      200  +70',
      '  output written        300  +100',
      '  checks: 70 in all; slowest: support-policy 60, codeowners 10',
      '',
    ]);
  });

  it('names at most the ten slowest checks', () => {
    let clock = 0;
    const timing = timingRecorder(() => clock);
    timing.mark('engine loaded');
    for (let i = 1; i <= 12; i++) {
      clock += i;
      timing.observe({ phase: 'check', id: `check-${i}`, done: i, total: 12 });
    }
    const line = timing
      .render()
      .split('\n')
      .find((l) => l.includes('slowest'))!;
    expect(line).toContain('check-12 12, check-11 11');
    expect(line).toContain('check-3 3');
    expect(line).not.toContain('check-2 ');
  });
});

describe('sscop scan --timing', () => {
  it('prints where the time went to stderr, after the report, and leaves stdout to the report', async () => {
    const run = await runCliCaptured(['scan', fixture('repo', 'good'), '--format', 'json', '--timing']);
    expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
    expect(run.stderr).toMatch(/^sscop: where the time went/);
    for (const stage of ['engine loaded', 'listed', 'workflows walked', 'report built', 'output written'])
      expect(run.stderr).toMatch(new RegExp(`^  ${stage} +\\d+  \\+\\d+$`, 'm'));
    expect(run.stderr).toMatch(/^ {2}checks: \d+ in all; slowest: [a-z-]+ \d+/m);
  });

  it('prints nothing of it without the flag', async () => {
    const run = await runCliCaptured(['scan', fixture('repo', 'good'), '--format', 'json']);
    expect(run.stderr).not.toContain('where the time went');
  });
});
