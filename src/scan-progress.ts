/**
 * What a scan tells its caller as it goes: files read and checks run (for a progress line), and
 * the end of each stage (for `sscop scan --timing`).
 */
export type ProgressEvent =
  | { phase: 'read'; done: number; total: number }
  | { phase: 'check'; id: string; done: number; total: number }
  | { phase: 'stage'; stage: ScanStage };

/**
 * The ends of the scan's stages, in the order a scan reaches them. `GitHub answered` only online;
 * `remaining checks run` after the checks that read every file (the secret scan), which wait for
 * all files to be read.
 */
export type ScanStage =
  | 'listed'
  | 'kept files read'
  | 'workflows walked'
  | 'GitHub answered'
  | 'checks run'
  | 'all files read'
  | 'remaining checks run'
  | 'git answered'
  | 'report built';
