import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createOutboxAndInboxTables, dropOutboxAndInboxTables } from '#persistence';

export class Plans1732000000000 implements MigrationInterface {
  name = 'Plans1732000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createOutboxAndInboxTables(queryRunner);
    await queryRunner.query(`
      CREATE TABLE plans (
        id uuid PRIMARY KEY,
        symbol text NOT NULL,
        number integer NOT NULL,
        document_kind text NOT NULL,
        issuer_code text NOT NULL,
        title text NOT NULL,
        issuing_unit jsonb NOT NULL,
        issuing_unit_id bigint NOT NULL,
        issuing_unit_path ltree NOT NULL,
        issue_date date NOT NULL,
        signer text,
        basis jsonb NOT NULL DEFAULT '[]',
        parent_assignment_id uuid,
        status text NOT NULL CHECK (status IN ('draft', 'issued')),
        issued_at timestamptz,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (issuing_unit_id, symbol)
      )`);
    await queryRunner.query('CREATE INDEX plans_issuing_unit_path ON plans USING gist (issuing_unit_path)');
    await queryRunner.query(`
      CREATE TABLE plan_tasks (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        position integer NOT NULL,
        number text NOT NULL,
        title text NOT NULL,
        directing_unit jsonb,
        lead_unit jsonb,
        coordinating_units jsonb NOT NULL DEFAULT '[]',
        implementing jsonb,
        target jsonb,
        timeline text NOT NULL,
        deadline jsonb NOT NULL,
        due_at timestamptz,
        parent_assignment_id uuid,
        UNIQUE (plan_id, number)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE plan_tasks');
    await queryRunner.query('DROP TABLE plans');
    await dropOutboxAndInboxTables(queryRunner);
  }
}
