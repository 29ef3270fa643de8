/**
 * Imports a unit list straight into the directory database (ops tool, no NATS needed):
 *
 *   node dist/apps/directory/src/cli/import-units.js FILE [--root-code TW] [--root-name "Trung ương"] [--root-kind central]
 *
 * FILE is JSON (array of {code, name, parentCode|parent, kind|level}) or CSV (header
 * code,name,parentCode,kind). Rows without a parent go under the root unit. It runs the service's
 * own importer, so the rules, the all-or-nothing transaction and the `directory.units.upserted`
 * outbox rows are the same as an import through the API; the running directory service's relay
 * publishes those events. DATABASE_URL selects the database (default: the local one).
 * Exit code 1 when the file has errors: they are printed row by row and nothing is written.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { loadConfig, serviceEnv } from '#config';
import { createServiceDataSource } from '#persistence';
import { DomainError } from '#service-kit';
import { SCHEMA } from '../migrations/index.js';
import { EVERYWHERE } from '../units/import/import-scope.js';
import { readUnitFile, type UnitFile } from '../units/import/unit-file.js';
import { UnitImporter, type ImportProgress } from '../units/import/unit-importer.js';

const PHASES: Record<ImportProgress['phase'], string> = {
  validate: 'Kiểm tra',
  write: 'Ghi đơn vị',
  events: 'Ghi sự kiện',
};

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'root-code': { type: 'string', default: 'TW' },
      'root-name': { type: 'string', default: 'Trung ương' },
      'root-kind': { type: 'string', default: 'central' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const file = positionals[0];
  if (values.help || !file) {
    console.log('Usage: import-units FILE [--root-code TW] [--root-name "Trung ương"] [--root-kind central]');
    return values.help ? 0 : 2;
  }

  const unitFile = await readUnitFile(file, {
    rootCode: values['root-code'],
    rootName: values['root-name'],
    rootKind: values['root-kind'],
  });
  console.log(`${file}: ${unitFile.rows.length} dòng${unitFile.rootAdded ? ` (gồm đơn vị gốc ${values['root-code']} được thêm vào)` : ''}`);

  const dataSource = await createServiceDataSource({ url: loadConfig(serviceEnv).DATABASE_URL, schema: SCHEMA, poolSize: 2 }).initialize();
  const bar = new cliProgress.SingleBar(
    { format: '{phase} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let phase: ImportProgress['phase'] | null = null;
  const onProgress = (progress: ImportProgress) => {
    if (progress.phase !== phase) {
      if (phase) bar.stop();
      phase = progress.phase;
      bar.start(progress.total, progress.done, { phase: PHASES[progress.phase].padEnd(12) });
    } else {
      bar.update(progress.done);
    }
  };

  try {
    const [table]: { units: string | null }[] = await dataSource.query(`SELECT to_regclass('units')::text AS units`);
    if (!table?.units) {
      console.error(`Chưa có bảng units trong schema "${SCHEMA}": chạy migrations trước (node dist/apps/directory/src/migrate.js)`);
      return 1;
    }
    const started = performance.now();
    const outcome = await new UnitImporter(dataSource).run(unitFile.rows, { scope: EVERYWHERE, onProgress });
    if (phase) bar.stop();
    const ms = Math.round(performance.now() - started);
    console.log(
      `Xong trong ${ms} ms: ${outcome.total} dòng, ${outcome.created} tạo mới, ${outcome.updated} cập nhật, ` +
        `${outcome.unchanged} không đổi` +
        (outcome.movedDescendants ? `, ${outcome.movedDescendants} đơn vị cấp dưới được chuyển theo` : '') +
        `; phiên bản danh mục ${outcome.directoryVersion}; ${outcome.eventsWritten} sự kiện đã ghi vào outbox.`,
    );
    return 0;
  } catch (error) {
    if (phase) bar.stop();
    if (error instanceof DomainError && error.fields) {
      console.error(`${error.message}:`);
      for (const field of error.fields) console.error(`  ${field.path}${where(field.path, unitFile)}: ${field.message}`);
      return 1;
    }
    throw error;
  } finally {
    await dataSource.destroy();
  }
}

/** Points at the record in the file (CSV: the line number, header being line 1). */
function where(path: string, file: UnitFile): string {
  const match = /^rows\[(\d+)\]/u.exec(path);
  if (!match) return '';
  const record = Number(match[1]) - (file.rootAdded ? 1 : 0);
  if (record < 0) return ' (đơn vị gốc)';
  return file.format === 'csv' ? ` (dòng ${record + 2} của tệp)` : ` (phần tử ${record} của tệp)`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
