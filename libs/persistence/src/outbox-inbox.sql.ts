import type { QueryRunner } from 'typeorm';

/**
 * The outbox and inbox tables every event-producing or event-consuming service owns in its own
 * schema. Called from each service's first migration so the tables live beside its data.
 */
export async function createOutboxAndInboxTables(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE outbox (
      seq bigserial PRIMARY KEY,
      id uuid NOT NULL UNIQUE,
      subject text NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz
    )`);
  await queryRunner.query('CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL');
  await queryRunner.query(`
    CREATE TABLE inbox (
      consumer text NOT NULL,
      event_id uuid NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
}

export async function dropOutboxAndInboxTables(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query('DROP TABLE inbox');
  await queryRunner.query('DROP TABLE outbox');
}

/** The first migration of a service whose schema holds only the outbox and inbox (so far). */
export class OutboxInbox1732000000000 {
  name = 'OutboxInbox1732000000000';

  up(queryRunner: QueryRunner): Promise<void> {
    return createOutboxAndInboxTables(queryRunner);
  }

  down(queryRunner: QueryRunner): Promise<void> {
    return dropOutboxAndInboxTables(queryRunner);
  }
}
