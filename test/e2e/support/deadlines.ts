import pg from 'pg';
import { DateTime } from 'luxon';
import { startSystem, type TestSystem } from '#testing';
import { treeWithMonitoringBoard } from './tree.js';

/**
 * A deadline policy in seconds, so a whole escalation runs within an e2e test: a reminder 4 s
 * before, escalations 3, 6 and 9 s after, and a sweep every second.
 */
export const FAST_DEADLINES = {
  DEADLINE_REMINDERS: '4s',
  DEADLINE_ESCALATIONS: '3s,6s,9s',
  DEADLINE_SWEEP_INTERVAL: '1s',
  DEADLINE_SWEEP_HORIZON: '1m',
};

/** The last step of FAST_DEADLINES after the deadline, plus one reminder's length of quiet after it. */
export const FAST_DEADLINES_DONE_MS = 9_000 + 4_000;

/** The system under FAST_DEADLINES, its tree (prefix P/D/C and a monitoring board) and a client on its database. */
export interface DeadlineSystem {
  system: TestSystem;
  db: pg.Client;
  /** The `n` column of the first row of a count query. */
  count(sql: string, params?: unknown[]): Promise<number>;
  stop(): Promise<void>;
}

export async function startDeadlineSystem(prefix: string): Promise<DeadlineSystem> {
  const system = await startSystem(FAST_DEADLINES);
  const db = new pg.Client({ connectionString: system.db.url });
  try {
    await system.api.post('/api/units/import', { rows: treeWithMonitoringBoard(prefix) });
    await db.connect();
  } catch (error) {
    await system.stop();
    throw error;
  }
  return {
    system,
    db,
    count: async (sql, params = []) => (await db.query(sql, params)).rows[0].n as number,
    stop: async () => {
      await db.end().catch(() => undefined);
      await system.stop();
    },
  };
}

/** A deadline `seconds` from now, to the second, in Viet Nam, as a plan writes it: "trước 10:31:20 ngày 21/11/2026". */
export function dueInSeconds(seconds: number): { timeline: string; issueDate: string; dueAt: number } {
  const now = DateTime.now().setZone('Asia/Ho_Chi_Minh');
  const due = now.plus({ seconds }).startOf('second');
  return {
    timeline: `trước ${due.toFormat('HH:mm:ss')} ngày ${due.toFormat('dd/MM/yyyy')}`,
    issueDate: now.toISODate()!,
    // The deadline is the last millisecond before that second.
    dueAt: due.toMillis() - 1,
  };
}
