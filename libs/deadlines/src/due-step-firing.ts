import { Logger } from '@nestjs/common';

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
export abstract class DueStepFiring<Group> {
  protected readonly logger: Logger;
  private running: Promise<FiringReport> | null = null;
  private again = false;

  protected constructor(name: string) {
    this.logger = new Logger(name);
  }

  /** The current time (a fake clock in tests). */
  protected abstract now(): number;
  /** Up to `limit` groups with a step due at `now`, the earliest first. */
  protected abstract dueGroups(now: number, limit: number): Promise<Group[]>;
  /** Fires (or moves) one group's next step, in bounded batches. */
  protected abstract fireGroup(group: Group, now: number): Promise<GroupOutcome>;

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
}
