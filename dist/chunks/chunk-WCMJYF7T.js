import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);

// src/young-generation.ts
import { PerformanceObserver } from "node:perf_hooks";
import v8 from "node:v8";
var YOUNG_GENERATION_CAP_BYTES = 8 * 1024 * 1024;
var v8Controls = {
  newSpaceBytes: () => v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space")?.space_size ?? 0,
  stopGrowth: () => v8.setFlagsFromString("--semi-space-growth-factor=1")
};
function youngGenerationSetByUser(execArgv, nodeOptions) {
  return [...execArgv, ...(nodeOptions ?? "").split(/\s+/)].some(
    (arg) => /^--(max|min)[-_]semi[-_]space[-_]size\b|^--semi[-_]space[-_]growth[-_]factor\b/.test(arg)
  );
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
  const {
    execArgv = process.execArgv,
    nodeOptions = process.env.NODE_OPTIONS,
    setFlags = (flags) => v8.setFlagsFromString(flags)
  } = options;
  const setByUser = [...execArgv, ...(nodeOptions ?? "").split(/\s+/)].some(
    (arg) => /^--heap[-_]growing[-_]percent\b/.test(arg)
  );
  if (setByUser) return false;
  setFlags(`--heap-growing-percent=${OLD_GENERATION_GROWING_PERCENT}`);
  return true;
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
  capYoungGeneration,
  slowOldGenerationGrowth
};
