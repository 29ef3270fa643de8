import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Assignments are only ever created by INSERT … SELECT FROM units, so their unit ids exist by
 * construction, and units are never deleted (a reorganisation moves or renames them). The foreign
 * keys only added two index probes per inserted row: a third of the cascade's cost at 10,000 units.
 */
export class DropUnitForeignKeys1732000000100 implements MigrationInterface {
  name = 'DropUnitForeignKeys1732000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE assignments DROP CONSTRAINT assignments_unit_id_fkey');
    await queryRunner.query('ALTER TABLE assignments DROP CONSTRAINT assignments_assigner_unit_id_fkey');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE assignments ADD CONSTRAINT assignments_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES units (id)');
    await queryRunner.query(
      'ALTER TABLE assignments ADD CONSTRAINT assignments_assigner_unit_id_fkey FOREIGN KEY (assigner_unit_id) REFERENCES units (id)',
    );
  }
}
