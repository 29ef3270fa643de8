import { readFileSync, writeFileSync } from 'node:fs';
import { parsePlanDocument } from './index.js';
it('scratch', () => {
  for (const f of ['000_934aafb5d4becac6', '001_d6bd956102b4d2c2', '003_cb66bda5281f350e', '004_fae45371a1183a4b']) {
    const doc = parsePlanDocument(readFileSync(`libs/plan-import/test-fixtures/${f}.txt`, 'utf8'), { referenceDate: '2024-10-15' });
    writeFileSync(`/tmp/${f}.json`, JSON.stringify(doc, null, 2));
  }
});
