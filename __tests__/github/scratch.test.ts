import { it } from '@jest/globals';
import { openApiValidator } from '../support/fake-github/server.js';
import { githubOpenApi } from '../support/fake-github/openapi.js';

it('scratch', () => {
  const t0 = Date.now();
  const v = openApiValidator();
  console.log('build ms', Date.now() - t0);
  const doc = githubOpenApi() as any;
  const paths = ['/repos/{owner}/{repo}','/repos/{owner}/{repo}/rules/branches/{branch}','/repos/{owner}/{repo}/rulesets/{ruleset_id}','/repos/{owner}/{repo}/branches/{branch}/protection','/repos/{owner}/{repo}/branches/{branch}','/repos/{owner}/{repo}/commits','/repos/{owner}/{repo}/pulls/{pull_number}/commits','/repos/{owner}/{repo}/releases','/repos/{owner}/{repo}/private-vulnerability-reporting','/repos/{owner}/{repo}/dependabot/alerts','/repos/{owner}/{repo}/code-scanning/alerts','/repos/{owner}/{repo}/security-advisories','/repos/{owner}/{repo}/actions/permissions','/repos/{owner}/{repo}/actions/permissions/workflow','/repos/{owner}/{repo}/actions/permissions/selected-actions','/orgs/{org}'];
  for (const p of paths) {
    const ex = doc.paths[p].get.responses['200']?.content?.['application/json']?.examples;
    const t1 = Date.now();
    for (const [k, e] of Object.entries<any>(ex ?? {})) {
      const name = e.$ref?.split('/').pop();
      const value = name ? doc.components.examples[name].value : e.value;
      const op = v.match('GET', p.replace(/\{(\w+)\}/g, 'x'))!;
      console.log(p, op.template, k, name, JSON.stringify(v.validateResponse(op, 200, value)).slice(0, 1500), Date.now() - t1);
    }
  }
});
