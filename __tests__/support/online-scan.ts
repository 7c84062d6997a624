/**
 * A scan against the fake GitHub API serving the GITHUB_TOKEN scenario with some routes replaced.
 * The server is returned to be closed by the caller; it must have seen no request or answer that
 * GitHub's description rules out.
 */
import { expect } from '@jest/globals';
import type { Report } from '../../src/report/report.js';
import { scan } from '../../src/scan.js';
import { FULL } from './fake-github/fixtures.js';
import { SCENARIOS, TODAY } from './fake-github/scenarios.js';
import { startFakeGitHub, type FakeGitHub, type RouteTable } from './fake-github/server.js';

export async function scanWithRoutes(
  root: string,
  routes: RouteTable,
): Promise<{ report: Report; server: FakeGitHub }> {
  const scenario = SCENARIOS.githubToken();
  const server = await startFakeGitHub({ ...scenario, routes: { ...scenario.routes, ...routes } });
  const { report } = await scan({
    root,
    today: TODAY,
    github: { repository: FULL, token: 'test-token', apiUrl: server.url, client: { sleep: async () => {} } },
  });
  expect(server.violations).toEqual([]);
  return { report, server };
}
