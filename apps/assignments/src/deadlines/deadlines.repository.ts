import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ASSIGNMENT_CONTEXT_COLUMNS, ASSIGNMENT_CONTEXT_JOINS, assignmentContext, type AssignmentContextRow } from '../assignments/assignment-context.js';
import type { Actor, DeadlineListItem, DeadlineListPage, DueItemView, HistoryEntry, OverdueByUnit, PageQuery, Role } from '#contracts';

/** Local days between the due day and today in Viet Nam; at least 1 once late (a time-of-day deadline). */
const DAYS_OVERDUE = `GREATEST(CASE WHEN d.due_at < $NOW::timestamptz THEN 1 ELSE 0 END,
  (($NOW::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - (d.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date))`;

const LIST_SELECT = `
  SELECT d.id AS due_item_id, d.assignment_id, d.occurrence, d.due_at, d.escalation_level, d.status,
    ${DAYS_OVERDUE} AS days_overdue,
    ${ASSIGNMENT_CONTEXT_COLUMNS},
    count(*) OVER () AS total
  FROM due_items d
  JOIN assignments a ON a.id = d.assignment_id
  ${ASSIGNMENT_CONTEXT_JOINS}`;

interface ListRow extends AssignmentContextRow {
  due_item_id: string;
  assignment_id: string;
  occurrence: string;
  due_at: Date;
  escalation_level: number;
  status: string;
  days_overdue: number;
  total: string;
}

interface DueItemRow {
  id: string;
  assignment_id: string;
  occurrence: string;
  due_at: Date;
  status: DueItemView['status'];
  next_step: string | null;
  next_at: Date | null;
  escalation_level: number;
  working_days: number | null;
  counted_from: string | null;
  closed_at: Date | null;
  completion_note: string | null;
}

/**
 * Deadline views. Like every read of this service they are limited in SQL: a unit's own lists by
 * its unit id, subtree views by `path <@ actor path` on the local tree copy.
 */
@Injectable()
export class DeadlinesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The caller's unit: open items due from now until now + within. */
  dueSoon(actor: Actor, now: number, withinMs: number, page: PageQuery): Promise<DeadlineListPage> {
    return this.page(
      `${LIST_SELECT} WHERE a.unit_id = $1 AND d.status = 'open' AND d.due_at >= $NOW AND d.due_at <= $2
       ORDER BY d.due_at, a.task_number`,
      [actor.unitId, new Date(now + withinMs)],
      now,
      page,
    );
  }

  /** The caller's unit: open items past their deadline, the longest overdue first. */
  overdue(actor: Actor, now: number, page: PageQuery): Promise<DeadlineListPage> {
    return this.page(
      `${LIST_SELECT} WHERE a.unit_id = $1 AND d.status = 'open' AND d.due_at < $NOW
       ORDER BY d.due_at, a.task_number`,
      [actor.unitId],
      now,
      page,
    );
  }

  /** Overdue anywhere in the caller's subtree (or a unit's subtree inside it), most days overdue first. */
  overdueSubtree(actor: Actor, now: number, unitCode: string | undefined, page: PageQuery): Promise<DeadlineListPage> {
    return this.page(
      `${LIST_SELECT}
       WHERE d.status = 'open' AND d.due_at < $NOW AND u.path <@ $1::ltree
         AND ($2::text IS NULL OR u.path <@ (SELECT path FROM units WHERE code = $2 AND path <@ $1::ltree))
       ORDER BY d.due_at, u.code, a.task_number`,
      [actor.unitPath, unitCode ?? null],
      now,
      page,
    );
  }

  /** Overdue counts over each direct child's whole subtree, and the caller's unit's own. */
  async overdueByUnit(actor: Actor, now: number): Promise<OverdueByUnit | null> {
    const [me]: { id: string; code: string; name: string; depth: number }[] = await this.dataSource.query(
      'SELECT id::text AS id, code, name, nlevel(path) AS depth FROM units WHERE id = $1',
      [actor.unitId],
    );
    if (!me) return null;
    const rows: { id: string | null; code: string | null; name: string | null; overdue: number; max_days: number | null }[] =
      await this.dataSource.query(
        `WITH late AS (
           SELECT CASE WHEN nlevel(u.path) > $3::int THEN subpath(u.path, 0, $3::int + 1) END AS child_path,
             ${DAYS_OVERDUE.replaceAll('$NOW', () => '$2')} AS days
           FROM due_items d JOIN assignments a ON a.id = d.assignment_id JOIN units u ON u.id = a.unit_id
           WHERE d.status = 'open' AND d.due_at < $2 AND u.path <@ $1::ltree
         ),
         per_child AS (
           SELECT child_path, count(*)::int AS overdue, max(days)::int AS max_days FROM late GROUP BY child_path
         )
         SELECT c.id::text AS id, c.code, c.name, COALESCE(p.overdue, 0) AS overdue, p.max_days
         FROM units c LEFT JOIN per_child p ON p.child_path = c.path
         WHERE c.parent_id = $4
         UNION ALL
         SELECT NULL, NULL, NULL, overdue, max_days FROM per_child WHERE child_path IS NULL
         ORDER BY overdue DESC, code`,
        [actor.unitPath, new Date(now), me.depth, actor.unitId],
      );
    const own = rows.find((row) => row.id === null)?.overdue ?? 0;
    const children = rows
      .filter((row) => row.id !== null)
      .map((row) => ({ unit: { id: row.id!, code: row.code!, name: row.name! }, overdue: row.overdue, maxDaysOverdue: row.max_days ?? 0 }));
    return {
      unit: { id: me.id, code: me.code, name: me.name },
      own,
      children,
      total: own + children.reduce((sum, child) => sum + child.overdue, 0),
    };
  }

  async dueItems(manager: EntityManager, assignmentId: string): Promise<DueItemView[]> {
    const rows: DueItemRow[] = await manager.query('SELECT * FROM due_items WHERE assignment_id = $1 ORDER BY due_at, occurrence', [
      assignmentId,
    ]);
    return rows.map(toDueItemView);
  }

  async history(manager: EntityManager, assignmentId: string): Promise<HistoryEntry[]> {
    const rows: {
      id: string;
      due_item_id: string | null;
      kind: HistoryEntry['kind'];
      step: string | null;
      deadline_at: Date | null;
      target_unit_id: string | null;
      target_code: string | null;
      target_name: string | null;
      target_role: Role | null;
      reason: string;
      actor: string;
      event_id: string | null;
      occurred_at: Date;
    }[] = await manager.query(
      `SELECT h.id::text AS id, h.due_item_id, h.kind, h.step, h.deadline_at, h.target_unit_id::text AS target_unit_id,
         t.code AS target_code, t.name AS target_name, h.target_role, h.reason, h.actor, h.event_id, h.occurred_at
       FROM assignment_history h LEFT JOIN units t ON t.id = h.target_unit_id
       WHERE h.assignment_id = $1 ORDER BY h.id`,
      [assignmentId],
    );
    return rows.map((row) => ({
      id: row.id,
      dueItemId: row.due_item_id,
      kind: row.kind,
      step: row.step,
      deadlineAt: row.deadline_at?.toISOString() ?? null,
      target:
        row.target_unit_id && row.target_role
          ? { unitId: row.target_unit_id, unitCode: row.target_code ?? '', unitName: row.target_name ?? '', role: row.target_role }
          : null,
      reason: row.reason,
      actor: row.actor,
      eventId: row.event_id,
      occurredAt: row.occurred_at.toISOString(),
    }));
  }

  private async page(sql: string, params: unknown[], now: number, query: PageQuery): Promise<DeadlineListPage> {
    const page = Math.max(1, query.page ?? 1);
    const pageSize = Math.min(200, Math.max(1, query.pageSize ?? 20));
    const n = params.length;
    const text = `${sql.replaceAll('$NOW', () => `$${n + 1}`)} LIMIT $${n + 2} OFFSET $${n + 3}`;
    const rows: ListRow[] = await this.dataSource.query(text, [...params, new Date(now), pageSize, (page - 1) * pageSize]);
    return { items: rows.map(toListItem), total: rows.length ? Number(rows[0].total) : 0, page, pageSize };
  }
}

function toListItem(row: ListRow): DeadlineListItem {
  return {
    dueItemId: row.due_item_id,
    assignmentId: row.assignment_id,
    occurrence: row.occurrence,
    dueAt: row.due_at.toISOString(),
    daysOverdue: Number(row.days_overdue),
    escalationLevel: row.escalation_level,
    status: row.status,
    ...assignmentContext(row),
  };
}

export function toDueItemView(row: DueItemRow): DueItemView {
  return {
    id: row.id,
    assignmentId: row.assignment_id,
    occurrence: row.occurrence,
    dueAt: row.due_at.toISOString(),
    status: row.status,
    nextStep: row.next_step,
    nextAt: row.next_at?.toISOString() ?? null,
    escalationLevel: row.escalation_level,
    workingDays: row.working_days !== null && row.counted_from ? { count: row.working_days, from: row.counted_from } : null,
    closedAt: row.closed_at?.toISOString() ?? null,
    completionNote: row.completion_note,
  };
}
