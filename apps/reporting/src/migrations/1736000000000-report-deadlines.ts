import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Expected reports' deadlines, watched by the same machinery as assignments' (libs/deadlines): each
 * report not yet submitted carries its deadline's progress (grace start, last step fired, highest
 * escalation) and its next step; `next_at` is set only while the report is watched, so the timers
 * and the sweep read a small partial index. Every step told is recorded once per (report,
 * deadline, step). Plans' own escalation policies are copied from the assignments service.
 */
export class ReportDeadlines1736000000000 implements MigrationInterface {
  name = 'ReportDeadlines1736000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`
      ALTER TABLE reports
        ADD COLUMN grace_from timestamptz,
        ADD COLUMN fired_until timestamptz,
        ADD COLUMN escalation_level integer NOT NULL DEFAULT 0,
        ADD COLUMN next_step text,
        ADD COLUMN next_at timestamptz`);
    // Reports opened before this migration: watched from now on; the first firing run works out
    // their next step (a step already past fires once, as for work received late).
    await q(`
      UPDATE reports SET grace_from = greatest(due_at + interval '1 millisecond', created_at), next_at = now()
      WHERE first_submitted_at IS NULL`);
    await q('CREATE INDEX reports_next_at ON reports (next_at) WHERE next_at IS NOT NULL');
    await q(`
      CREATE TABLE report_deadline_history (
        id bigserial PRIMARY KEY,
        report_id uuid NOT NULL REFERENCES reports (id),
        kind text NOT NULL CHECK (kind IN ('due-soon', 'overdue', 'escalated')),
        step text NOT NULL,
        deadline_at timestamptz NOT NULL,
        target_unit_id bigint NOT NULL,
        target_role text NOT NULL,
        reason text NOT NULL,
        event_id uuid NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (report_id, deadline_at, step)
      )`);
    await q(`
      CREATE TABLE plan_policies (
        plan_id uuid PRIMARY KEY,
        reminders_ms bigint[],
        escalations_ms bigint[],
        is_default boolean NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE plan_policies');
    await queryRunner.query('DROP TABLE report_deadline_history');
    await queryRunner.query('DROP INDEX reports_next_at');
    await queryRunner.query(
      'ALTER TABLE reports DROP COLUMN grace_from, DROP COLUMN fired_until, DROP COLUMN escalation_level, DROP COLUMN next_step, DROP COLUMN next_at',
    );
  }
}
