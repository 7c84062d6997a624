/**
 * Links to the scanned commit: permalinks to a file and line, only for a plain OWNER/NAME, a full
 * commit SHA and an http(s) server, and URLs from the repository's config kept to http(s).
 */
import { encodePath } from './escape.js';
import type { Report } from './report.js';

export interface Links {
  repository: string;
  commit: string;
}

/**
 * Permalinks need a plain OWNER/NAME, a full commit SHA and an http(s) server; and, when the name
 * came from the `origin` remote, a remote on that server (a GitLab or local remote's name would
 * link to someone else's repository on GitHub, or to nothing).
 */
export function permalinkBase(report: Report, serverUrl = 'https://github.com'): Links | undefined {
  const server = safeHttpUrl(serverUrl)?.replace(/\/+$/, '');
  if (!server || !report.repository || !report.commit) return undefined;
  const remoteHost = report.metadata.repositoryHost;
  if (remoteHost !== undefined && remoteHost !== new URL(server).hostname.toLowerCase()) return undefined;
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(report.repository) || !/^[0-9a-f]{40}$/.test(report.commit))
    return undefined;
  return { repository: `${server}/${report.repository}`, commit: report.commit };
}

export function permalink(links: Links, path: string, line?: number): string {
  return `${links.repository}/blob/${links.commit}/${encodePath(path)}${line ? `#L${line}` : ''}`;
}

/** The URL normalised, when it is http or https; undefined for anything else (javascript:, data:, …). */
export function safeHttpUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  // Characters that could end a Markdown link or an attribute are percent-encoded.
  return url.href.replace(
    /[()'"<>\s|`]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}
