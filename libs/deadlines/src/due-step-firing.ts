import { Logger } from '@nestjs/common';
import { afterFiring, nextAction, schedule, type DeadlinePolicy, type DueItemState, type Step } from './deadline.policy.js';
import type { DeadlineTimerQueue } from './timer-queue.js';

export interface FiringReport {
  groups: number;
  fired: number;
  events: number;
}

export interface GroupOutcome {
  /** Items whose step fired. */
  fired: number;
  /** Items whose next step moved instead (nothing due after all: the policy changed). */
  moved: number;
  /** Notice events written to the outbox. */
  events: number;
}

/** What the timers and the sweep call: fire whatever is due now (or at `now`). */
export interface FiresDueSteps {
  fireDue(now?: number): Promise<FiringReport>;
}

/** What the policy reads of a group: the deadline and progress its rows share. */
export interface DueGroupState {
  due_at: Date;
  grace_from: Date;
  fired_until: Date | null;
  escalation_level: number;
}

/** The next step, as stored: its key and instant (null: nothing left). */
export interface NextStep {
  nextStep: string | null;
  nextAt: number | null;
}

/** A step to fire for a group: the step, the state before and after it, and the step after it. */
export interface StepToFire {
  step: Step;
  state: DueItemState;
  after: DueItemState;
  following: NextStep;
  policy: DeadlinePolicy;
}

/** Batch statements of one group run at once (each on its own pooled connection). */
const PARALLEL_BATCHES = 3;

/** Groups read per round: a round fires them one by one, then looks again. */
const GROUPS_PER_ROUND = 100;

/**
 * Fires every step that is due, group by group: items that share everything the policy reads (the
 * same deadline, grace start and progress) share their next step, so a group is fired set-based
 * whatever its size. Subclasses say what a group is and how one fires (their SQL); this holds what
 * every kind of deadline does alike:
 * - one run at a time per process: a call during a run makes that run go round once more (with a
 *   fresh `now`) instead of competing for the same rows;
 * - a round fires the groups due, then looks again, since a group that just fired may have its next
 *   step due too (catching up after downtime), until nothing is left or only rows another replica
 *   holds remain (firing SQL takes rows FOR UPDATE SKIP LOCKED).
 * Called by the BullMQ timer of an instant and by the sweep; safe anywhere, any number of times.
 */
export abstract class DueStepFiring<Group extends DueGroupState> implements FiresDueSteps {
  protected readonly logger: Logger;
  private running: Promise<FiringReport> | null = null;
  private again = false;

  /** `published` is called after a batch wrote events to the outbox (the relay sends them now). */
  protected constructor(
    name: string,
    private readonly timers: DeadlineTimerQueue,
    private readonly published: () => void,
  ) {
    this.logger = new Logger(name);
  }

  /** The current time (a fake clock in tests). */
  protected abstract now(): number;
  /** Up to `limit` groups with a step due at `now`, the earliest first. */
  protected abstract dueGroups(now: number, limit: number): Promise<Group[]>;
  /** The policy the group's rows follow (their plan's). */
  protected abstract policyFor(group: Group): Promise<DeadlinePolicy>;
  /** Stores `next` as the next step of the group's due rows (nothing was due after all); returns the rows moved. */
  protected abstract reschedule(group: Group, now: number, next: NextStep): Promise<number>;
  /**
   * Fires `fire.step` for the group's due rows, set-based in batches (see `inBatches`), with their
   * history and notice events; returns what fired and any further instants to time.
   */
  protected abstract fireStep(group: Group, now: number, fire: StepToFire): Promise<{ fired: number; events: number; timers?: (number | null)[] }>;

  fireDue(now?: number): Promise<FiringReport> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = (async () => {
      const total: FiringReport = { groups: 0, fired: 0, events: 0 };
      try {
        do {
          this.again = false;
          const report = await this.fireAllDue(now ?? this.now());
          total.groups += report.groups;
          total.fired += report.fired;
          total.events += report.events;
        } while (this.again && now === undefined);
      } finally {
        this.running = null;
      }
      return total;
    })();
    this.running = run;
    return run;
  }

  private async fireAllDue(now: number): Promise<FiringReport> {
    const report: FiringReport = { groups: 0, fired: 0, events: 0 };
    for (;;) {
      const groups = await this.dueGroups(now, GROUPS_PER_ROUND);
      let progress = 0;
      for (const group of groups) {
        const outcome = await this.fireGroup(group, now);
        progress += outcome.fired + outcome.moved;
        report.fired += outcome.fired;
        report.events += outcome.events;
        if (outcome.fired) report.groups++;
      }
      if (groups.length === 0 || progress === 0) break;
    }
    if (report.fired) {
      this.logger.log(`fired ${report.fired} step(s) in ${report.groups} group(s), ${report.events} event(s)`);
    }
    return report;
  }

  /** The policy decides once per group; the rows follow, set-based. */
  private async fireGroup(group: Group, now: number): Promise<GroupOutcome> {
    const policy = await this.policyFor(group);
    const state: DueItemState = {
      dueAt: group.due_at.getTime(),
      graceFrom: group.grace_from.getTime(),
      firedUntil: group.fired_until ? group.fired_until.getTime() : null,
      escalationLevel: group.escalation_level,
    };
    const action = nextAction(state, policy, now);
    if (action.type !== 'fire') {
      // Nothing due after all (the plan's policy changed, or the rows were created "due now" to
      // be worked out here): store the real next step.
      const next = schedule(action);
      const moved = await this.reschedule(group, now, next);
      await this.timers.ensure([next.nextAt]);
      return { fired: 0, moved, events: 0 };
    }
    const after = afterFiring(state, action.step);
    const fire: StepToFire = { step: action.step, state, after, following: schedule(nextAction(after, policy, now)), policy };
    const outcome = await this.fireStep(group, now, fire);
    if (outcome.fired) await this.timers.ensure([fire.following.nextAt, ...(outcome.timers ?? [])]);
    return { fired: outcome.fired, moved: 0, events: outcome.events };
  }

  /**
   * Runs the batch statement on a few connections at once until a batch comes back short: bounded
   * transactions, and a step for 100,000 units (`rows`, the group's size when it was read) spreads
   * over the database's cores (each statement
   * takes its rows FOR UPDATE SKIP LOCKED, so concurrent batches never take the same row; rows a
   * short batch skipped because someone else held them are taken by fireAllDue's next round).
   */
  protected async inBatches(
    batchSize: number,
    rows: number,
    batch: () => Promise<{ fired: number; events: number }>,
  ): Promise<{ fired: number; events: number }> {
    // Only as many connections as there are full batches: a small group stays one statement, so
    // its notices are not split between transactions (one event per target and chunk).
    const workers = Math.max(1, Math.min(PARALLEL_BATCHES, Math.ceil(rows / batchSize)));
    let fired = 0;
    let events = 0;
    let more = true;
    const worker = async () => {
      while (more) {
        const row = await batch();
        fired += row.fired;
        events += row.events;
        if (row.events) this.published();
        if (row.fired < batchSize) more = false;
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    return { fired, events };
  }
}
