import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { formatDuration, MAX_ESCALATION_STEPS, parseDuration } from '#config';
import type { DeadlinePolicyInput, FieldError } from '#contracts';
import { DomainError } from '#service-kit';
import type { DeadlinePolicy } from '#deadlines';
import { DEADLINE_SETTINGS, type DeadlineTimerSettings } from '#deadlines';

export interface StoredPolicy {
  policy: DeadlinePolicy;
  source: 'default' | 'plan';
  updatedBy: string | null;
  updatedAt: Date | null;
}

/** The policy each plan's deadlines follow: its own, or the service's default. */
@Injectable()
export class PolicyStore {
  constructor(@Inject(DEADLINE_SETTINGS) private readonly settings: DeadlineTimerSettings) {}

  get defaultPolicy(): DeadlinePolicy {
    return this.settings.defaultPolicy;
  }

  async forPlan(manager: EntityManager, planId: string): Promise<StoredPolicy> {
    const [row]: { reminders_ms: string[]; escalations_ms: string[]; updated_by: string; updated_at: Date }[] = await manager.query(
      'SELECT reminders_ms, escalations_ms, updated_by, updated_at FROM plan_policies WHERE plan_id = $1',
      [planId],
    );
    if (!row) return { policy: this.settings.defaultPolicy, source: 'default', updatedBy: null, updatedAt: null };
    return {
      policy: { remindersMs: row.reminders_ms.map(Number), escalationsMs: row.escalations_ms.map(Number) },
      source: 'plan',
      updatedBy: row.updated_by,
      updatedAt: row.updated_at,
    };
  }

  async save(manager: EntityManager, planId: string, policy: DeadlinePolicy | null, by: string): Promise<void> {
    if (!policy) {
      await manager.query('DELETE FROM plan_policies WHERE plan_id = $1', [planId]);
      return;
    }
    await manager.query(
      `INSERT INTO plan_policies (plan_id, reminders_ms, escalations_ms, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (plan_id) DO UPDATE SET reminders_ms = excluded.reminders_ms, escalations_ms = excluded.escalations_ms,
         updated_by = excluded.updated_by, updated_at = now()`,
      [planId, policy.remindersMs, policy.escalationsMs, by],
    );
  }
}

/** Durations as written ("7d") → a policy, or field errors naming each bad one. */
export function readPolicyInput(input: DeadlinePolicyInput): DeadlinePolicy {
  const errors: FieldError[] = [];
  const read = (values: unknown, field: 'reminders' | 'escalations'): number[] => {
    if (!Array.isArray(values)) {
      errors.push({ path: field, message: 'phải là một danh sách thời lượng, ví dụ ["7d", "1d"]' });
      return [];
    }
    return values.map((value, i) => {
      const ms = typeof value === 'string' ? parseDuration(value) : null;
      if (ms === null || ms <= 0) errors.push({ path: `${field}[${i}]`, message: `"${value}" không phải thời lượng như 5s, 30m, 12h, 7d` });
      return ms ?? 0;
    });
  };
  const remindersMs = read(input?.reminders, 'reminders');
  const escalationsMs = read(input?.escalations, 'escalations');
  if (new Set(remindersMs).size !== remindersMs.length) errors.push({ path: 'reminders', message: 'các lần nhắc phải khác nhau' });
  if (escalationsMs.length > MAX_ESCALATION_STEPS) {
    errors.push({ path: 'escalations', message: `tối đa ${MAX_ESCALATION_STEPS} bậc: Bí thư đơn vị, cơ quan theo dõi, Ban Thường vụ` });
  }
  if (escalationsMs.some((ms, i) => i > 0 && ms <= escalationsMs[i - 1])) {
    errors.push({ path: 'escalations', message: 'thời gian chờ của các bậc phải tăng dần' });
  }
  if (errors.length) throw DomainError.invalid('POLICY.INVALID', errors, 'Chính sách nhắc hạn chưa hợp lệ');
  return { remindersMs, escalationsMs };
}

export function writePolicy(policy: DeadlinePolicy): DeadlinePolicyInput {
  return { reminders: policy.remindersMs.map(formatDuration), escalations: policy.escalationsMs.map(formatDuration) };
}
