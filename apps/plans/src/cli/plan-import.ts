/**
 * Reads a plan document and prints what the importer understands of it (no service, no database):
 *
 *   node dist/apps/plans/src/cli/plan-import.js FILE [--json|--tree] [--reference-date YYYY-MM-DD]
 *   npm run plan:import -- FILE --json
 *
 * FILE is text (UTF-8; Word or Markdown exports are fine) or .docx. The tree (default) lists the
 * tasks with their roles and deadlines, reporting obligations, targets, recipients, signer and
 * every warning with its line; --json prints the full ImportedPlan. The reference date (default
 * today in Viet Nam) stands in for a missing issue date and gives timelines without a year their
 * year. Exit code 0 when read (warnings or not), 1 when the file cannot be read, 2 on bad usage.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { DocumentReadError, parsePlanDocument, readDocx, renderTree } from '#plan-import';
import { LOCAL_ZONE } from '#timeline';

const USAGE = 'Usage: plan-import FILE [--json|--tree] [--reference-date YYYY-MM-DD]';

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        tree: { type: 'boolean', default: false },
        'reference-date': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const file = positionals[0];
  if (values.help || !file || positionals.length > 1 || (values.json && values.tree)) {
    (values.help ? console.log : console.error)(USAGE);
    return values.help ? 0 : 2;
  }
  const referenceDate = values['reference-date'] ?? DateTime.now().setZone(LOCAL_ZONE).toISODate()!;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(referenceDate) || !DateTime.fromISO(referenceDate).isValid) {
    console.error(`--reference-date "${referenceDate}" phải có dạng YYYY-MM-DD\n${USAGE}`);
    return 2;
  }

  let text: string;
  try {
    const buffer = await readFile(file);
    const isDocx = /\.docx$/i.test(file) || buffer.subarray(0, 2).toString('latin1') === 'PK';
    text = isDocx ? (await readDocx(buffer)).text : buffer.toString('utf8');
  } catch (error) {
    console.error(`${file}: ${error instanceof DocumentReadError ? error.message : (error as Error).message}`);
    return 1;
  }

  const started = performance.now();
  const plan = parsePlanDocument(text, { referenceDate });
  const elapsed = performance.now() - started;
  if (values.json) {
    console.log(JSON.stringify(plan, null, 2));
  } else {
    console.log(renderTree(plan));
    console.error(`\n${file}: ${text.length.toLocaleString('vi-VN')} ký tự, đọc trong ${elapsed.toFixed(0)} ms`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
