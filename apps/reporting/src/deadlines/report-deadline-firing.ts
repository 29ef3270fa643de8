import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { UnitRef } from '#contracts';
import { CLOCK, DueStepFiring, daysOverdue, stepRef, type Clock, type DeadlinePolicy, type DueGroupState, type NextStep, type StepToFire } from '#deadlines';
import { EventBus } from '#messaging';
import { ReportDeadlineQueue } from './report-deadline-queue.js';
import { DUE_REPORT_GROUPS_SQL, REPORT_NOTICE_CHUNK, RESCHEDULE_REPORT_GROUP_SQL, fireReportGroupSql } from './report-firing.sql.js';
import { reportNoticeFor, reportReasonFor } from './report-notices.js';
import { ReportPolicies } from './report-policies.js';

interface DueReportGroup extends DueGroupState {
  obligation_id: string;
  period_key: string;
  plan_id: string;
  next_at: Date;
  items: number;
}

/** What every notice of one obligation and period says, and who is told above the reporting unit. */
interface ObligationInfo {
  plan_symbol: string;
  plan_title: string;
  obligation_code: string;
  obligation_title: string;
  period_label: string;
  /** The unit the reports go to (the addressee if inside the issuer's subtree, else the issuer). */
  receiver: UnitRef;
  /** The monitoring body they go through, if it is a unit inside the issuer's subtree. */
  monitoring: UnitRef | null;
}

/** Reports fired per statement: bounded transactions, and other replicas take other batches meanwhile. */
export const REPORT_FIRING_BATCH = 10_000;

/**
 * Fires the due steps of expected reports not yet submitted, group by group (reports of one
 * obligation and period sharing a deadline and progress), each group set-based
 * (report-firing.sql.ts); the loop and its guarantees are DueStepFiring's, the policy and the
 * audience of each step are the same as assignments' (libs/deadlines).
 */
@Injectable()
export class ReportDeadlineFiring extends DueStepFiring<DueReportGroup> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: ReportPolicies,
    queue: ReportDeadlineQueue,
    bus: EventBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super('ReportDeadlineFiring', queue, () => bus.published());
  }

  protected now(): number {
    return this.clock.now();
  }

  protected dueGroups(now: number, limit: number): Promise<DueReportGroup[]> {
    return this.dataSource.query(DUE_REPORT_GROUPS_SQL, [new Date(now), limit]);
  }

  protected policyFor(group: DueReportGroup): Promise<DeadlinePolicy> {
    return this.policies.forPlan(this.dataSource.manager, group.plan_id);
  }

  protected async reschedule(group: DueReportGroup, now: number, next: NextStep): Promise<number> {
    const [{ moved }] = await this.dataSource.query(RESCHEDULE_REPORT_GROUP_SQL, [...match(group, now), next.nextStep, toDate(next.nextAt)]);
    return moved;
  }

  protected async fireStep(group: DueReportGroup, now: number, { step, state, after, following }: StepToFire) {
    const notice = reportNoticeFor(step);
    const info = await this.obligationInfo(group);
    const target = notice.targetUnit === 'owner' ? null : notice.targetUnit === 'monitoring' ? (info.monitoring ?? info.receiver) : info.receiver;
    const reason = reportReasonFor(step, state.dueAt, now, info.period_label);
    const data = {
      step: stepRef(step),
      plan: { id: group.plan_id, symbol: info.plan_symbol, title: info.plan_title },
      obligation: { id: group.obligation_id, code: info.obligation_code, title: info.obligation_title },
      period: { key: group.period_key, label: info.period_label },
      dueAt: group.due_at.toISOString(),
      receivingUnit: info.receiver,
      reason,
      firedAt: new Date(now).toISOString(),
    };
    const correlationId = randomUUID();
    return this.inBatches(REPORT_FIRING_BATCH, group.items, async () => {
      const [row]: { fired: number; events: number }[] = await this.dataSource.transaction((manager) =>
        manager.query(fireReportGroupSql(), [
          ...match(group, now),
          REPORT_FIRING_BATCH,
          toDate(after.firedUntil),
          after.escalationLevel,
          following.nextStep,
          toDate(following.nextAt),
          step.key,
          notice.history,
          target?.id ?? null,
          REPORT_NOTICE_CHUNK,
          notice.role,
          reason,
          JSON.stringify(data),
          notice.capacity,
          daysOverdue(state.dueAt, now),
          notice.subject,
          correlationId,
          randomUUID(),
        ]),
      );
      return row;
    });
  }

  /**
   * Never above the issuer: the addressee and the monitoring body count only inside the plan
   * issuer's subtree (a plan may name a body it does not command); otherwise the issuer is told.
   */
  private async obligationInfo(group: DueReportGroup): Promise<ObligationInfo> {
    const [row]: ObligationInfo[] = await this.dataSource.query(
      `SELECT p.symbol AS plan_symbol, p.title AS plan_title, o.code AS obligation_code, o.title AS obligation_title,
         rp.label AS period_label,
         COALESCE(
           (SELECT jsonb_build_object('id', t.id::text, 'code', t.code, 'name', t.name) FROM units t
            WHERE t.id = (o.to_unit->>'id')::bigint AND t.path <@ p.issuer_path),
           (SELECT jsonb_build_object('id', i.id::text, 'code', i.code, 'name', i.name) FROM units i WHERE i.id = p.issuer_id),
           p.issuer) AS receiver,
         (SELECT jsonb_build_object('id', m.id::text, 'code', m.code, 'name', m.name) FROM units m
          WHERE m.id = (o.through_unit->>'id')::bigint AND m.path <@ p.issuer_path) AS monitoring
       FROM obligations o
       JOIN plans p ON p.id = o.plan_id
       JOIN report_periods rp ON rp.obligation_id = o.id AND rp.period_key = $2
       WHERE o.id = $1`,
      [group.obligation_id, group.period_key],
    );
    return row;
  }
}

/** The SQL parameters naming one group ($1–$6) of reports due at `now` ($7): see report-firing.sql.ts. */
function match(group: DueReportGroup, now: number): unknown[] {
  return [group.obligation_id, group.period_key, group.due_at, group.grace_from, group.fired_until, group.escalation_level, new Date(now)];
}

function toDate(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}
