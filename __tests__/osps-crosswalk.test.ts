/** The OSPS Baseline crosswalk as data: well-formed ids, every mapping onto the Code's rule pack. */
import { describe, expect, it } from '@jest/globals';
import { load as loadYaml } from 'js-yaml';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRulePack } from '../src/rules/pack.js';
import { OSPS_CONTROL_ID, loadCrosswalk, parseCrosswalk } from '../src/rules/crosswalk.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const pack = loadRulePack();
const crosswalk = loadCrosswalk();

const SOURCE =
  'source: {title: t, publisher: p, repository: "https://github.com/ossf/security-baseline", files: f, commit: "' +
  '0'.repeat(40) +
  '", url: "https://baseline.openssf.org/"}\n';

describe('the OSPS Baseline crosswalk', () => {
  it('cites the catalog it was read from, at a commit', () => {
    expect(crosswalk.source.repository).toBe('https://github.com/ossf/security-baseline');
    expect(crosswalk.source.files).toBe('baseline/OSPS-*.yaml');
    expect(crosswalk.source.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('gives every control a well-formed id, once, and maps it to principles and claims that exist', () => {
    const ids = crosswalk.controls.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const control of crosswalk.controls) {
      expect(control.id).toMatch(OSPS_CONTROL_ID);
      expect(control.principles.length + control.claims.length).toBeGreaterThan(0);
      for (const id of control.claims) {
        expect(id).toMatch(/^\d+\.\d+\.\d+$/);
        expect(pack.claims.has(id)).toBe(true);
      }
      for (const id of control.principles) expect(pack.principles.map((p) => p.id)).toContain(id);
    }
  });

  it('holds the mapping the catalog states, e.g. OSPS-AC-01 to claims 1.4.2, 2.1.5 and 2.2.2, OSPS-DO-04 to 4.1 and 4.2', () => {
    const byId = new Map(crosswalk.controls.map((c) => [c.id, c]));
    expect(crosswalk.controls).toHaveLength(31);
    expect(byId.get('OSPS-AC-01')).toMatchObject({ principles: [], claims: ['1.4.2', '2.1.5', '2.2.2'] });
    expect(byId.get('OSPS-DO-04')).toMatchObject({
      principles: ['4.1', '4.2'],
      claims: ['4.1.1', '4.1.2', '4.2.1'],
    });
    // Controls the catalog does not map to the Code are not listed.
    expect(byId.has('OSPS-LE-01')).toBe(false);
  });

  it('is YAML whose control entries have only the keys the schema knows', () => {
    const doc = loadYaml(readFileSync(path.join(here, '..', 'rules', 'osps-crosswalk.yml'), 'utf8')) as {
      controls: Record<string, unknown>[];
    };
    for (const c of doc.controls)
      expect(Object.keys(c).every((k) => ['id', 'title', 'principles', 'claims'].includes(k))).toBe(true);
  });

  const parseCrosswalkText = (text: string, onto: typeof pack) => parseCrosswalk(loadYaml(text), onto);

  it('rejects a malformed control id, a control that maps to nothing, and a claim or principle that does not exist', () => {
    expect(() =>
      parseCrosswalkText(`${SOURCE}controls:\n  - {id: OSPS-AC-1, title: T, claims: ['1.1.1']}\n`, pack),
    ).toThrow(/OSPS control ids look like OSPS-AC-01/);
    expect(() =>
      parseCrosswalkText(`${SOURCE}controls:\n  - {id: OSPS-AC-01, title: T, claims: ['1.1']}\n`, pack),
    ).toThrow(/claim ids look like 1.2.3/);
    expect(() => parseCrosswalkText(`${SOURCE}controls:\n  - {id: OSPS-AC-01, title: T}\n`, pack)).toThrow(
      /control OSPS-AC-01 maps to nothing/,
    );
    expect(() =>
      parseCrosswalkText(
        `${SOURCE}controls:\n  - {id: OSPS-AC-01, title: T, claims: ['9.9.9'], principles: ['9.9']}\n  - {id: OSPS-AC-01, title: T, claims: ['1.1.1']}\n`,
        pack,
      ),
    ).toThrow(
      /unknown principle 9\.9\n- control OSPS-AC-01 maps to unknown claim 9\.9\.9\n- control OSPS-AC-01 appears twice/,
    );
  });
});
