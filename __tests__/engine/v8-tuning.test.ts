/**
 * The V8 settings of src/v8-tuning.ts: each decision on its own, and on Node 24 itself that a
 * process building lasting data keeps an 8 MB new space with the cap and grows it without, and
 * that a large function stays unoptimized once the limit is set at run time.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  capYoungGeneration,
  MAX_OPTIMIZED_BYTECODE_BYTES,
  skipOptimizingLargeFunctions,
  YOUNG_GENERATION_CAP_BYTES,
  YoungGenerationCap,
  OLD_GENERATION_GROWING_PERCENT,
  slowOldGenerationGrowth,
  youngGenerationSetByUser,
} from '../../src/v8-tuning.js';
import { node24 } from '../support/node24.js';

const MB = 1024 * 1024;

/** Controls over a pretend new space whose size the test sets. */
function fakeControls(size: number) {
  const state = { size, stops: 0 };
  return {
    state,
    controls: { newSpaceBytes: () => state.size, stopGrowth: () => void state.stops++ },
  };
}

describe('YoungGenerationCap', () => {
  it('stops growth once, when the new space reaches the cap', () => {
    const { state, controls } = fakeControls(2 * MB);
    const cap = new YoungGenerationCap(8 * MB, controls);
    expect(cap.check()).toBe(false);
    state.size = 4 * MB;
    expect(cap.check()).toBe(false);
    expect(state.stops).toBe(0);
    state.size = 8 * MB;
    expect(cap.check()).toBe(true);
    state.size = 16 * MB;
    expect(cap.check()).toBe(true);
    expect(state.stops).toBe(1);
  });
});

describe('capYoungGeneration', () => {
  it('stops growth at once when the new space is already at the cap', () => {
    const { state, controls } = fakeControls(YOUNG_GENERATION_CAP_BYTES);
    capYoungGeneration({ controls, execArgv: [], nodeOptions: undefined })();
    expect(state.stops).toBe(1);
  });

  it('leaves a young generation the user sized alone', () => {
    const { state, controls } = fakeControls(64 * MB);
    capYoungGeneration({ controls, execArgv: ['--max-semi-space-size=32'], nodeOptions: undefined })();
    capYoungGeneration({ controls, execArgv: [], nodeOptions: '--semi-space-growth-factor=4' })();
    expect(state.stops).toBe(0);
  });
});

describe('youngGenerationSetByUser', () => {
  it.each([
    [['--max-semi-space-size=4'], undefined],
    [['--max_semi_space_size=4'], undefined],
    [[], '--max-old-space-size=200 --min-semi-space-size=2'],
    [[], '  --semi-space-growth-factor=1'],
  ])('sees %j / %j', (execArgv, nodeOptions) => {
    expect(youngGenerationSetByUser(execArgv, nodeOptions)).toBe(true);
  });

  it.each([
    [[], undefined],
    [['--max-old-space-size=200'], '--enable-source-maps'],
    [['--import', 'x.mjs'], '--max-semi-space-sizes-are-not-a-flag'],
  ])('does not see it in %j / %j', (execArgv, nodeOptions) => {
    expect(youngGenerationSetByUser(execArgv, nodeOptions)).toBe(false);
  });
});

describe('slowOldGenerationGrowth', () => {
  it('sets the growing factor once, when the user set none', () => {
    const flags: string[] = [];
    const set = slowOldGenerationGrowth({
      execArgv: ['--max-old-space-size=200'],
      nodeOptions: undefined,
      setFlags: (f) => flags.push(f),
    });
    expect(set).toBe(true);
    expect(flags).toEqual([`--heap-growing-percent=${OLD_GENERATION_GROWING_PERCENT}`]);
  });

  it.each([
    [['--heap-growing-percent=10'], undefined],
    [[], '--enable-source-maps --heap_growing_percent=300'],
  ])('leaves the setting of %j / %j alone', (execArgv, nodeOptions) => {
    const flags: string[] = [];
    expect(slowOldGenerationGrowth({ execArgv, nodeOptions, setFlags: (f) => flags.push(f) })).toBe(false);
    expect(flags).toEqual([]);
  });

  it('names a flag Node 24 knows (V8 ignores unknown flags set at run time)', () => {
    const run = spawnSync(node24(), [`--heap-growing-percent=${OLD_GENERATION_GROWING_PERCENT}`, '-e', '0'], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('skipOptimizingLargeFunctions', () => {
  it('sets the limit once, when the user set none', () => {
    const flags: string[] = [];
    expect(
      skipOptimizingLargeFunctions({
        execArgv: [],
        nodeOptions: '--max-old-space-size=300',
        setFlags: (f) => flags.push(f),
      }),
    ).toBe(true);
    expect(flags).toEqual([`--max-optimized-bytecode-size=${MAX_OPTIMIZED_BYTECODE_BYTES}`]);
  });

  it.each([
    [['--max-optimized-bytecode-size=60000'], undefined],
    [[], '--max_optimized_bytecode_size=10'],
  ])('leaves the setting of %j / %j alone', (execArgv, nodeOptions) => {
    const flags: string[] = [];
    expect(skipOptimizingLargeFunctions({ execArgv, nodeOptions, setFlags: (f) => flags.push(f) })).toBe(
      false,
    );
    expect(flags).toEqual([]);
  });
});

/**
 * Scripts run on Node 24 itself, which loads src/v8-tuning.ts with its own type stripping; `TUNE`
 * in their environment says whether to apply the setting under test. Each prints one JSON line.
 */
describe('on Node 24', () => {
  const module = pathToFileURL(path.resolve('src/v8-tuning.ts')).href;
  let work: string;
  beforeAll(async () => {
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-v8-'));
  });
  afterAll(async () => {
    await fs.rm(work, { recursive: true, force: true });
  });

  /** Writes the script (once per name) and runs it, the setting applied or not; its JSON output. */
  async function runScript<T>(
    name: string,
    lines: string[],
    tune: boolean,
    nodeArgs: string[] = [],
  ): Promise<T> {
    const script = path.join(work, `${name}.mjs`);
    await fs.writeFile(script, lines.join('\n'));
    const run = spawnSync(node24(), [...nodeArgs, script], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, TUNE: tune ? '1' : '0' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    return JSON.parse(run.stdout) as T;
  }

  /**
   * A large function (600 statements: several KB of bytecode) and a small one, both called 40,000
   * times: enough for V8 to optimize either when nothing stops it.
   */
  async function optimizedAfterRunning(tune: boolean): Promise<{ large: boolean; small: boolean }> {
    const out = await runScript<{ large: boolean; small: boolean; ran: boolean }>(
      'hot-functions',
      [
        `if (process.env.TUNE === '1') (await import(${JSON.stringify(module)})).skipOptimizingLargeFunctions();`,
        "const body = ['let s = x | 0;'];",
        'for (let i = 0; i < 600; i++) body.push(`s = (s * 31 + ${i}) | 0;`);',
        "body.push('return s;');",
        "const large = new Function('x', body.join('\\n'));",
        "const small = new Function('x', 'let s = x | 0; for (let i = 0; i < 8; i++) s = (s * 31 + i) | 0; return s;');",
        'let sum = 0;',
        'for (let round = 0; round < 2; round++) {',
        '  for (let i = 0; i < 20000; i++) sum += large(i) + small(i);',
        '  await new Promise((resolve) => setTimeout(resolve, 50));',
        '}',
        '// Bit 4 of the status is "optimized" (by Maglev or TurboFan).',
        'const optimized = (f) => (%GetOptimizationStatus(f) & 16) !== 0;',
        'console.log(JSON.stringify({ large: optimized(large), small: optimized(small), ran: sum !== 0 }));',
      ],
      tune,
      ['--allow-natives-syntax'],
    );
    expect(out.ran).toBe(true);
    return { large: out.large, small: out.small };
  }

  /** 800,000 objects kept alive, built over many turns of the event loop as a scan's read phase is. */
  async function newSpaceAfterBuilding(tune: boolean, nodeArgs: string[] = []): Promise<number> {
    const out = await runScript<{ newSpace: number; kept: number }>(
      'build-lasting-data',
      [
        "import v8 from 'node:v8';",
        `if (process.env.TUNE === '1') (await import(${JSON.stringify(module)})).capYoungGeneration();`,
        'const keep = [];',
        'for (let round = 0; round < 40; round++) {',
        '  for (let i = 0; i < 20000; i++) keep.push({ round, i, text: `item ${round}-${i}` });',
        '  await new Promise((resolve) => setImmediate(resolve));',
        '}',
        "const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');",
        'console.log(JSON.stringify({ newSpace: space.space_size, kept: keep.length }));',
      ],
      tune,
      nodeArgs,
    );
    expect(out.kept).toBe(800_000);
    return out.newSpace;
  }

  it('optimizes both functions by default, and only the small one with the limit set at run time', async () => {
    expect(await optimizedAfterRunning(false)).toEqual({ large: true, small: true });
    expect(await optimizedAfterRunning(true)).toEqual({ large: false, small: true });
  });

  it('keeps the new space at the cap while lasting data is built', async () => {
    expect(await newSpaceAfterBuilding(false)).toBeGreaterThan(4 * YOUNG_GENERATION_CAP_BYTES);
    // GC entries arrive between turns of the event loop, so growth is seen and stopped a turn or
    // two late: usually at the cap, on a busy machine up to about 21 MB (20 runs beside four busy
    // processes), against 64–128 MB without it.
    expect(await newSpaceAfterBuilding(true)).toBeLessThanOrEqual(4 * YOUNG_GENERATION_CAP_BYTES);
  });

  it('does not override a size given on the command line', async () => {
    expect(await newSpaceAfterBuilding(true, ['--max-semi-space-size=16'])).toBeGreaterThan(
      YOUNG_GENERATION_CAP_BYTES,
    );
  });
});
