/**
 * Where a scan's time went: each stage by when it ended, in ms since the process started (so Node's
 * start and loading the engine show too), with the time it took; then the checks that took longest.
 * It is built from the scan's progress events. `sscop scan --timing` prints it on standard error
 * once the report is out, and the action in its debug log. None of it goes into the report, whose
 * content must not depend on the machine that made it.
 */
import type { ProgressEvent } from './scan-progress.js';

/** Checks named in the summary line, slowest first. */
const SLOWEST_CHECKS = 10;

export interface TimingRecorder {
  /** Takes the scan's progress events (stage ends and checks run; file reads are ignored). */
  observe(event: ProgressEvent): void;
  /** Marks the end of a stage of the command's own (`engine loaded`, `output written`). */
  mark(stage: string): void;
  render(): string;
}

/** `now`: ms since the process started (performance.now(), or a test's clock). */
export function timingRecorder(now: () => number = () => performance.now()): TimingRecorder {
  const stages: Array<{ stage: string; at: number }> = [];
  const checks: Array<{ id: string; ms: number }> = [];
  // A check's time runs from the end of the stage or check before it.
  let since: number | undefined;
  const mark = (stage: string): void => {
    const at = now();
    stages.push({ stage, at });
    since = at;
  };
  return {
    mark,
    observe: (event) => {
      if (event.phase === 'stage') return mark(event.stage);
      if (event.phase !== 'check') return;
      const at = now();
      checks.push({ id: event.id, ms: at - (since ?? at) });
      since = at;
    },
    render: () => renderTiming(stages, checks),
  };
}

function renderTiming(
  stages: ReadonlyArray<{ stage: string; at: number }>,
  checks: ReadonlyArray<{ id: string; ms: number }>,
): string {
  const width = Math.max(0, ...stages.map((s) => s.stage.length));
  const lines = ['sscop: where the time went (ms since the process started, and the time of each stage)'];
  let previous = 0;
  for (const { stage, at } of stages) {
    lines.push(`  ${stage.padEnd(width)}  ${ms(at).padStart(7)}  +${ms(at - previous)}`);
    previous = at;
  }
  const slowest = [...checks].sort((a, b) => b.ms - a.ms).slice(0, SLOWEST_CHECKS);
  if (slowest.length) {
    const total = checks.reduce((sum, c) => sum + c.ms, 0);
    lines.push(
      `  checks: ${ms(total)} in all; slowest: ${slowest.map((c) => `${c.id} ${ms(c.ms)}`).join(', ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function ms(value: number): string {
  return String(Math.round(value));
}
