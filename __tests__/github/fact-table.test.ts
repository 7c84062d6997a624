/** The fact table is complete data: every entry has its key, a schema, a permission text and a priority. */
import { describe, expect, it } from '@jest/globals';
import { PERMISSIONS } from '../../src/github/permissions.js';
import { FACT_TABLE } from '../../src/github/facts/table.js';

const entries = Object.entries(FACT_TABLE);

describe('the fact table', () => {
  it.each(entries)('%s has its key, a schema, a permission text and a priority', (key, entry) => {
    expect(entry.key).toBe(key);
    expect(typeof entry.schema.safeParse).toBe('function');
    // A permission as GitHub's settings name it ("Administration: read …").
    expect(PERMISSIONS[entry.permission]).toMatch(/^[A-Z][\w ]+: (read|write)/);
    expect(Number.isFinite(entry.priority)).toBe(true);
    for (const earlier of entry.after) expect(Object.keys(FACT_TABLE)).toContain(earlier);
  });

  it('ranks every fact apart, so the budget order is never a tie', () => {
    const priorities = entries.map(([, e]) => e.priority);
    expect(new Set(priorities).size).toBe(priorities.length);
  });

  it('ranks what decides a status above what adds detail: the Dependabot setting above ruleset details', () => {
    expect(FACT_TABLE.dependabotAlertsEnabled.priority).toBeGreaterThan(FACT_TABLE.rulesets.priority);
    expect(FACT_TABLE.branchSummary.priority).toBeGreaterThan(FACT_TABLE.selectedActions.priority);
  });
});
