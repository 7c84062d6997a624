/**
 * Where each tree's scan time goes. Every timed scan runs with `--timing`, which prints on stderr
 * when each stage of the scan ended and how long it took (src/scan-timing.ts); this gathers those
 * lines over a tree's runs and gives each stage's median, with the slowest checks of the last run.
 */
import { median } from './lib.js';

/** One run's stages, in order: the stage's name and the ms it took. */
export type StageTimes = Array<[string, number]>;

const HEADER = 'sscop: where the time went';

/** The stage lines of one scan's stderr; empty when it printed none. */
export function stageTimes(stderr: string): { stages: StageTimes; checks?: string } {
  const stages: StageTimes = [];
  let checks: string | undefined;
  const lines = stderr.split('\n');
  const start = lines.findIndex((l) => l.startsWith(HEADER));
  if (start < 0) return { stages };
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('  ')) break;
    // `  STAGE   AT  +MS`: the stage's name holds single spaces only.
    const [stage, , took] = line.trim().split(/ {2,}/);
    if (stage?.startsWith('checks: ')) checks = stage.slice('checks: '.length);
    else if (stage && took?.startsWith('+')) stages.push([stage, Number(took.slice(1))]);
  }
  return { stages, checks };
}

/** Each stage's median over the runs, in the order of the first run that has it. */
export function medianStages(runs: readonly StageTimes[]): StageTimes {
  const order: string[] = [];
  const times = new Map<string, number[]>();
  for (const run of runs) {
    for (const [stage, ms] of run) {
      if (!times.has(stage)) {
        order.push(stage);
        times.set(stage, []);
      }
      times.get(stage)!.push(ms);
    }
  }
  return order.map((stage) => [stage, median(times.get(stage)!)]);
}

/** `stage ms, stage ms, …`, for the bench's summary. */
export function stagesLine(stages: StageTimes): string {
  return stages.map(([stage, ms]) => `${stage} ${Math.round(ms)}`).join(', ');
}
