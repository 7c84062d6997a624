/** The bench reads each scan's `--timing` lines back, and gives each stage's median over the runs. */
import { describe, expect, it } from '@jest/globals';
import { medianStages, stageTimes, stagesLine } from '../../bench/stages.js';
import { timingRecorder } from '../../src/scan-timing.js';

/** What `--timing` prints for a run whose stages took the given ms, after the scan's other stderr. */
function stderrOf(stages: Array<[string, number]>, checks: Array<[string, number]>): string {
  let clock = 0;
  const timing = timingRecorder(() => clock);
  for (const [stage, ms] of stages) {
    clock += ms;
    if (stage === 'checks run') {
      for (const [id, took] of checks) {
        clock += took;
        timing.observe({ phase: 'check', id, done: 1, total: checks.length });
      }
    }
    timing.mark(stage);
  }
  return `sscop: report written to r.json (score 80, passed)\n${timing.render()}`;
}

describe('bench stage times', () => {
  it('reads back the stages --timing printed, and the slowest checks', () => {
    const stderr = stderrOf(
      [
        ['engine loaded', 90],
        ['listed', 30],
        ['checks run', 5],
      ],
      [
        ['support-policy', 40],
        ['codeowners', 10],
      ],
    );
    const { stages, checks } = stageTimes(stderr);
    expect(stages).toEqual([
      ['engine loaded', 90],
      ['listed', 30],
      ['checks run', 55],
    ]);
    // The first check's time runs from the end of the stage before it, so it holds those 5 ms.
    expect(checks).toBe('55 in all; slowest: support-policy 45, codeowners 10');
  });

  it('finds nothing in a scan that printed no timing', () => {
    expect(stageTimes('sscop: report written to r.json (score 80, passed)\n')).toEqual({ stages: [] });
  });

  it('gives each stage its median over the runs, in the order the stages come', () => {
    const runs = [
      [
        ['listed', 30],
        ['report built', 5],
      ],
      [
        ['listed', 50],
        ['GitHub answered', 100],
        ['report built', 7],
      ],
      [
        ['listed', 40],
        ['report built', 9],
      ],
    ] as Array<Array<[string, number]>>;
    const stages = medianStages(runs);
    expect(stages).toEqual([
      ['listed', 40],
      ['report built', 7],
      ['GitHub answered', 100],
    ]);
    expect(stagesLine(stages)).toBe('listed 40, report built 7, GitHub answered 100');
  });
});
