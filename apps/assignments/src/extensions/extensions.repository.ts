import type { EntityManager } from 'typeorm';
import { ASSIGNMENT_CONTEXT_COLUMNS, ASSIGNMENT_CONTEXT_JOINS, assignmentContext, type AssignmentContextRow } from '../assignments/assignment-context.js';
import type { Actor, ExtensionPage, ExtensionStatus, ExtensionView, PageQuery } from '#contracts';

const SELECT = `
  SELECT e.*, d.occurrence, ${ASSIGNMENT_CONTEXT_COLUMNS},
    count(*) OVER () AS total
  FROM extension_requests e
  JOIN due_items d ON d.id = e.due_item_id
  JOIN assignments a ON a.id = e.assignment_id
  ${ASSIGNMENT_CONTEXT_JOINS}`;

interface ExtensionRow extends AssignmentContextRow {
  id: string;
  assignment_id: string;
  due_item_id: string;
  occurrence: string;
  reason: string;
  current_due_at: Date;
  requested_date: string;
  status: ExtensionStatus;
  decided_due_at: Date | null;
  decision_note: string | null;
  requested_by: string;
  decided_by: string | null;
  created_at: Date;
  decided_at: Date | null;
  total: string;
}

export async function extensionsOf(manager: EntityManager, assignmentId: string): Promise<ExtensionView[]> {
  const rows: ExtensionRow[] = await manager.query(`${SELECT} WHERE e.assignment_id = $1 ORDER BY e.created_at`, [assignmentId]);
  return rows.map(toExtensionView);
}

export async function findExtension(manager: EntityManager, id: string, lock = false): Promise<ExtensionView | null> {
  // Locked first on its own: FOR UPDATE cannot share a query with the window function.
  if (lock) await manager.query('SELECT 1 FROM extension_requests WHERE id = $1 FOR UPDATE', [id]);
  const [row]: ExtensionRow[] = await manager.query(`${SELECT} WHERE e.id = $1`, [id]);
  return row ? toExtensionView(row) : null;
}

/**
 * Incoming: requests about work the caller's unit assigned (it decides them); outgoing: the
 * caller's unit's own requests. Never anything else.
 */
export async function listExtensions(
  manager: EntityManager,
  actor: Actor,
  direction: 'incoming' | 'outgoing',
  status: ExtensionStatus | undefined,
  query: PageQuery,
): Promise<ExtensionPage> {
  const page = Math.max(1, query.page ?? 1);
  const pageSize = Math.min(200, Math.max(1, query.pageSize ?? 20));
  const column = direction === 'incoming' ? 'a.assigner_unit_id' : 'a.unit_id';
  const rows: ExtensionRow[] = await manager.query(
    `${SELECT} WHERE ${column} = $1 AND ($2::text IS NULL OR e.status = $2) ORDER BY e.created_at DESC LIMIT $3 OFFSET $4`,
    [actor.unitId, status ?? null, pageSize, (page - 1) * pageSize],
  );
  return { items: rows.map(toExtensionView), total: rows.length ? Number(rows[0].total) : 0, page, pageSize };
}

function toExtensionView(row: ExtensionRow): ExtensionView {
  return {
    id: row.id,
    assignmentId: row.assignment_id,
    dueItemId: row.due_item_id,
    occurrence: row.occurrence,
    ...assignmentContext(row),
    reason: row.reason,
    currentDueAt: row.current_due_at.toISOString(),
    requestedDate: row.requested_date,
    status: row.status,
    decidedDueAt: row.decided_due_at?.toISOString() ?? null,
    decisionNote: row.decision_note,
    requestedBy: row.requested_by,
    decidedBy: row.decided_by,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
  };
}
