/**
 * The scan's online phase: validates `OWNER/NAME`, builds the clients, and collects the facts and
 * the pin verifications, both within one API time budget. Kept here so the scan only says
 * "collect GitHub facts too".
 */
import { unverifiedPins, verifyPins, type ActionLookup, type PinVerificationResult } from './pins.js';
import { errorMessage, UserError } from '../errors.js';
import { ApiTimeBudget, createGitHubClient, type GitHubClientOptions } from './client.js';
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
  /** Time for all API requests of the phase, in ms; default `DEFAULT_API_TIME_BUDGET_MS`. */
  apiTimeoutMs?: number;
  /** Timeouts, retries and waiting, for tests and slow networks; a `timeBudget` here wins. */
  client?: Omit<GitHubClientOptions, 'token' | 'apiUrl'>;
}

export interface OnlinePhase {
  collectFacts(): Promise<GitHubFacts>;
  verifyPins(lookups: readonly ActionLookup[]): Promise<PinVerificationResult>;
}

/** The facts and the pins, each with a client of its own (so pins stay outside the request budget), sharing one time budget. */
export function startOnlinePhase(options: GitHubScanOptions): OnlinePhase {
  const timeBudget = options.client?.timeBudget ?? new ApiTimeBudget(options.apiTimeoutMs);
  const shared = { ...options, client: { ...options.client, timeBudget } };
  return {
    collectFacts: () => collectOnline(shared),
    verifyPins: (pins) => verifyActionPins(shared, pins),
  };
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
  pins: readonly ActionLookup[],
): Promise<PinVerificationResult> {
  let client;
  try {
    client = createGitHubClient({ ...options.client, token: options.token, apiUrl: options.apiUrl });
  } catch (error) {
    // The facts' client fails the same way and says so for the scan; the pins only stay unverified.
    if (error instanceof UserError) return unverifiedPins(pins, errorMessage(error));
    throw error;
  }
  return verifyPins(client, pins);
}
