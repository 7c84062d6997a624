import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);

// src/v8-tuning.ts
import { PerformanceObserver } from "node:perf_hooks";
import v8 from "node:v8";
var YOUNG_GENERATION_CAP_BYTES = 8 * 1024 * 1024;
var v8Controls = {
  newSpaceBytes: () => v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space")?.space_size ?? 0,
  stopGrowth: () => v8.setFlagsFromString("--semi-space-growth-factor=1")
};
function setByUser(flag, settings) {
  const { execArgv = process.execArgv, nodeOptions = process.env.NODE_OPTIONS } = settings;
  return [...execArgv, ...(nodeOptions ?? "").split(/\s+/)].some((arg) => flag.test(arg));
}
function youngGenerationSetByUser(execArgv, nodeOptions) {
  return setByUser(/^--(max|min)[-_]semi[-_]space[-_]size\b|^--semi[-_]space[-_]growth[-_]factor\b/, {
    execArgv,
    nodeOptions
  });
}
function setUnlessUserSet(flag, value, options) {
  if (setByUser(flag, options)) return false;
  (options.setFlags ?? ((flags) => v8.setFlagsFromString(flags)))(value);
  return true;
}
function capYoungGeneration(options = {}) {
  const {
    capBytes = YOUNG_GENERATION_CAP_BYTES,
    controls = v8Controls,
    execArgv = process.execArgv,
    nodeOptions = process.env.NODE_OPTIONS
  } = options;
  if (youngGenerationSetByUser(execArgv, nodeOptions)) return () => {
  };
  const watcher = new YoungGenerationCap(capBytes, controls);
  if (watcher.check()) return () => {
  };
  const observer = new PerformanceObserver(() => {
    if (watcher.check()) observer.disconnect();
  });
  observer.observe({ entryTypes: ["gc"] });
  return () => observer.disconnect();
}
var OLD_GENERATION_GROWING_PERCENT = 50;
function slowOldGenerationGrowth(options = {}) {
  return setUnlessUserSet(
    /^--heap[-_]growing[-_]percent\b/,
    `--heap-growing-percent=${OLD_GENERATION_GROWING_PERCENT}`,
    options
  );
}
var MAX_OPTIMIZED_BYTECODE_BYTES = 2e3;
function skipOptimizingLargeFunctions(options = {}) {
  return setUnlessUserSet(
    /^--max[-_]optimized[-_]bytecode[-_]size\b/,
    `--max-optimized-bytecode-size=${MAX_OPTIMIZED_BYTECODE_BYTES}`,
    options
  );
}
function tuneV8ForScan() {
  capYoungGeneration();
  slowOldGenerationGrowth();
  skipOptimizingLargeFunctions();
}
var YoungGenerationCap = class {
  stopped = false;
  capBytes;
  controls;
  // Plain fields, no parameter properties: the module stays loadable by Node's type stripping,
  // which its test uses to run it on the real runtime.
  constructor(capBytes, controls) {
    this.capBytes = capBytes;
    this.controls = controls;
  }
  /** Stops growth if the new space has reached the cap; true once growth is off. */
  check() {
    if (!this.stopped && this.controls.newSpaceBytes() >= this.capBytes) {
      this.controls.stopGrowth();
      this.stopped = true;
    }
    return this.stopped;
  }
};

export {
  tuneV8ForScan
};
