/**
 * The scan's online phase: validates `OWNER/NAME`, builds the client, and collects the facts.
 * Kept here so the scan only says "collect GitHub facts too".
 */
import { verifyPins, type PinRequest, type PinVerificationResult } from './pins.js';
import { UserError } from '../errors.js';
import { createGitHubClient, type GitHubClientOptions } from './client.js';
import { collectGitHubFacts, type GitHubFacts } from './facts.js';
import { parseRepository } from './repository.js';

export interface GitHubScanOptions {
  /** `OWNER/NAME`. */
  repository: string;
  token: string;
  /** API base URL (GHES); defaults to `GITHUB_API_URL`, then api.github.com. */
  apiUrl?: string;
  /** Branch to evaluate; defaults to the repository's default branch. */
  branch?: string;
  /** A pull request whose commits to check as well. */
  pullNumber?: number;
  /** Timeouts, retries and waiting, for tests and slow networks. */
  client?: Omit<GitHubClientOptions, 'token' | 'apiUrl'>;
}

export async function collectOnline(options: GitHubScanOptions): Promise<GitHubFacts> {
  const { owner, repo } = parseRepository(options.repository);
  if (options.pullNumber !== undefined && !(Number.isInteger(options.pullNumber) && options.pullNumber > 0)) {
    throw new UserError(`Invalid pull request number '${options.pullNumber}'`);
  }
  const client = createGitHubClient({ ...options.client, token: options.token, apiUrl: options.apiUrl });
  return collectGitHubFacts({ client, owner, repo, branch: options.branch, pullNumber: options.pullNumber });
}

/** Verifies the repository's SHA-pinned actions with a client of its own (run beside the facts). */
export async function verifyActionPins(
  options: GitHubScanOptions,
  pins: readonly PinRequest[],
): Promise<PinVerificationResult> {
  const client = createGitHubClient({ ...options.client, token: options.token, apiUrl: options.apiUrl });
  return verifyPins(client, pins);
}
