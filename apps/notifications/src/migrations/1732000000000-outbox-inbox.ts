import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createOutboxAndInboxTables, dropOutboxAndInboxTables } from '#persistence';

export class OutboxInbox1732000000000 implements MigrationInterface {
  name = 'OutboxInbox1732000000000';

  up(queryRunner: QueryRunner): Promise<void> {
    return createOutboxAndInboxTables(queryRunner);
  }

  down(queryRunner: QueryRunner): Promise<void> {
    return dropOutboxAndInboxTables(queryRunner);
  }
}
