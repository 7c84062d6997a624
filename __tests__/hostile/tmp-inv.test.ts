import { it } from '@jest/globals';
import { check } from 'recheck';
import { inventoryRegexes, sourceFiles } from './support/regex-inventory.js';
it('inv', async () => {
const sites = inventoryRegexes([...sourceFiles('src/evidence'), ...sourceFiles('src/checks')]);
const t = Date.now();
const lines: string[] = [];
let i = 0;
const worker = async () => { while (i < sites.length) { const s = sites[i++]!; const t0 = Date.now();
  const r = await check(s.source, s.flags.replace(/[gy]/g, ''), { timeout: 4000 });
  const dt = Date.now() - t0;
  if (r.status !== 'safe' || dt > 500) lines.push(`${dt}ms ${r.status} ${r.checker} ${s.file}:${s.line} /${s.source.slice(0,120)}/ ${r.status==='vulnerable' ? r.attack.pattern + ' ' + r.complexity.type : r.status === 'unknown' ? r.error?.kind : ''}`); } };
await Promise.all([worker(), worker()]);
lines.unshift(`${Date.now()-t} ms`);
console.log(lines.join('\n'));
}, 600000);
