import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { pageWindow } from '#service-kit';
import { ASSIGNMENT_CONTEXT_COLUMNS, ASSIGNMENT_CONTEXT_JOINS, assignmentContext, type AssignmentContextRow } from './assignment-context.js';
import type { Actor, AssignmentFilter, AssignmentPage, AssignmentStatus, AssignmentView } from '#contracts';

interface AssignmentRow extends AssignmentContextRow {
  id: string;
  timeline: string;
  deadline_kind: AssignmentView['deadlineKind'];
  due_at: Date | null;
  status: AssignmentStatus;
  result_note: string | null;
  parent_assignment_id: string | null;
  created_at: Date;
  updated_at: Date;
  total?: string;
}

const SELECT = `
  SELECT a.*, ${ASSIGNMENT_CONTEXT_COLUMNS}, count(*) OVER () AS total
  FROM assignments a
  ${ASSIGNMENT_CONTEXT_JOINS}`;

/** Filters shared by the inbox and the subtree list; parameters start at $offset. */
function filterSql(filter: AssignmentFilter, offset: number): { sql: string; params: unknown[] } {
  return {
    sql: `AND ($${offset}::text IS NULL OR a.status = $${offset})
      AND ($${offset + 1}::timestamptz IS NULL OR a.due_at <= $${offset + 1})
      AND ($${offset + 2}::timestamptz IS NULL OR a.due_at >= $${offset + 2})`,
    params: [filter.status ?? null, filter.dueBefore ?? null, filter.dueAfter ?? null],
  };
}

const ORDER = 'ORDER BY a.due_at ASC NULLS LAST, a.task_number, u.code';

/**
 * Reads are limited in SQL: the inbox to the caller's own unit, everything else to the caller's
 * subtree through the local tree copy (`u.path <@ actor path`). A sibling's or parent's
 * assignment is simply not found.
 */
@Injectable()
export class AssignmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async inbox(actor: Actor, filter: AssignmentFilter): Promise<AssignmentPage> {
    const { sql, params } = filterSql(filter, 2);
    return this.page(`${SELECT} WHERE a.unit_id = $1 ${sql} ${ORDER}`, [actor.unitId, ...params], filter);
  }

  async subtree(actor: Actor, filter: AssignmentFilter & { planId?: string; unitCode?: string }): Promise<AssignmentPage> {
    const { sql, params } = filterSql(filter, 4);
    return this.page(
      `${SELECT} WHERE u.path <@ $1::ltree AND ($2::uuid IS NULL OR a.plan_id = $2) AND ($3::text IS NULL OR u.code = $3)
       ${sql} ${ORDER}`,
      [actor.unitPath, filter.planId ?? null, filter.unitCode ?? null, ...params],
      filter,
    );
  }

  async findVisible(manager: EntityManager, actor: Actor, id: string): Promise<AssignmentView | null> {
    const [row]: AssignmentRow[] = await manager.query(`${SELECT} WHERE a.id = $1 AND u.path <@ $2::ltree`, [id, actor.unitPath]);
    return row ? toView(row) : null;
  }

  private async page(sql: string, params: unknown[], filter: AssignmentFilter): Promise<AssignmentPage> {
    const { page, pageSize, offset } = pageWindow(filter.page, filter.pageSize);
    const n = params.length;
    const rows: AssignmentRow[] = await this.dataSource.query(`${sql} LIMIT $${n + 1} OFFSET $${n + 2}`, [...params, pageSize, offset]);
    return { items: rows.map(toView), total: rows.length ? Number(rows[0].total) : 0, page, pageSize };
  }
}

function toView(row: AssignmentRow): AssignmentView {
  const context = assignmentContext(row);
  return {
    id: row.id,
    ...context,
    task: { ...context.task, timeline: row.timeline },
    deadlineKind: row.deadline_kind,
    dueAt: row.due_at ? row.due_at.toISOString() : null,
    status: row.status,
    resultNote: row.result_note,
    parentAssignmentId: row.parent_assignment_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
