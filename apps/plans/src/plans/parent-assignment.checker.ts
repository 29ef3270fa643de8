import { Injectable } from '@nestjs/common';
import { RpcPatterns, type Actor, type AssignmentView, type FieldError, type GetAssignmentRequest } from '#contracts';
import { formatLocalDate } from '#timeline';
import { DomainError, ServiceRpc } from '#service-kit';
import type { CheckedPlan } from './plan-input.validator.js';

/**
 * A lower unit's plan implements assignments it received. Each linked assignment must be one the
 * issuing unit received, and no task may fall due after the assignment it implements.
 */
@Injectable()
export class ParentAssignmentChecker {
  constructor(private readonly rpc: ServiceRpc) {}

  async check(actor: Actor, plan: CheckedPlan, issuerId: string, errors: FieldError[]): Promise<void> {
    const parents = new Map<string, AssignmentView | null>();
    const linkOf = (i: number) => plan.tasks[i].parentAssignmentId ?? plan.input.parentAssignmentId;
    for (const id of new Set(plan.tasks.map((_, i) => linkOf(i)).filter(Boolean) as string[])) {
      parents.set(id, await this.load(actor, id));
    }
    if (plan.input.parentAssignmentId && !parents.get(plan.input.parentAssignmentId)) {
      errors.push({ path: 'parentAssignmentId', message: 'Không tìm thấy nhiệm vụ cấp trên được liên kết' });
    }
    plan.tasks.forEach((task, i) => {
      const id = linkOf(i);
      if (!id) return;
      const parent = parents.get(id);
      const path = task.parentAssignmentId ? `tasks[${i}].parentAssignmentId` : 'parentAssignmentId';
      if (!parent) {
        if (task.parentAssignmentId) errors.push({ path, message: 'Không tìm thấy nhiệm vụ cấp trên được liên kết' });
        return;
      }
      if (parent.unit.id !== issuerId) {
        errors.push({ path, message: 'Nhiệm vụ cấp trên này không giao cho đơn vị ban hành kế hoạch' });
        return;
      }
      if (parent.dueAt && task.dueAt && task.dueAt > parent.dueAt) {
        errors.push({
          path: `tasks[${i}].timeline`,
          message: `Thời hạn "${task.timeline}" (${formatLocalDate(task.dueAt)}) muộn hơn thời hạn của nhiệm vụ cấp trên (${formatLocalDate(parent.dueAt)})`,
        });
      }
    });
  }

  private async load(actor: Actor, assignmentId: string): Promise<AssignmentView | null> {
    try {
      return await this.rpc.send<AssignmentView>(RpcPatterns.assignments.get, { actor, assignmentId } satisfies GetAssignmentRequest);
    } catch (error) {
      if (error instanceof DomainError && (error.status === 404 || error.status === 400)) return null;
      throw error;
    }
  }
}
