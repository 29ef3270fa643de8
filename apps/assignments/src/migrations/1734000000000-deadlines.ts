import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadlines that watch themselves. Postgres is the truth: each due item (a one-off deadline, or one
 * occurrence of a recurring one) stores its deadline, what has fired and the next step with its
 * instant. BullMQ only wakes the service at those instants (see deadlines/deadline-queue.ts).
 */
export class Deadlines1734000000000 implements MigrationInterface {
  name = 'Deadlines1734000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // What the cascade received with each task: the parsed deadline (recurrence, working-day
    // basis) and the task's lead / monitoring body (escalation step 2).
    await queryRunner.query(`ALTER TABLE assignments ADD COLUMN deadline jsonb`);
    await queryRunner.query(`ALTER TABLE assignments ADD COLUMN lead_unit_id bigint`);
    await queryRunner.query('CREATE INDEX assignments_parent ON assignments (parent_assignment_id) WHERE parent_assignment_id IS NOT NULL');

    await queryRunner.query(`
      CREATE TABLE due_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assignment_id uuid NOT NULL REFERENCES assignments (id),
        plan_id uuid NOT NULL,
        task_id uuid NOT NULL,
        occurrence text NOT NULL,
        due_at timestamptz NOT NULL,
        grace_from timestamptz NOT NULL,
        fired_until timestamptz,
        escalation_level integer NOT NULL DEFAULT 0,
        next_step text,
        next_at timestamptz,
        working_days integer,
        counted_from date,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
        closed_at timestamptz,
        completion_note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (assignment_id, occurrence)
      )`);
    // The sweep and the timers: what is due next. Partial, so finished work costs nothing.
    await queryRunner.query(`CREATE INDEX due_items_next ON due_items (next_at) WHERE status = 'open' AND next_at IS NOT NULL`);
    // Firing one step for every item sharing it, set-based.
    await queryRunner.query(`CREATE INDEX due_items_group ON due_items (task_id, due_at, grace_from) WHERE status = 'open'`);
    await queryRunner.query(`CREATE INDEX due_items_open_due ON due_items (due_at) WHERE status = 'open'`);
    await queryRunner.query('CREATE INDEX due_items_assignment ON due_items (assignment_id)');
    await queryRunner.query(`CREATE INDEX due_items_plan ON due_items (plan_id) WHERE status = 'open'`);

    // Who was told, when and why; and every other deadline event of an assignment.
    await queryRunner.query(`
      CREATE TABLE assignment_history (
        id bigserial PRIMARY KEY,
        assignment_id uuid NOT NULL,
        due_item_id uuid,
        kind text NOT NULL,
        step text,
        deadline_at timestamptz,
        target_unit_id bigint,
        target_role text,
        reason text NOT NULL,
        actor text NOT NULL DEFAULT 'system',
        event_id uuid,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Each step of each deadline is told once, whatever restarts or races: the last line of defence.
    await queryRunner.query(
      'CREATE UNIQUE INDEX assignment_history_step_once ON assignment_history (due_item_id, deadline_at, step) WHERE step IS NOT NULL',
    );
    await queryRunner.query('CREATE INDEX assignment_history_assignment ON assignment_history (assignment_id, id)');

    // A plan's own escalation policy (the service's settings otherwise).
    await queryRunner.query(`
      CREATE TABLE plan_policies (
        plan_id uuid PRIMARY KEY,
        reminders_ms bigint[] NOT NULL,
        escalations_ms bigint[] NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE extension_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assignment_id uuid NOT NULL REFERENCES assignments (id),
        due_item_id uuid NOT NULL REFERENCES due_items (id),
        reason text NOT NULL,
        current_due_at timestamptz NOT NULL,
        requested_date date NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
        decided_due_at timestamptz,
        decision_note text,
        requested_by text NOT NULL,
        decided_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz
      )`);
    // One open request per due item at a time.
    await queryRunner.query(`CREATE UNIQUE INDEX extension_requests_pending ON extension_requests (due_item_id) WHERE status = 'pending'`);
    await queryRunner.query('CREATE INDEX extension_requests_assignment ON extension_requests (assignment_id)');

    // The working-day calendar: public holidays come from date-holidays; these are the admin's
    // corrections per day (official days off, make-up working days).
    await queryRunner.query(`
      CREATE TABLE calendar_overrides (
        date date PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('day-off', 'working-day')),
        note text,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE calendar_overrides');
    await queryRunner.query('DROP TABLE extension_requests');
    await queryRunner.query('DROP TABLE plan_policies');
    await queryRunner.query('DROP TABLE assignment_history');
    await queryRunner.query('DROP TABLE due_items');
    await queryRunner.query('DROP INDEX assignments_parent');
    await queryRunner.query('ALTER TABLE assignments DROP COLUMN lead_unit_id');
    await queryRunner.query('ALTER TABLE assignments DROP COLUMN deadline');
  }
}
