import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { CalendarOverrideKind, CalendarOverrideView, CalendarYear, FieldError } from '#contracts';
import { endOfLocalDay, publicHolidays, WorkingDayCalendar, type CalendarOverride } from '#timeline';
import { DomainError } from '#service-kit';
import { announceDeadlineChange } from '../deadlines/deadline-change.js';
import { graceFromFor, nextAction, schedule, type DeadlinePolicy } from '#deadlines';

/**
 * The working-day calendar lives in the assignments service because this is where deadlines are
 * watched and moved: a changed day off recounts "N ngày làm việc" deadlines of open work here, in
 * the same transaction. Public holidays come from date-holidays for any year; what the government
 * decides each year (extra Tết days, the second day of 2/9, days in lieu, make-up Saturdays) is kept
 * as per-day overrides an admin edits by API or CLI. The plans service asks for the overrides when
 * it counts working days in a new plan (rpc.assignments.calendar.overrides).
 */

const ISO_DATE = /^(\d{4})-\d{2}-\d{2}$/;
const KINDS: readonly CalendarOverrideKind[] = ['day-off', 'working-day'];

interface OverrideRow {
  date: string;
  kind: CalendarOverrideKind;
  note: string | null;
  updated_by: string | null;
  updated_at: Date | null;
}

export async function overridesBetween(manager: EntityManager, fromYear: number, toYear: number): Promise<CalendarOverrideView[]> {
  const rows: OverrideRow[] = await manager.query(
    `SELECT date, kind, note, updated_by, updated_at FROM calendar_overrides
     WHERE date >= make_date($1, 1, 1) AND date <= make_date($2, 12, 31) ORDER BY date`,
    [fromYear, toYear],
  );
  return rows.map((row) => ({ date: row.date, kind: row.kind, note: row.note, updatedBy: row.updated_by, updatedAt: row.updated_at?.toISOString() ?? null }));
}

export async function calendarFor(manager: EntityManager, fromYear: number, toYear: number): Promise<WorkingDayCalendar> {
  return new WorkingDayCalendar(await overridesBetween(manager, fromYear, toYear));
}

export async function calendarYear(manager: EntityManager, year: number): Promise<CalendarYear> {
  checkYear(year);
  const overrides = await overridesBetween(manager, year, year);
  const calendar = new WorkingDayCalendar(overrides);
  const nonWorkingWeekdays: string[] = [];
  const workingWeekendDays: string[] = [];
  for (let day = new Date(Date.UTC(year, 0, 1)); day.getUTCFullYear() === year; day = new Date(day.getTime() + 86_400_000)) {
    // A calendar date only (no zone involved): UTC midnight of that date names it.
    const date = day.toISOString().slice(0, 10);
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    const working = calendar.isWorkingDay(date);
    if (!weekend && !working) nonWorkingWeekdays.push(date);
    if (weekend && working) workingWeekendDays.push(date);
  }
  return { year, holidays: publicHolidays(year), overrides, nonWorkingWeekdays, workingWeekendDays };
}

/** Checks one year's overrides: real days of that year, a known kind, each day once. */
export function checkOverrides(year: number, overrides: { date: string; kind: string; note?: string | null }[]): CalendarOverride[] {
  checkYear(year);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  if (!Array.isArray(overrides)) throw DomainError.invalid('CALENDAR.INVALID', [{ path: 'overrides', message: 'phải là một danh sách' }]);
  overrides.forEach((override, i) => {
    const at = `overrides[${i}]`;
    const match = ISO_DATE.exec(override?.date ?? '');
    let real = false;
    try {
      real = !!match && !!endOfLocalDay(override.date);
    } catch {
      real = false;
    }
    if (!real) errors.push({ path: `${at}.date`, message: `Ngày "${override?.date}" không hợp lệ (dạng YYYY-MM-DD)` });
    else if (Number(match![1]) !== year) errors.push({ path: `${at}.date`, message: `Ngày ${override.date} không thuộc năm ${year}` });
    else if (seen.has(override.date)) errors.push({ path: `${at}.date`, message: `Ngày ${override.date} bị trùng` });
    if (!KINDS.includes(override?.kind as CalendarOverrideKind)) errors.push({ path: `${at}.kind`, message: `phải là một trong: ${KINDS.join(', ')}` });
    if (override?.note !== undefined && override.note !== null && (typeof override.note !== 'string' || override.note.length > 500)) {
      errors.push({ path: `${at}.note`, message: 'phải là chuỗi không quá 500 ký tự' });
    }
    seen.add(override?.date);
  });
  if (errors.length) throw DomainError.invalid('CALENDAR.INVALID', errors, 'Lịch ngày làm việc chưa hợp lệ');
  return overrides.map((o) => ({ date: o.date, kind: o.kind as CalendarOverrideKind, note: o.note?.trim() || null }));
}

/** Replaces one year's overrides (whole year at once: what the admin sees is what is stored). */
export async function replaceYear(manager: EntityManager, year: number, overrides: CalendarOverride[], by: string): Promise<void> {
  await manager.query('DELETE FROM calendar_overrides WHERE date >= make_date($1, 1, 1) AND date <= make_date($1, 12, 31)', [year]);
  if (overrides.length === 0) return;
  await manager.query(
    `INSERT INTO calendar_overrides (date, kind, note, updated_by)
     SELECT o.date, o.kind, o.note, $2 FROM jsonb_to_recordset($1::jsonb) AS o(date date, kind text, note text)`,
    [JSON.stringify(overrides), by],
  );
}

export interface Recount {
  moved: number;
  timers: number[];
  announced: number;
}

/**
 * Recounts open "N ngày làm việc" deadlines on the current calendar: those whose due day changed
 * move (all their steps pending again for the new deadline), set-based per (plan, count, start,
 * old deadline); parents among them re-check their linked child plans. An extension fixes a date,
 * which ends the recounting for that item.
 */
export async function recountWorkingDayDeadlines(
  manager: EntityManager,
  policyFor: (planId: string) => Promise<DeadlinePolicy>,
  now: number,
  by: string,
): Promise<Recount> {
  const groups: { plan_id: string; working_days: number; counted_from: string; due_at: Date }[] = await manager.query(
    `SELECT plan_id, working_days, counted_from, due_at FROM due_items
     WHERE status = 'open' AND working_days IS NOT NULL AND counted_from IS NOT NULL
     GROUP BY plan_id, working_days, counted_from, due_at`,
  );
  const result: Recount = { moved: 0, timers: [], announced: 0 };
  if (groups.length === 0) return result;
  const years = groups.map((g) => Number(g.counted_from.slice(0, 4)));
  const calendar = await calendarFor(manager, Math.min(...years), Math.max(...years) + 3);
  for (const group of groups) {
    const dueDate = calendar.addWorkingDays(group.counted_from, group.working_days);
    const dueAt = Date.parse(endOfLocalDay(dueDate));
    if (dueAt === group.due_at.getTime()) continue;
    const graceFrom = graceFromFor(dueAt, now);
    const next = schedule(nextAction({ dueAt, graceFrom, firedUntil: null, escalationLevel: 0 }, await policyFor(group.plan_id), now));
    const moved: { id: string; assignment_id: string; linked: boolean }[] = await manager.query(
      `WITH moved AS (
         UPDATE due_items d SET due_at = $5, grace_from = $6, fired_until = NULL, escalation_level = 0, next_step = $7, next_at = $8, updated_at = now()
         WHERE d.status = 'open' AND d.plan_id = $1 AND d.working_days = $2 AND d.counted_from = $3 AND d.due_at = $4
         RETURNING d.id, d.assignment_id, d.occurrence
       ),
       own AS (
         UPDATE assignments a SET due_at = $5, updated_at = now() FROM moved m WHERE a.id = m.assignment_id AND m.occurrence = 'once'
         RETURNING 1
       ),
       history AS (
         INSERT INTO assignment_history (assignment_id, due_item_id, kind, deadline_at, reason, actor)
         SELECT assignment_id, id, 'deadline-changed', $5, $9, $10 FROM moved
         RETURNING 1
       )
       SELECT m.id, m.assignment_id, EXISTS (SELECT 1 FROM assignments c WHERE c.parent_assignment_id = m.assignment_id) AS linked
       FROM moved m`,
      [
        group.plan_id,
        group.working_days,
        group.counted_from,
        group.due_at,
        new Date(dueAt),
        new Date(graceFrom),
        next.nextStep,
        next.nextAt === null ? null : new Date(next.nextAt),
        `Lịch ngày làm việc thay đổi: ${group.working_days} ngày làm việc từ ${group.counted_from} nay đến hết ${dueDate}`,
        by,
      ],
    );
    result.moved += moved.length;
    if (next.nextAt !== null && moved.length) result.timers.push(next.nextAt);
    for (const item of moved.filter((m) => m.linked)) {
      await announceDeadlineChange(
        manager,
        { assignmentId: item.assignment_id, dueItemId: item.id, previousDueAt: group.due_at.getTime(), dueAt, reason: 'calendar' },
        { correlationId: randomUUID() },
      );
      result.announced++;
    }
  }
  return result;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1900 || year > 2200) {
    throw DomainError.invalid('CALENDAR.INVALID', [{ path: 'year', message: `Năm "${year}" không hợp lệ` }]);
  }
}
