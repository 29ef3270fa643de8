import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { NotificationKind } from '#contracts';
import { formatLocalDate } from '#timeline';
import { DeliveryDispatcher } from '../delivery/delivery.dispatcher.js';
import { KIND_LABELS } from '../templates/built-in-templates.js';
import { TemplateStore } from '../templates/template-store.js';

const USERS_PER_ROUND = 200;

/** A uuid-shaped id derived from text: the same digest content always gets the same id. */
export function uuidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The daily digest: for each user in digest mode, the day's e-mails (deliveries `pending-digest`)
 * become one e-mail listing them. Per user, in one transaction: the items are locked, one digest
 * delivery is created (its event id derived from the items, so a repeated run cannot create a
 * second e-mail for the same items) and the items are marked `digested` with a link to it.
 * Replicas running it at once take different users (SKIP LOCKED).
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger('Digest');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(TemplateStore) private readonly templates: TemplateStore,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

  async run(now: Date = new Date()): Promise<number> {
    let digests = 0;
    const seen = new Set<string>();
    for (;;) {
      const users: { recipient: string }[] = await this.dataSource.query(
        `SELECT DISTINCT recipient FROM deliveries WHERE status = 'pending-digest' AND channel = 'email'
         AND NOT (recipient = ANY($1::text[])) LIMIT $2`,
        [[...seen], USERS_PER_ROUND],
      );
      if (users.length === 0) break;
      for (const { recipient } of users) {
        seen.add(recipient);
        if (await this.dataSource.transaction((manager) => this.fold(manager, recipient, now))) digests++;
      }
    }
    if (digests > 0) {
      this.dispatcher.nudge();
      this.logger.log(`${digests} digest e-mails queued`);
    }
    return digests;
  }

  private async fold(manager: EntityManager, userId: string, now: Date): Promise<boolean> {
    const items: { id: string; kind: NotificationKind; subject: string; unitId: string }[] = await manager.query(
      `SELECT d.id::text AS id, d.kind, n.subject, d.unit_id::text AS "unitId"
       FROM deliveries d JOIN notifications n ON n.id = d.notification_id
       WHERE d.status = 'pending-digest' AND d.channel = 'email' AND d.recipient = $1
       ORDER BY n.created_at, d.id
       FOR UPDATE OF d SKIP LOCKED`,
      [userId],
    );
    if (items.length === 0) return false;
    const [user]: { fullName: string; unitId: string }[] = await manager.query(
      'SELECT full_name AS "fullName", unit_id::text AS "unitId" FROM users WHERE id = $1::uuid',
      [userId],
    );
    const rendered = this.templates.render('digest', {
      recipient: { name: user?.fullName ?? '' },
      date: formatLocalDate(now.toISOString()),
      count: items.length,
      items: items.map((item) => ({ kindLabel: KIND_LABELS[item.kind] ?? item.kind, subject: item.subject })),
    });
    const eventId = uuidFrom(`digest:${userId}:${items.map((item) => item.id).join(',')}`);
    const [digest]: { id: string }[] = await manager.query(
      `INSERT INTO deliveries (event_id, channel, recipient, kind, unit_id, subject, payload, status)
       VALUES ($1, 'email', $2, 'digest', $3, $4, $5, 'queued')
       ON CONFLICT (event_id, recipient, channel) DO UPDATE SET updated_at = deliveries.updated_at
       RETURNING id::text AS id`,
      [eventId, userId, user?.unitId ?? items[0]!.unitId, rendered.subject, JSON.stringify(rendered)],
    );
    await manager.query(
      `UPDATE deliveries SET status = 'digested', digest_id = $2, updated_at = now() WHERE id = ANY($1::uuid[])`,
      [items.map((item) => item.id), digest!.id],
    );
    return true;
  }
}
