import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  EventSubjects,
  type Actor,
  type DecideExtensionRequest,
  type ExtensionPage,
  type ExtensionView,
  type FieldError,
  type ListExtensionsRequest,
  type NoticeTarget,
  type RequestExtensionRequest,
} from '#contracts';
import { EventBus } from '#messaging';
import { appendToOutbox } from '#persistence';
import { assertCanWrite, DomainError } from '#service-kit';
import { endOfLocalDay, formatLocalDate } from '#timeline';
import { AssignmentsRepository } from '../assignments/assignments.repository.js';
import { CLOCK, type Clock } from '#deadlines';
import { announceDeadlineChange, moveDueItem } from '../deadlines/deadline-change.js';
import { DeadlineQueue } from '../deadlines/deadline-queue.js';
import { isUuid } from '../deadlines/deadlines.service.js';
import { PolicyStore } from '../deadlines/policy-store.js';
import { findExtension, listExtensions } from './extensions.repository.js';

const NOT_FOUND = () => DomainError.notFound('EXTENSION.NOT_FOUND', 'đề nghị gia hạn');
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

interface DueItemRow {
  id: string;
  due_at: Date;
  status: string;
}

/**
 * Gia hạn: the unit that has the work asks for a later day, with a reason; the unit that assigned
 * it approves (possibly a nearer day) or refuses. Approval moves the deadline: the steps start
 * over for the new one, plans linked to the assignment are re-checked, and everyone concerned is
 * told through the outbox.
 */
@Injectable()
export class ExtensionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assignments: AssignmentsRepository,
    private readonly policies: PolicyStore,
    private readonly queue: DeadlineQueue,
    private readonly bus: EventBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async request({ actor, assignmentId, dueItemId, newDueDate, reason }: RequestExtensionRequest): Promise<ExtensionView> {
    const assignment = isUuid(assignmentId) ? await this.assignments.findVisible(this.dataSource.manager, actor, assignmentId) : null;
    if (!assignment) throw DomainError.notFound('ASSIGNMENT.NOT_FOUND', 'nhiệm vụ được giao');
    if (assignment.unit.id !== actor.unitId) throw DomainError.forbidden('Chỉ đơn vị được giao mới đề nghị gia hạn');
    assertCanWrite(actor);
    const errors: FieldError[] = [];
    if (!reason?.trim()) errors.push({ path: 'reason', message: 'Cần nêu lý do đề nghị gia hạn' });
    const requestedAt = validDate(newDueDate);
    if (requestedAt === null) errors.push({ path: 'newDueDate', message: `Ngày "${newDueDate}" không hợp lệ (dạng YYYY-MM-DD)` });
    if (errors.length) throw DomainError.invalid('EXTENSION.INVALID', errors);

    const id = await this.dataSource.transaction(async (manager) => {
      const item = await this.openItem(manager, assignmentId, dueItemId);
      if (requestedAt! <= item.due_at.getTime()) {
        throw DomainError.invalid('EXTENSION.INVALID', [
          { path: 'newDueDate', message: `Ngày đề nghị phải sau thời hạn hiện tại (${formatLocalDate(item.due_at.toISOString())})` },
        ]);
      }
      const [pending] = await manager.query(`SELECT 1 FROM extension_requests WHERE due_item_id = $1 AND status = 'pending'`, [item.id]);
      if (pending) throw DomainError.conflict('EXTENSION.PENDING', 'Đã có đề nghị gia hạn đang chờ quyết định');
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO extension_requests (assignment_id, due_item_id, reason, current_due_at, requested_date, requested_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [assignmentId, item.id, reason.trim(), item.due_at, newDueDate, actor.userId],
      );
      const extension = (await findExtension(manager, id))!;
      const target = this.target(extension.assigner, 'office', 'assigning-unit');
      const [event] = await appendToOutbox(manager, EventSubjects.extensionRequested, [{ extension, target }], this.meta(actor));
      await this.history(manager, extension, 'extension-requested', target, `Đề nghị gia hạn đến ${formatLocalDate(endOfLocalDay(newDueDate))}: ${reason.trim()}`, actor, event.id);
      return id;
    });
    this.bus.published();
    return (await findExtension(this.dataSource.manager, id))!;
  }

  async decide({ actor, extensionId, approve, note, dueDate }: DecideExtensionRequest): Promise<ExtensionView> {
    if (!isUuid(extensionId)) throw NOT_FOUND();
    const found = await findExtension(this.dataSource.manager, extensionId);
    // Visible only to who sees the assignment: the unit itself and the units above it.
    if (!found || !(await this.assignments.findVisible(this.dataSource.manager, actor, found.assignmentId))) throw NOT_FOUND();
    if (actor.role !== 'admin' && found.assigner.id !== actor.unitId) {
      throw DomainError.forbidden('Chỉ đơn vị giao nhiệm vụ mới quyết định gia hạn');
    }
    assertCanWrite(actor);
    const grantedAt = approve ? validDate(dueDate ?? found.requestedDate) : null;
    if (approve && grantedAt === null) throw DomainError.invalid('EXTENSION.INVALID', [{ path: 'dueDate', message: `Ngày "${dueDate}" không hợp lệ (dạng YYYY-MM-DD)` }]);
    const now = this.clock.now();
    const timers: number[] = [];

    await this.dataSource.transaction(async (manager) => {
      const extension = await findExtension(manager, extensionId, true);
      if (extension?.status !== 'pending') throw DomainError.conflict('EXTENSION.DECIDED', 'Đề nghị gia hạn này đã được quyết định');
      const [item]: (DueItemRow & { working_days: number | null })[] = await manager.query(
        'SELECT id, due_at, status, working_days FROM due_items WHERE id = $1 FOR UPDATE',
        [extension.dueItemId],
      );
      if (approve) {
        if (item.status !== 'open') throw DomainError.conflict('EXTENSION.CLOSED', 'Nhiệm vụ đã kết thúc, không cần gia hạn');
        if (grantedAt! <= item.due_at.getTime()) {
          throw DomainError.invalid('EXTENSION.INVALID', [
            { path: 'dueDate', message: `Ngày gia hạn phải sau thời hạn hiện tại (${formatLocalDate(item.due_at.toISOString())})` },
          ]);
        }
        await this.checkParent(manager, extension.assignmentId, grantedAt!);
        const { policy } = await this.policies.forPlan(manager, extension.plan.id);
        const nextAt = await moveDueItem(manager, item.id, grantedAt!, policy, now, null);
        if (nextAt !== null) timers.push(nextAt);
      }
      await manager.query(
        `UPDATE extension_requests SET status = $2, decided_due_at = $3, decision_note = $4, decided_by = $5, decided_at = now() WHERE id = $1`,
        [extensionId, approve ? 'approved' : 'refused', approve ? new Date(grantedAt!) : null, note?.trim() || null, actor.userId],
      );
      const decided = (await findExtension(manager, extensionId))!;
      const target = this.target(decided.unit, 'office', 'assigned-unit');
      const meta = this.meta(actor);
      const [event] = await appendToOutbox(manager, EventSubjects.extensionDecided, [{ extension: decided, target }], meta);
      const why = approve
        ? `Đồng ý gia hạn đến ${formatLocalDate(new Date(grantedAt!).toISOString())}${note?.trim() ? `: ${note.trim()}` : ''}`
        : `Không đồng ý gia hạn${note?.trim() ? `: ${note.trim()}` : ''}`;
      await this.history(manager, decided, approve ? 'extension-approved' : 'extension-refused', target, why, actor, event.id);
      if (approve) {
        await announceDeadlineChange(
          manager,
          { assignmentId: decided.assignmentId, dueItemId: decided.dueItemId, previousDueAt: item.due_at.getTime(), dueAt: grantedAt!, reason: 'extension' },
          { ...meta, causationId: event.id },
        );
      }
    });
    this.bus.published();
    await this.queue.ensure(timers);
    return (await findExtension(this.dataSource.manager, extensionId))!;
  }

  list({ actor, direction, status, ...page }: ListExtensionsRequest): Promise<ExtensionPage> {
    return listExtensions(this.dataSource.manager, actor, direction ?? 'incoming', status, page);
  }

  /** An open due item of the assignment: the one named, or the earliest. */
  private async openItem(manager: EntityManager, assignmentId: string, dueItemId: string | undefined): Promise<DueItemRow> {
    if (dueItemId && !isUuid(dueItemId)) throw DomainError.notFound('DUE_ITEM.NOT_FOUND', 'kỳ thực hiện');
    const [item]: DueItemRow[] = await manager.query(
      `SELECT id, due_at, status FROM due_items
       WHERE assignment_id = $1 AND ($2::uuid IS NULL OR id = $2) AND status = 'open'
       ORDER BY due_at LIMIT 1 FOR UPDATE`,
      [assignmentId, dueItemId ?? null],
    );
    if (!item) throw DomainError.conflict('EXTENSION.NOTHING_DUE', 'Nhiệm vụ không có thời hạn nào đang chờ để gia hạn');
    return item;
  }

  /** Child ≤ parent: the work cannot be extended past the deadline of the assignment it implements. */
  private async checkParent(manager: EntityManager, assignmentId: string, dueAt: number): Promise<void> {
    const [parent]: { due_at: Date | null; symbol: string }[] = await manager.query(
      `SELECT p.due_at, p.plan_symbol AS symbol FROM assignments c JOIN assignments p ON p.id = c.parent_assignment_id WHERE c.id = $1`,
      [assignmentId],
    );
    if (parent?.due_at && dueAt > parent.due_at.getTime()) {
      throw DomainError.conflict(
        'EXTENSION.EXCEEDS_PARENT',
        `Không gia hạn quá thời hạn của nhiệm vụ cấp trên (${parent.symbol}: ${formatLocalDate(parent.due_at.toISOString())})`,
      );
    }
  }

  private async history(
    manager: EntityManager,
    extension: ExtensionView,
    kind: string,
    target: NoticeTarget,
    reason: string,
    actor: Actor,
    eventId: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO assignment_history (assignment_id, due_item_id, kind, deadline_at, target_unit_id, target_role, reason, actor, event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [extension.assignmentId, extension.dueItemId, kind, extension.currentDueAt, target.unitId, target.role, reason, actor.userId, eventId],
    );
  }

  private target(unit: { id: string; code: string; name: string }, role: NoticeTarget['role'], capacity: NoticeTarget['capacity']): NoticeTarget {
    return { unitId: unit.id, unitCode: unit.code, unitName: unit.name, role, capacity };
  }

  private meta(actor: Actor) {
    return { correlationId: actor.correlationId ?? randomUUID() };
  }
}

/** End of a local day (`YYYY-MM-DD`) as epoch ms, or null when it is no real day. */
function validDate(date: string | undefined): number | null {
  if (!date || !ISO_DATE.test(date)) return null;
  try {
    return Date.parse(endOfLocalDay(date));
  } catch {
    return null;
  }
}
