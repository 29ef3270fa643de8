import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EventBus } from '#messaging';
import { DomainError } from '#service-kit';
import { addFigures, addReportDeltas, type FigureRow, type ReportDelta, type ReportKey } from '../rollup/deltas.js';
import { lockTreeShared } from '../tree/tree-lock.js';

/** What one submission changes in the roll-up, applied with the rest of its batch. */
export interface SubmissionEffect {
  report: ReportKey;
  delta: ReportDelta;
  /** Figures entering the roll-up (empty when they do not change). */
  figures: FigureRow[];
  /** Whether it wrote an event to the outbox. */
  published: boolean;
}

/**
 * One submission's own reads and writes, in the batch's transaction. It refuses a submission by
 * throwing a DomainError BEFORE it writes anything (the transaction goes on for the others); any
 * other error is the transaction's (a failed statement aborts it).
 */
export type SubmissionWork = (manager: EntityManager) => Promise<SubmissionEffect | null>;

interface Pending {
  work: SubmissionWork;
  resolve: (effect: SubmissionEffect | null) => void;
  reject: (error: unknown) => void;
}

/** Submissions per transaction at most: a bounded transaction, and a burst still moves in steps. */
const MAX_BATCH = 200;

/**
 * Group commit for report submissions. Every submission adds to the counters of all its unit's
 * ancestors, so under a burst (5,000 cells within 10 s) each one waited for the province's and its
 * district's rows, locked until the previous submission committed: one commit at a time. Here
 * submissions arriving while a transaction runs wait for the next one, which does each
 * submission's own reads and writes, then the batch's roll-up deltas summed per subtree row, once,
 * and commits once. A submission is acknowledged only after that commit, so the roll-up stays
 * exact for every acknowledged report; alone, a submission is a batch of one and waits for nothing.
 * No savepoints: a refused submission has written nothing (SubmissionWork), and hundreds of
 * subtransactions per transaction would slow every other session's snapshots. If the transaction
 * fails anyway, each of its submissions is tried again alone, so one cannot sink the others.
 * A library would not fit: the batch shares a Postgres transaction.
 */
@Injectable()
export class SubmissionBatcher {
  private readonly logger = new Logger('SubmissionBatcher');
  private queue: Pending[] = [];
  private running = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
  ) {}

  submit(work: SubmissionWork): Promise<SubmissionEffect | null> {
    return new Promise((resolve, reject) => {
      this.queue.push({ work, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length) await this.run(this.queue.splice(0, MAX_BATCH));
    } finally {
      this.running = false;
    }
  }

  private async run(batch: Pending[]): Promise<void> {
    let outcomes: ({ ok: true; effect: SubmissionEffect | null } | { ok: false; error: unknown })[];
    try {
      outcomes = await this.dataSource.transaction(async (manager) => {
        await lockTreeShared(manager);
        const results: typeof outcomes = [];
        for (const item of batch) {
          try {
            results.push({ ok: true, effect: await item.work(manager) });
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            results.push({ ok: false, error });
          }
        }
        const effects = results.flatMap((r) => (r.ok && r.effect ? [r.effect] : []));
        await addReportDeltas(manager, effects);
        await addFigures(manager, effects);
        return results;
      });
    } catch (error) {
      if (batch.length > 1) {
        // Nothing of the batch is stored: each submission alone, so only the faulty one fails.
        for (const item of batch) await this.run([item]);
        return;
      }
      this.logger.warn(`a submission failed: ${(error as Error).message}`);
      batch[0].reject(error);
      return;
    }
    if (outcomes.some((o) => o.ok && o.effect?.published)) this.bus.published();
    outcomes.forEach((outcome, i) => (outcome.ok ? batch[i].resolve(outcome.effect) : batch[i].reject(outcome.error)));
  }
}
