/**
 * V8 settings a scan sets for its own process, each only where the user chose none: the young
 * generation held small, the old generation growing slowly (slowOldGenerationGrowth), and large
 * functions left to the interpreter and baseline compiler (skipOptimizingLargeFunctions).
 *
 * The young generation (the "new space", where objects are born): V8 doubles it each time enough
 * objects have survived its collections, up to 128 MB on a 64-bit machine. A scan builds tens of
 * megabytes of lasting data — the path list, the files the checks keep, the parsed workflows — so
 * on a large checkout the new space always grew to its maximum: on the 200,000-file benchmark it
 * was a quarter of the peak memory. With the new space held at 8 MB the same scan peaks 120–200 MB
 * lower (about 290 MB instead of 410–490 MB) in the same time.
 *
 * The size is a start-up setting (`--max-semi-space-size`), which neither the action's runner
 * (`runs.using: node24`) nor `node dist/cli.js` lets us pass. The growth factor is not: V8 reads
 * it each time it grows the new space. So once a collection shows the new space has reached the
 * cap, growth is switched off (factor 1) for the rest of the process. It is a tuning knob, never
 * a limit: nothing can run out of memory because of it. A user who set the young generation's
 * size themselves (in NODE_OPTIONS or on the command line) keeps their setting.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';

/** New-space size (both semi-spaces) at which growth stops: 4 MB semi-spaces. */
export const YOUNG_GENERATION_CAP_BYTES = 8 * 1024 * 1024;

/** What the cap needs from V8: the new space's size now, and a way to stop it growing. */
export interface YoungGenerationControls {
  newSpaceBytes(): number;
  stopGrowth(): void;
}

const v8Controls: YoungGenerationControls = {
  newSpaceBytes: () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0,
  stopGrowth: () => v8.setFlagsFromString('--semi-space-growth-factor=1'),
};

/** Where the process's own settings come from: its command line and NODE_OPTIONS. */
export interface ProcessSettings {
  execArgv?: readonly string[];
  nodeOptions?: string | undefined;
}

/** Whether the user gave the process a V8 flag matching `flag` (`_` and `-` are the same to V8). */
function setByUser(flag: RegExp, settings: ProcessSettings): boolean {
  const { execArgv = process.execArgv, nodeOptions = process.env.NODE_OPTIONS } = settings;
  return [...execArgv, ...(nodeOptions ?? '').split(/\s+/)].some((arg) => flag.test(arg));
}

/** Whether the process was started with its own young-generation settings. */
export function youngGenerationSetByUser(
  execArgv: readonly string[],
  nodeOptions: string | undefined,
): boolean {
  return setByUser(/^--(max|min)[-_]semi[-_]space[-_]size\b|^--semi[-_]space[-_]growth[-_]factor\b/, {
    execArgv,
    nodeOptions,
  });
}

/**
 * Sets a V8 flag for the rest of the process unless the user set it; true when it was set. Flags
 * that change how code is compiled must be set before the engine loads and before Node's compile
 * cache is opened, whose folder is named after the flags in force.
 */
function setUnlessUserSet(
  flag: RegExp,
  value: string,
  options: ProcessSettings & { setFlags?: (flags: string) => void },
): boolean {
  if (setByUser(flag, options)) return false;
  (options.setFlags ?? ((flags) => v8.setFlagsFromString(flags)))(value);
  return true;
}

/**
 * Watches garbage collections and stops the new space growing once it has reached `capBytes`.
 * Returns a function that stops watching (growth stays off once switched off).
 */
export function capYoungGeneration(
  options: {
    capBytes?: number;
    controls?: YoungGenerationControls;
    execArgv?: readonly string[];
    nodeOptions?: string | undefined;
  } = {},
): () => void {
  const {
    capBytes = YOUNG_GENERATION_CAP_BYTES,
    controls = v8Controls,
    execArgv = process.execArgv,
    nodeOptions = process.env.NODE_OPTIONS,
  } = options;
  if (youngGenerationSetByUser(execArgv, nodeOptions)) return () => {};
  const watcher = new YoungGenerationCap(capBytes, controls);
  if (watcher.check()) return () => {};
  // GC entries arrive after the collections, between turns of the event loop, so the new space
  // can grow past the cap during a long stretch of synchronous work before one is seen. In
  // practice the cap is reached while the engine loads, within the first 200 ms.
  const observer = new PerformanceObserver(() => {
    if (watcher.check()) observer.disconnect();
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}

/**
 * How far the old generation may grow past what the last full collection kept before the next one,
 * as V8's percentage: 50 is 1.5 times. V8's own factor starts near 4 for a young, fast-growing
 * heap, and a scan parsing Markdown and shell promotes much short-lived data (a parse's
 * intermediate structures outlive a few young-generation collections): on argo-cd the heap reached 375 MB between full
 * collections that each left under 100 MB, and that garbage was most of the peak memory. At 1.5
 * times the peak fell by about a fifth (argo-cd 320 → 260 MB, the shaped benchmark tree 495 →
 * 305 MB) for a few per cent more time. Read by V8 whenever it sets the next limit.
 */
export const OLD_GENERATION_GROWING_PERCENT = 50;

/** Sets the old generation's growing factor, unless the user chose one. */
export function slowOldGenerationGrowth(
  options: ProcessSettings & { setFlags?: (flags: string) => void } = {},
): boolean {
  return setUnlessUserSet(
    /^--heap[-_]growing[-_]percent\b/,
    `--heap-growing-percent=${OLD_GENERATION_GROWING_PERCENT}`,
    options,
  );
}

/**
 * Bytecode size (bytes) above which V8 does not optimize a function: its default is 60 KB.
 *
 * A scan runs a great deal of code briefly and little of it for long. The shell parser (mvdan/sh
 * compiled to JavaScript by GopherJS) was the clearest case while it parsed every script: its
 * functions are large, and a scan parsed a few hundred scripts, about as much as it takes V8 to
 * decide to optimize them and not enough to repay it. V8's optimizing compilers work on other
 * threads, and the memory each compile of a large function takes stays with the C allocator's
 * arena for that thread, so it counted in the process's peak. Parsing argo-cd's 221 scripts alone
 * took a process from 63 to 150–166 MB; with functions over 3,000 bytes left unoptimized, to
 * 117–120 MB, and faster. Measured on whole scans (docs/performance.md): at 2,000 bytes argo-cd
 * peaks about 40 MiB lower and the shaped benchmark tree about 40 MiB lower, in the same or less
 * time, and the 200,000-file tree, whose hot loops are small functions, is unchanged.
 *
 * unbash now parses most scripts. Measured again since, V8's default limit took the 200,000-file
 * tree 1.03 × the time and argo-cd no less, so the limit stays.
 */
export const MAX_OPTIMIZED_BYTECODE_BYTES = 2000;

/** Leaves functions over MAX_OPTIMIZED_BYTECODE_BYTES unoptimized, unless the user set the limit. */
export function skipOptimizingLargeFunctions(
  options: ProcessSettings & { setFlags?: (flags: string) => void } = {},
): boolean {
  return setUnlessUserSet(
    /^--max[-_]optimized[-_]bytecode[-_]size\b/,
    `--max-optimized-bytecode-size=${MAX_OPTIMIZED_BYTECODE_BYTES}`,
    options,
  );
}

/** Every setting above, for an entry point to call before it loads the engine. */
export function tuneV8ForScan(): void {
  capYoungGeneration();
  slowOldGenerationGrowth();
  skipOptimizingLargeFunctions();
}

/** The decision, apart from V8 and the observer: stop growth once, when the cap is reached. */
export class YoungGenerationCap {
  private stopped = false;
  private readonly capBytes: number;
  private readonly controls: YoungGenerationControls;

  // Plain fields, no parameter properties: the module stays loadable by Node's type stripping,
  // which its test uses to run it on the real runtime.
  constructor(capBytes: number, controls: YoungGenerationControls) {
    this.capBytes = capBytes;
    this.controls = controls;
  }

  /** Stops growth if the new space has reached the cap; true once growth is off. */
  check(): boolean {
    if (!this.stopped && this.controls.newSpaceBytes() >= this.capBytes) {
      this.controls.stopGrowth();
      this.stopped = true;
    }
    return this.stopped;
  }
}
