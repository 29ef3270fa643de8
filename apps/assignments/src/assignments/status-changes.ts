import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventSubjects, type AssignmentStatus, type AssignmentStatusChangedEvent, type EventEnvelope } from '#contracts';
import { appendToOutbox } from '#persistence';

interface ChangedRow {
  id: string;
  plan_id: string;
  task_id: string;
  unit_id: string;
  from_status: AssignmentStatus;
}

/** Writes status changes and their `assignments.assignment.status-changed` events together. */
@Injectable()
export class StatusChanges {
  async apply(
    manager: EntityManager,
    ids: string[],
    allowedFrom: AssignmentStatus[],
    to: AssignmentStatus,
    change: { resultNote: string | null; changedBy: string; correlationId: string; causationId: string | null },
    unitId?: string,
  ): Promise<number> {
    if (!ids.length) return 0;
    // Wrapped in a CTE so the driver hands back the rows (a bare UPDATE returns [rows, count]).
    const rows: ChangedRow[] = await manager.query(
      `WITH changed AS (
         UPDATE assignments a SET status = $3, result_note = COALESCE($4, a.result_note), updated_at = now()
         FROM (SELECT id, status FROM assignments WHERE id = ANY($1::uuid[]) FOR UPDATE) old
         WHERE a.id = old.id AND old.status = ANY($2::text[]) AND ($5::bigint IS NULL OR a.unit_id = $5)
         RETURNING a.id, a.plan_id, a.task_id, a.unit_id::text AS unit_id, old.status AS from_status
       )
       SELECT * FROM changed`,
      [ids, allowedFrom, to, change.resultNote, unitId ?? null],
    );
    const events: AssignmentStatusChangedEvent[] = rows.map((row) => ({
      assignmentId: row.id,
      planId: row.plan_id,
      taskId: row.task_id,
      unitId: row.unit_id,
      from: row.from_status,
      to,
      resultNote: change.resultNote,
      changedBy: change.changedBy,
    }));
    await appendToOutbox(manager, EventSubjects.assignmentStatusChanged, events, change);
    if (to === 'done' && rows.length) await this.cancelPendingSteps(manager, rows.map((row) => row.id), change.changedBy);
    return rows.length;
  }

  /**
   * Finished work is watched no more: its open due items close and their pending steps are
   * cancelled, in the same transaction. A timer already set for that instant still rings, finds
   * nothing due for these items, and does nothing (timers are shared per instant, so none is removed).
   */
  private async cancelPendingSteps(manager: EntityManager, assignmentIds: string[], by: string): Promise<void> {
    await manager.query(
      `WITH closed AS (
         UPDATE due_items SET status = 'done', next_step = NULL, next_at = NULL, closed_at = now(), updated_at = now()
         WHERE assignment_id = ANY($1::uuid[]) AND status = 'open'
         RETURNING id, assignment_id, due_at, next_step
       )
       INSERT INTO assignment_history (assignment_id, due_item_id, kind, deadline_at, reason, actor)
       SELECT assignment_id, id, 'steps-cancelled', due_at,
         'Đã hoàn thành: dừng nhắc hạn và báo quá hạn' || COALESCE(' (bước kế tiếp là ' || next_step || ')', ''), $2
       FROM closed`,
      [assignmentIds, by],
    );
  }

  /** A unit that issues a plan implementing its assignments has started on them. */
  startLinkedParents(manager: EntityManager, ids: string[], issuerId: string, cause: EventEnvelope): Promise<number> {
    return this.apply(
      manager,
      ids,
      ['new', 'acknowledged'],
      'in_progress',
      { resultNote: null, changedBy: 'system', correlationId: cause.correlationId, causationId: cause.id },
      issuerId,
    );
  }
}
