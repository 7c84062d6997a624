/**
 * File visitors the collector's reader thread runs itself (dist/read-worker.js imports this list):
 * on a large checkout it decodes and scans most files there, beside the main thread, which keeps
 * planning what to read. A visitor listed here must be pure and its results plain data (they are
 * copied between threads). Visitors not listed run on the main thread as files arrive.
 */
import type { FileVisitor } from '../repo/files.js';
import { secretScanner } from './committed-secrets.js';

export const THREAD_VISITORS: readonly FileVisitor[] = [secretScanner];
