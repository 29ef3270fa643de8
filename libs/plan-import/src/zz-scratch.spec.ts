import { readFileSync, writeFileSync } from 'node:fs';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { documentToText, parsePlanDocument, renderTree } from './index.js';
it('scratch', async () => {
  for (const f of ['000_934aafb5d4becac6', '001_d6bd956102b4d2c2', '003_cb66bda5281f350e', '004_fae45371a1183a4b']) {
    const doc = parsePlanDocument(readFileSync(`libs/plan-import/test-fixtures/${f}.txt`, 'utf8'), { referenceDate: '2024-10-15' });
    writeFileSync(`/tmp/${f}.json`, JSON.stringify(doc, null, 2));
    writeFileSync(`/tmp/${f}.tree`, renderTree(doc));
  }
  const text = readFileSync(`libs/plan-import/test-fixtures/001_d6bd956102b4d2c2.txt`, 'utf8');
  const docx = new Document({ sections: [{ children: text.split('\n').filter((l) => l.trim()).map((l) => new Paragraph({ children: [new TextRun(l)] })) }] });
  const buffer = await Packer.toBuffer(docx);
  const out = await documentToText(buffer);
  writeFileSync('/tmp/001.docx.txt', out);
});
