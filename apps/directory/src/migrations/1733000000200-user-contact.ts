import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxEnvelopeSql } from '#persistence';

/**
 * Users get an optional e-mail address (where notifications are sent), an `active` flag (an
 * inactive user cannot log in and is told nothing) and `updated_at` (consumers of
 * `directory.users.upserted` keep the newest state they have seen).
 *
 * Existing users are published once, so the notifications service's copy starts complete. The
 * SQL is inlined (not shared with the service code) so this migration stays as it was released.
 */
export class UserContact1733000000200 implements MigrationInterface {
  name = 'UserContact1733000000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE users
        ADD COLUMN email text CHECK (email IS NULL OR length(email) <= 254),
        ADD COLUMN active boolean NOT NULL DEFAULT true,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    const envelope = outboxEnvelopeSql(
      'g.event_id',
      `'directory.users.upserted'`,
      `'migration:${this.name}'`,
      'NULL',
      `jsonb_build_object('users', g.items)`,
    );
    await queryRunner.query(`
      WITH records AS (
        SELECT (row_number() OVER (ORDER BY us.id) - 1) / 1000 AS chunk,
          jsonb_build_object('id', us.id::text, 'username', us.username, 'fullName', us.full_name, 'email', us.email,
            'unitId', us.unit_id::text, 'role', us.role, 'active', us.active,
            'updatedAt', to_char(us.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) AS item
        FROM users us
      ),
      grouped AS (SELECT gen_random_uuid() AS event_id, jsonb_agg(item) AS items FROM records GROUP BY chunk)
      INSERT INTO outbox (id, subject, envelope)
      SELECT g.event_id, 'directory.users.upserted', ${envelope} FROM grouped g`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE users DROP COLUMN updated_at, DROP COLUMN active, DROP COLUMN email');
  }
}
