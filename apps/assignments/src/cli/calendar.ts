/**
 * The working-day calendar from the command line (ops tool, straight to the assignments database;
 * the same rules as PUT /api/calendar/:year/overrides):
 *
 *   node dist/apps/assignments/src/cli/calendar.js show 2026
 *   node dist/apps/assignments/src/cli/calendar.js set 2026 overrides-2026.json   (or .csv: date,kind,note)
 *   node dist/apps/assignments/src/cli/calendar.js add 2026-09-01 day-off "Nghỉ Quốc khánh"
 *   node dist/apps/assignments/src/cli/calendar.js add 2026-02-28 working-day "Làm bù"
 *   node dist/apps/assignments/src/cli/calendar.js remove 2026-09-01
 *
 * `npm run calendar -- show 2026` does the same. A change recounts open "N ngày làm việc"
 * deadlines in the same transaction; the events it writes (deadline changed, for plans linked to
 * them) are published by the running service's relay, and its sweep sets the new timers
 * (within DEADLINE_SWEEP_INTERVAL). DATABASE_URL selects the database.
 */
import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { assignmentsEnv, loadConfig } from '#config';
import { createServiceDataSource } from '#persistence';
import { DomainError } from '#service-kit';
import { SCHEMA } from '../migrations/index.js';
import { PolicyStore } from '../deadlines/policy-store.js';
import { calendarYear, checkOverrides, overridesBetween, recountWorkingDayDeadlines, replaceYear } from '../calendar/calendar.store.js';
import { deadlineTimerSettings } from '#deadlines';

const USAGE = `Usage:
  calendar show YEAR
  calendar set YEAR FILE                 replace the year's overrides (JSON [{date, kind, note}] or CSV date,kind,note)
  calendar add DATE day-off|working-day [NOTE]
  calendar remove DATE`;

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (!command || command === '-h' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig(assignmentsEnv);
  const dataSource = await createServiceDataSource({ url: config.DATABASE_URL, schema: SCHEMA, poolSize: 2 }).initialize();
  const policies = new PolicyStore(deadlineTimerSettings(config));
  const by = `cli:${process.env.USER ?? 'ops'}`;
  try {
    const change = async (year: number, build: (current: { date: string; kind: string; note: string | null }[]) => { date: string; kind: string; note?: string | null }[]) => {
      const outcome = await dataSource.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['calendar']);
        const current = await overridesBetween(manager, year, year);
        const next = checkOverrides(year, build(current.map(({ date, kind, note }) => ({ date, kind, note }))));
        await replaceYear(manager, year, next, by);
        const recount = await recountWorkingDayDeadlines(manager, async (planId) => (await policies.forPlan(manager, planId)).policy, Date.now(), by);
        return { overrides: next.length, ...recount };
      });
      console.log(`${year}: ${outcome.overrides} ngày điều chỉnh; ${outcome.moved} thời hạn tính theo ngày làm việc được tính lại.`);
    };

    switch (command) {
      case 'show': {
        const year = yearOf(rest[0]);
        const calendar = await calendarYear(dataSource.manager, year);
        console.log(`Ngày lễ ${year} (date-holidays):`);
        for (const holiday of calendar.holidays) console.log(`  ${holiday.date}  ${holiday.name}`);
        console.log('Điều chỉnh:');
        for (const o of calendar.overrides) console.log(`  ${o.date}  ${o.kind.padEnd(11)}  ${o.note ?? ''}`);
        console.log(`Ngày thường được nghỉ: ${calendar.nonWorkingWeekdays.join(', ') || '(không)'}`);
        console.log(`Cuối tuần phải làm: ${calendar.workingWeekendDays.join(', ') || '(không)'}`);
        return 0;
      }
      case 'set': {
        const year = yearOf(rest[0]);
        if (!rest[1]) throw usage('set needs a FILE');
        const rows = await readOverrides(rest[1]);
        await change(year, () => rows);
        return 0;
      }
      case 'add': {
        const [date, kind, ...note] = rest;
        if (!date || !kind) throw usage('add needs DATE and KIND');
        await change(yearOf(date.slice(0, 4)), (current) => [...current.filter((o) => o.date !== date), { date, kind, note: note.join(' ') || null }]);
        return 0;
      }
      case 'remove': {
        const [date] = rest;
        if (!date) throw usage('remove needs DATE');
        await change(yearOf(date.slice(0, 4)), (current) => current.filter((o) => o.date !== date));
        return 0;
      }
      default:
        throw usage(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(error.message);
      for (const field of error.fields ?? []) console.error(`  ${field.path}: ${field.message}`);
      return 1;
    }
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  } finally {
    await dataSource.destroy();
  }
}

class UsageError extends Error {}
const usage = (message: string) => new UsageError(message);

function yearOf(text: string | undefined): number {
  const year = Number(text);
  if (!Number.isInteger(year) || year < 1900 || year > 2200) throw usage(`"${text}" is not a year`);
  return year;
}

async function readOverrides(file: string): Promise<{ date: string; kind: string; note?: string | null }[]> {
  const text = await readFile(file, 'utf8');
  if (extname(file).toLowerCase() === '.csv') {
    const records: Record<string, string>[] = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
    return records.map((r) => ({ date: r.date, kind: r.kind, note: r.note || null }));
  }
  const data = JSON.parse(text);
  return Array.isArray(data) ? data : data.overrides;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
