import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor, AssignmentPage, AssignmentView, InboxRequest, ListAssignmentsRequest, TransitionAssignmentRequest } from '#contracts';
import { EventBus } from '#messaging';
import { assertCanWrite, DomainError, isUuid } from '#service-kit';
import { judgeTransition } from './assignment-status.policy.js';
import { AssignmentsRepository } from './assignments.repository.js';
import { StatusChanges } from './status-changes.js';

const NOT_FOUND = () => DomainError.notFound('ASSIGNMENT.NOT_FOUND', 'nhiệm vụ được giao');

@Injectable()
export class AssignmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assignments: AssignmentsRepository,
    private readonly statusChanges: StatusChanges,
    private readonly bus: EventBus,
  ) {}

  inbox(request: InboxRequest): Promise<AssignmentPage> {
    return this.assignments.inbox(request.actor, request);
  }

  list(request: ListAssignmentsRequest): Promise<AssignmentPage> {
    return this.assignments.subtree(request.actor, request);
  }

  async get(actor: Actor, id: string): Promise<AssignmentView> {
    if (!isUuid(id)) throw NOT_FOUND();
    const view = await this.assignments.findVisible(this.dataSource.manager, actor, id);
    if (!view) throw NOT_FOUND();
    return view;
  }

  /** Only the assigned unit reports its own progress; upper units watch. */
  async transition({ actor, assignmentId, status, resultNote }: TransitionAssignmentRequest): Promise<AssignmentView> {
    const current = await this.get(actor, assignmentId);
    if (current.unit.id !== actor.unitId) {
      throw DomainError.forbidden('Chỉ đơn vị được giao mới cập nhật tiến độ nhiệm vụ này');
    }
    assertCanWrite(actor);
    const verdict = judgeTransition(current.status, status, resultNote);
    if (!verdict.ok) throw DomainError.conflict(verdict.code, verdict.message);
    if (!verdict.changed) return current;
    const applied = await this.dataSource.transaction((manager) =>
      this.statusChanges.apply(manager, [assignmentId], [current.status], status, {
        resultNote: resultNote?.trim() || null,
        changedBy: actor.userId,
        correlationId: actor.correlationId ?? randomUUID(),
        causationId: null,
      }),
    );
    // Someone else changed it between our read and write: tell the caller rather than guess.
    if (applied === 0) throw DomainError.conflict('ASSIGNMENT.CHANGED', 'Nhiệm vụ vừa được cập nhật bởi người khác, vui lòng tải lại');
    this.bus.published();
    return this.get(actor, assignmentId);
  }
}
