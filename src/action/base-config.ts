/**
 * The config a pull request is judged by: the file as it is on the base commit. Read from the
 * clone when the base commit is in it, otherwise from the contents API at that commit.
 */
import path from 'node:path';
import type { TrustedConfig } from '../config/choice.js';
import { DEFAULT_CONFIG_PATH } from '../config/defaults.js';
import { errorFirstLine } from '../errors.js';
import type { GitHubClient } from '../github/client.js';
import { fileAtCommit } from '../repo/git.js';

export interface BaseConfigRequest {
  /** The scanned directory (the config path is relative to it). */
  scanRoot: string;
  /** The scanned directory relative to the repository's root (the action's `path` input). */
  scanPath: string;
  /** The `config` input, when set. */
  configPath?: string;
  baseSha: string;
  client?: GitHubClient;
  owner?: string;
  repo?: string;
}

/**
 * The base commit's config, or the defaults when the base has none. When it cannot be read at
 * all, the defaults apply too (never the change's own config), and the label says why.
 */
export async function readBaseConfig(request: BaseConfigRequest): Promise<TrustedConfig> {
  const rel = (request.configPath ?? DEFAULT_CONFIG_PATH).split(path.sep).join('/');
  const at = `on the base commit (${request.baseSha.slice(0, 7)})`;
  const local = await fileAtCommit(request.scanRoot, request.baseSha, rel);
  if (local) return local.found ? { text: local.text, label: `${rel} ${at}` } : noConfig(rel, at);
  try {
    const remote = await contentAt(request, path.posix.join(request.scanPath, rel));
    return remote === undefined ? noConfig(rel, at) : { text: remote, label: `${rel} ${at}` };
  } catch (error) {
    return {
      label: `defaults: ${rel} ${at} could not be read (${errorFirstLine(error)}), and a change is never judged by its own config`,
    };
  }
}

function noConfig(rel: string, at: string): TrustedConfig {
  return { label: `defaults (no ${rel} ${at})` };
}

/** The file's text at the base commit through the contents API; undefined when it has none. */
async function contentAt(request: BaseConfigRequest, repoPath: string): Promise<string | undefined> {
  const { client, owner, repo } = request;
  if (!client || !owner || !repo)
    throw new Error('the base commit is not in the clone and there is no token');
  if (repoPath.startsWith('../')) throw new Error('the config path leaves the repository');
  let data: unknown;
  try {
    ({ data } = await client.octokit.rest.repos.getContent({
      owner,
      repo,
      path: repoPath,
      ref: request.baseSha,
    }));
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
  const file = data as { type?: unknown; encoding?: unknown; content?: unknown };
  if (file.type !== 'file' || typeof file.content !== 'string')
    throw new Error('the config path is not a file');
  if (file.encoding !== 'base64') throw new Error('the contents API gave no content (the file is too large)');
  return Buffer.from(file.content, 'base64').toString('utf8');
}
