import type { DataSource, EntityManager } from 'typeorm';
import type { DeliveryChannel, WebhookPayload } from '#contracts';

/** A delivery claimed for one attempt. */
export interface ClaimedDelivery {
  id: string;
  channel: DeliveryChannel;
  recipient: string;
  attempt: number;
  notificationId: string | null;
  endpointId: string | null;
  payload: unknown;
}

export type DeliveryContent =
  | { channel: 'email'; to: { name: string; address: string } | null; subject: string; text: string; html: string }
  | { channel: 'webhook'; url: string | null; secret: string | null; payload: WebhookPayload };

/**
 * A delivery left `sending` this long was abandoned by a process that died mid-attempt; it may be
 * claimed again (SMTP and webhook timeouts are far shorter).
 */
export const STALE_SENDING_MS = 5 * 60_000;

/**
 * The delivery log's writes, in one place: the worker's claim and outcome, the dispatcher's hand-off
 * to the queue, the sweep, and resending (shared by the API and the CLI).
 */
export class DeliveryStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Takes a delivery for one attempt, counting it. Null when there is nothing to do: already sent
   * or failed for good, waiting for the digest, or being attempted right now by another worker.
   */
  async claim(deliveryId: string): Promise<ClaimedDelivery | null> {
    const [row]: ClaimedDelivery[] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE deliveries SET status = 'sending', attempts = attempts + 1, claimed_at = now(), updated_at = now()
         WHERE id = $1 AND (status IN ('queued', 'retrying')
           OR (status = 'sending' AND claimed_at < now() - make_interval(secs => $2::int / 1000.0)))
         RETURNING id, channel, recipient, attempts, notification_id, endpoint_id, payload
       )
       SELECT id::text AS id, channel, recipient, attempts AS attempt, notification_id::text AS "notificationId",
         endpoint_id::text AS "endpointId", payload FROM claimed`,
      [deliveryId, STALE_SENDING_MS],
    );
    return row ?? null;
  }

  /** What to send: the message and the address as they are now (an e-mail changed since counts). */
  async content(delivery: ClaimedDelivery): Promise<DeliveryContent> {
    if (delivery.channel === 'webhook') {
      const [endpoint]: { url: string; secret: string; active: boolean }[] = await this.dataSource.query(
        'SELECT url, secret, active FROM webhook_endpoints WHERE id = $1',
        [delivery.endpointId],
      );
      const usable = endpoint?.active ? endpoint : null;
      return { channel: 'webhook', url: usable?.url ?? null, secret: usable?.secret ?? null, payload: delivery.payload as WebhookPayload };
    }
    const [user]: { email: string | null; fullName: string; active: boolean }[] = await this.dataSource.query(
      'SELECT email, full_name AS "fullName", active FROM users WHERE id = $1::uuid',
      [delivery.recipient],
    );
    const to = user?.active && user.email ? { name: user.fullName, address: user.email } : null;
    if (delivery.notificationId) {
      const [message]: { subject: string; text: string; html: string }[] = await this.dataSource.query(
        'SELECT subject, body_text AS text, body_html AS html FROM notifications WHERE id = $1',
        [delivery.notificationId],
      );
      return { channel: 'email', to, ...message! };
    }
    // A digest carries its own rendered content.
    const digest = delivery.payload as { subject: string; text: string; html: string };
    return { channel: 'email', to, subject: digest.subject, text: digest.text, html: digest.html };
  }

  async markSent(delivery: ClaimedDelivery): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE deliveries SET status = 'sent', sent_at = now(), updated_at = now(), last_error = NULL, claimed_at = NULL
         WHERE id = $1`,
        [delivery.id],
      );
      await recordAttempt(manager, delivery, 'sent', null);
    });
  }

  /** `final`: no retry follows (permanent refusal or last attempt); the delivery is `failed`. */
  async markFailed(delivery: ClaimedDelivery, reason: string, final: boolean): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE deliveries SET status = $2, last_error = $3, updated_at = now(), claimed_at = NULL WHERE id = $1`,
        [delivery.id, final ? 'failed' : 'retrying', reason],
      );
      await recordAttempt(manager, delivery, 'failed', reason);
    });
  }

  /**
   * Hands waiting deliveries to the queue: rows are locked (replicas share the work), `enqueue`
   * adds their jobs, and they are marked only if that succeeded. A crash between the two re-adds
   * them later, which the job id makes harmless.
   */
  async dispatch(limit: number, enqueue: (ids: string[]) => Promise<void>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string }[] = await manager.query(
        `SELECT id::text AS id FROM deliveries
         WHERE enqueued_at IS NULL AND status IN ('queued', 'retrying')
         ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return 0;
      const ids = rows.map((row) => row.id);
      await enqueue(ids);
      await manager.query('UPDATE deliveries SET enqueued_at = now() WHERE id = ANY($1::uuid[])', [ids]);
      return ids.length;
    });
  }

  /** Deliveries a dead process left `sending`: back to `retrying`, for the dispatcher. */
  async releaseStale(): Promise<number> {
    // Every UPDATE … RETURNING here sits in a CTE: the driver hands back rows, not [rows, count].
    const rows: unknown[] = await this.dataSource.query(
      `WITH released AS (
         UPDATE deliveries SET status = 'retrying', enqueued_at = NULL, claimed_at = NULL, updated_at = now(),
           last_error = COALESCE(last_error, 'attempt abandoned (process stopped)')
         WHERE status = 'sending' AND claimed_at < now() - make_interval(secs => $1::int / 1000.0)
         RETURNING id
       )
       SELECT id FROM released`,
      [STALE_SENDING_MS],
    );
    return rows.length;
  }

  /** Deliveries that should have a job in Redis right now (handed over and not finished). */
  async openCount(): Promise<number> {
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM deliveries WHERE status IN ('queued', 'retrying', 'sending') AND enqueued_at IS NOT NULL`,
    );
    return n;
  }

  /** Open deliveries handed to the queue before `olderThanMs`, oldest first, after `afterId`. */
  async handedOver(olderThanMs: number, afterId: string, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id::text AS id FROM deliveries
       WHERE status IN ('queued', 'retrying') AND enqueued_at < now() - make_interval(secs => $1::int / 1000.0)
         AND id > $2::uuid
       ORDER BY id LIMIT $3`,
      [olderThanMs, afterId, limit],
    );
    return rows.map((row) => row.id);
  }

  /** Marks deliveries whose job Redis lost as not handed over, so the dispatcher adds them again. */
  async requeue(ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const rows: unknown[] = await this.dataSource.query(
      `WITH requeued AS (
         UPDATE deliveries SET enqueued_at = NULL WHERE id = ANY($1::uuid[]) AND status IN ('queued', 'retrying') RETURNING id
       )
       SELECT id FROM requeued`,
      [ids],
    );
    return rows.length;
  }
}

export interface ResendFilter {
  /** Only these deliveries (still only failed ones). */
  ids?: string[];
  /** Only deliveries whose unit is in this subtree (ltree path); null = everywhere. */
  unitPath?: string | null;
  /** Only deliveries to this user (a member resending their own). */
  recipient?: string;
  /** Only deliveries that failed at or after this instant. */
  since?: string;
  limit?: number;
}

/**
 * Puts failed deliveries back in the queue: `queued`, not handed over, so the running service's
 * dispatcher adds their jobs within a second. Their attempt count and history are kept; the queue
 * gives them a fresh set of attempts. Shared by `POST /api/notifications/deliveries/resend` and the
 * `notifications:resend` CLI (which therefore needs only Postgres).
 */
export async function resendFailed(manager: EntityManager, filter: ResendFilter): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `WITH target AS (
       SELECT d.id FROM deliveries d LEFT JOIN units u ON u.id = d.unit_id
       WHERE d.status = 'failed'
         AND ($1::uuid[] IS NULL OR d.id = ANY($1::uuid[]))
         AND ($2::ltree IS NULL OR u.path <@ $2::ltree)
         AND ($3::text IS NULL OR d.recipient = $3)
         AND ($4::timestamptz IS NULL OR d.updated_at >= $4)
       ORDER BY d.updated_at LIMIT $5
       FOR UPDATE OF d
     ),
     resent AS (
       UPDATE deliveries d SET status = 'queued', enqueued_at = NULL, claimed_at = NULL, updated_at = now()
       FROM target WHERE d.id = target.id
       RETURNING d.id::text AS id
     )
     SELECT id FROM resent`,
    [filter.ids ?? null, filter.unitPath ?? null, filter.recipient ?? null, filter.since ?? null, filter.limit ?? 10_000],
  );
  return rows.map((row) => row.id);
}

async function recordAttempt(manager: EntityManager, delivery: ClaimedDelivery, outcome: 'sent' | 'failed', error: string | null): Promise<void> {
  await manager.query(
    `INSERT INTO delivery_attempts (delivery_id, attempt, outcome, error) VALUES ($1, $2, $3, $4)
     ON CONFLICT (delivery_id, attempt) DO NOTHING`,
    [delivery.id, delivery.attempt, outcome, error],
  );
}
