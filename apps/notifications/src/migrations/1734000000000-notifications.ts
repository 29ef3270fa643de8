import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES, EMAIL_MODES } from '#contracts';

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * Notifications: local copies of what it needs from other services (units, users, plans and
 * tasks, kept from their events), the in-app inbox, preferences, webhook endpoints and the
 * delivery log.
 *
 * - `notifications` is one message per (event, user): the inbox item, and the content of its
 *   e-mail. The unique key makes a replayed event tell nobody twice.
 * - `deliveries` is one row per (event, recipient, channel): an e-mail to a user or a webhook call
 *   to an endpoint, with its status and attempts. It is also the queue's source of truth: a row not
 *   yet handed to BullMQ has `enqueued_at` NULL, and the sweep finds rows whose job Redis lost.
 * - `delivery_attempts` keeps every attempt (failed with its reason, or sent).
 */
export class Notifications1734000000000 implements MigrationInterface {
  name = 'Notifications1734000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
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
    await queryRunner.query('CREATE INDEX units_code ON units (code)');

    await queryRunner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        username text NOT NULL,
        full_name text NOT NULL,
        email text,
        unit_id bigint NOT NULL,
        role text NOT NULL,
        active boolean NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX users_unit_role ON users (unit_id, role) WHERE active');

    await queryRunner.query(`
      CREATE TABLE plans (
        id uuid PRIMARY KEY,
        symbol text NOT NULL,
        title text NOT NULL,
        issuer_id bigint NOT NULL,
        issue_date date NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL REFERENCES plans (id),
        number text NOT NULL,
        title text NOT NULL,
        timeline text NOT NULL,
        due_at timestamptz
      )`);

    await queryRunner.query(`
      CREATE TABLE preferences (
        user_id uuid PRIMARY KEY,
        in_app boolean NOT NULL DEFAULT true,
        email boolean NOT NULL DEFAULT true,
        email_mode text NOT NULL DEFAULT 'immediate' CHECK (email_mode IN (${list(EMAIL_MODES)})),
        muted_kinds text[] NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id bigint NOT NULL,
        url text NOT NULL,
        secret text NOT NULL,
        description text,
        active boolean NOT NULL DEFAULT true,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX webhook_endpoints_unit ON webhook_endpoints (unit_id) WHERE active');

    await queryRunner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL,
        user_id uuid NOT NULL,
        unit_id bigint NOT NULL,
        kind text NOT NULL,
        subject text NOT NULL,
        body_text text NOT NULL,
        body_html text NOT NULL,
        data jsonb NOT NULL,
        in_app boolean NOT NULL,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (event_id, user_id)
      )`);
    await queryRunner.query('CREATE INDEX notifications_inbox ON notifications (user_id, created_at DESC, id) WHERE in_app');
    await queryRunner.query('CREATE INDEX notifications_unread ON notifications (user_id) WHERE in_app AND read_at IS NULL');

    await queryRunner.query(`
      CREATE TABLE deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL,
        channel text NOT NULL CHECK (channel IN (${list(DELIVERY_CHANNELS)})),
        recipient text NOT NULL,
        kind text NOT NULL,
        unit_id bigint,
        notification_id uuid REFERENCES notifications (id),
        endpoint_id uuid REFERENCES webhook_endpoints (id),
        subject text,
        payload jsonb,
        urgent boolean NOT NULL DEFAULT false,
        status text NOT NULL CHECK (status IN (${list(DELIVERY_STATUSES)})),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        digest_id uuid REFERENCES deliveries (id),
        enqueued_at timestamptz,
        claimed_at timestamptz,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (event_id, recipient, channel)
      )`);
    // What the dispatcher polls: rows waiting to be handed to the queue.
    await queryRunner.query(
      `CREATE INDEX deliveries_undispatched ON deliveries (created_at) WHERE enqueued_at IS NULL AND status IN ('queued', 'retrying')`,
    );
    // What the sweep and the digest look at.
    await queryRunner.query(
      `CREATE INDEX deliveries_open ON deliveries (status, updated_at) WHERE status IN ('queued', 'retrying', 'sending', 'pending-digest')`,
    );
    await queryRunner.query('CREATE INDEX deliveries_log ON deliveries (unit_id, created_at DESC)');
    await queryRunner.query(`CREATE INDEX deliveries_failed ON deliveries (updated_at) WHERE status = 'failed'`);

    await queryRunner.query(`
      CREATE TABLE delivery_attempts (
        delivery_id uuid NOT NULL REFERENCES deliveries (id),
        attempt integer NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        outcome text NOT NULL CHECK (outcome IN ('sent', 'failed')),
        error text,
        PRIMARY KEY (delivery_id, attempt)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['delivery_attempts', 'deliveries', 'notifications', 'webhook_endpoints', 'preferences', 'tasks', 'plans', 'users', 'units']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
