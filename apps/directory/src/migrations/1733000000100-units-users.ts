import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ROLES } from '#contracts';

/**
 * The unit tree, its users and the directory version.
 *
 * - `path` is an ltree of unit ids (`1.35.2004`), never codes: codes are external data and may hold
 *   characters ltree labels reject, and ids never change when a unit is renamed or re-coded.
 * - `name_search` is the name lower-cased, without diacritics, đ→d (see units/search-key.ts); the
 *   trigram index makes `LIKE '%lang son%'` an index scan instead of a full scan of the tree.
 * - `directory_version` is one row bumped by every import that changed something: its row lock
 *   serialises imports, and consumers compare it with the version carried by each event.
 */
export class UnitsUsers1733000000100 implements MigrationInterface {
  name = 'UnitsUsers1733000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Extensions are per database and every service migrates on its own schedule: take a
    // database-wide lock so two services creating pg_trgm at once do not collide.
    await queryRunner.query(`SELECT pg_advisory_xact_lock(hashtext('trienkhai:extensions'))`);
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public');

    await queryRunner.query(`
      CREATE TABLE units (
        id bigserial PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        name_search text NOT NULL,
        kind text NOT NULL,
        parent_id bigint REFERENCES units (id),
        path ltree NOT NULL,
        version bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX units_path_gist ON units USING gist (path)');
    await queryRunner.query('CREATE INDEX units_parent_id ON units (parent_id)');
    await queryRunner.query('CREATE INDEX units_name_search_trgm ON units USING gin (name_search public.gin_trgm_ops)');

    const roles = ROLES.map((role) => `'${role}'`).join(', ');
    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        full_name text NOT NULL,
        unit_id bigint NOT NULL REFERENCES units (id),
        role text NOT NULL CHECK (role IN (${roles})),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX users_unit_id ON users (unit_id)');

    await queryRunner.query(`
      CREATE TABLE directory_version (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version bigint NOT NULL
      )`);
    await queryRunner.query('INSERT INTO directory_version (singleton, version) VALUES (true, 0)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE directory_version');
    await queryRunner.query('DROP TABLE users');
    await queryRunner.query('DROP TABLE units');
  }
}
