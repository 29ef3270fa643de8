import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createOutboxAndInboxTables, dropOutboxAndInboxTables } from '#persistence';

export class Assignments1732000000000 implements MigrationInterface {
  name = 'Assignments1732000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createOutboxAndInboxTables(queryRunner);
    // This service's copy of the org tree, kept from directory events: selectors expand against it
    // and every subtree filter joins it.
    await queryRunner.query(`
      CREATE TABLE units (
        id bigint PRIMARY KEY,
        code text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        parent_id bigint,
        path ltree NOT NULL,
        version bigint NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX units_path ON units USING gist (path)');
    await queryRunner.query('CREATE INDEX units_parent ON units (parent_id)');
    await queryRunner.query('CREATE UNIQUE INDEX units_code ON units (code)');
    // Which directory versions have fully arrived (all chunks), so a cascade can wait for the
    // tree it was issued against.
    await queryRunner.query(`
      CREATE TABLE directory_versions (
        version bigint PRIMARY KEY,
        chunk_count integer NOT NULL,
        chunks_received integer NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL,
        plan_symbol text NOT NULL,
        plan_title text NOT NULL,
        task_id uuid NOT NULL,
        task_number text NOT NULL,
        task_title text NOT NULL,
        timeline text NOT NULL,
        deadline_kind text NOT NULL,
        due_at timestamptz,
        unit_id bigint NOT NULL REFERENCES units (id),
        assigner_unit_id bigint NOT NULL REFERENCES units (id),
        status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'acknowledged', 'in_progress', 'done')),
        result_note text,
        parent_assignment_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (task_id, unit_id)
      )`);
    await queryRunner.query('CREATE INDEX assignments_inbox ON assignments (unit_id, due_at)');
    await queryRunner.query('CREATE INDEX assignments_plan ON assignments (plan_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE assignments');
    await queryRunner.query('DROP TABLE directory_versions');
    await queryRunner.query('DROP TABLE units');
    await dropOutboxAndInboxTables(queryRunner);
  }
}
