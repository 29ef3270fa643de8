import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a plan asks to be reported (obligations with their parsed deadlines and resolved
 * reporters), the indicators reports carry and the plan's targets. JSON beside the plan: read and
 * written with it, published in plans.plan.issued, never queried on their own here (the reporting
 * service keeps them in tables of its own).
 */
export class PlanReporting1734000000000 implements MigrationInterface {
  name = 'PlanReporting1734000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE plans
        ADD COLUMN reporting_obligations jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN indicators jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN targets jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE plans DROP COLUMN targets, DROP COLUMN indicators, DROP COLUMN reporting_obligations');
  }
}
