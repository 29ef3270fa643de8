import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { UnitRef } from '#contracts';
import {
  CLOCK,
  DueStepFiring,
  afterFiring,
  daysOverdue,
  nextAction,
  schedule,
  stepRef,
  type Clock,
  type DueItemState,
  type GroupOutcome,
} from '#deadlines';
import { EventBus } from '#messaging';
import { ReportDeadlineQueue } from './report-deadline-queue.js';
import { DUE_REPORT_GROUPS_SQL, REPORT_NOTICE_CHUNK, RESCHEDULE_REPORT_GROUP_SQL, fireReportGroupSql } from './report-firing.sql.js';
import { reportNoticeFor, reportReasonFor } from './report-notices.js';
import { ReportPolicies } from './report-policies.js';

interface DueReportGroup {
  obligation_id: string;
  period_key: string;
  plan_id: string;
  due_at: Date;
  grace_from: Date;
  fired_until: Date | null;
  escalation_level: number;
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
    private readonly queue: ReportDeadlineQueue,
    private readonly bus: EventBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super('ReportDeadlineFiring');
  }

  protected now(): number {
    return this.clock.now();
  }

  protected dueGroups(now: number, limit: number): Promise<DueReportGroup[]> {
    return this.dataSource.query(DUE_REPORT_GROUPS_SQL, [new Date(now), limit]);
  }

  protected async fireGroup(group: DueReportGroup, now: number): Promise<GroupOutcome> {
    const policy = await this.policies.forPlan(this.dataSource.manager, group.plan_id);
    const state: DueItemState = {
      dueAt: group.due_at.getTime(),
      graceFrom: group.grace_from.getTime(),
      firedUntil: group.fired_until ? group.fired_until.getTime() : null,
      escalationLevel: group.escalation_level,
    };
    const match = [group.obligation_id, group.period_key, group.due_at, group.grace_from, group.fired_until, group.escalation_level, new Date(now)];
    const action = nextAction(state, policy, now);
    if (action.type !== 'fire') {
      // Just opened ("due now" until worked out) or the plan's policy changed: store the real next step.
      const next = schedule(action);
      const [{ moved }] = await this.dataSource.query(RESCHEDULE_REPORT_GROUP_SQL, [...match, next.nextStep, toDate(next.nextAt)]);
      await this.queue.ensure([next.nextAt]);
      return { fired: 0, moved, events: 0 };
    }

    const step = action.step;
    const after = afterFiring(state, step);
    const following = schedule(nextAction(after, policy, now));
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
    let fired = 0;
    let events = 0;
    for (;;) {
      const [row]: { fired: number; events: number }[] = await this.dataSource.transaction((manager) =>
        manager.query(fireReportGroupSql(), [
          ...match,
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
      fired += row.fired;
      events += row.events;
      if (row.events) this.bus.published();
      if (row.fired < REPORT_FIRING_BATCH) break;
    }
    if (fired) await this.queue.ensure([following.nextAt]);
    return { fired, moved: 0, events };
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

function toDate(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}
