/**
 * Generates synthetic Party cells (chi bộ) under real communes, and optionally their members, as
 * files the importer reads. No public list gives real cells, but load and cascade tests need a
 * tree of realistic shape: 3,321 communes × N cells.
 *
 *   node dist/apps/directory/src/cli/generate-cells.js --out cells.csv [--input data/vn-admin-units-2025.json]
 *       [--per-commune 3] [--under-kind commune] [--include-base]
 *       [--members 0 --members-out members.csv]
 *
 * Codes are deterministic (`{communeCode}-CB{nn}`), so generating twice and importing twice
 * changes nothing. `--include-base` also writes the input units, making one self-contained file.
 * Members are users, not units: `--members N` writes N member accounts per cell
 * (username, fullName, unitCode, role) to `--members-out`.
 */
import { parseArgs } from 'node:util';
import { readUnitFile } from '../units/import/unit-file.js';
import { generateCells, generateMembers } from './cell-generator.js';
import { writeRecords } from './cli-output.js';

const UNIT_COLUMNS = ['code', 'name', 'parentCode', 'kind'] as const;
const MEMBER_COLUMNS = ['username', 'fullName', 'unitCode', 'role'] as const;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      input: { type: 'string', default: 'data/vn-admin-units-2025.json' },
      out: { type: 'string' },
      'per-commune': { type: 'string', default: '3' },
      'under-kind': { type: 'string', default: 'commune' },
      'include-base': { type: 'boolean', default: false },
      members: { type: 'string', default: '0' },
      'members-out': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const perCommune = Number(values['per-commune']);
  const members = Number(values.members);
  const problems: string[] = [];
  if (!values.out) problems.push('--out FILE (.csv or .json) is required');
  if (!Number.isInteger(perCommune) || perCommune < 1 || perCommune > 999) problems.push('--per-commune must be 1..999');
  if (!Number.isInteger(members) || members < 0 || members > 999) problems.push('--members must be 0..999');
  if (members > 0 && !values['members-out']) problems.push('--members needs --members-out FILE');
  if (values.help || problems.length > 0) {
    for (const problem of problems) console.error(problem);
    console.log('Usage: generate-cells --out FILE [--input FILE] [--per-commune 3] [--under-kind commune] [--include-base] [--members N --members-out FILE]');
    return values.help ? 0 : 2;
  }

  const base = (await readUnitFile(values.input)).rows;
  const parents = base.filter((row) => String(row.kind).trim() === values['under-kind']);
  const cells = generateCells(parents, perCommune);
  const units = values['include-base'] ? [...base, ...cells] : cells;
  await writeRecords(values.out!, UNIT_COLUMNS, units as unknown as Record<string, unknown>[]);
  console.log(`${values.out}: ${cells.length} chi bộ dưới ${parents.length} đơn vị "${values['under-kind']}"${values['include-base'] ? ` (+ ${base.length} đơn vị gốc)` : ''}`);

  if (members > 0) {
    const users = generateMembers(cells, members);
    await writeRecords(values['members-out']!, MEMBER_COLUMNS, users);
    console.log(`${values['members-out']}: ${users.length} đảng viên`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
