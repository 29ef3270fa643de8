import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UNMUTABLE_KINDS, type EventEnvelope, type NotificationPreferences, type WebhookPayload } from '#contracts';
import { KIND_LABELS } from '../templates/built-in-templates.js';
import { TemplateStore } from '../templates/template-store.js';
import { chooseChannels } from '../preferences/preferences.policy.js';
import type { Notice } from './notice.js';

interface Recipient {
  idx: number;
  userId: string;
  fullName: string;
  email: string | null;
  unitId: string;
  preferences: NotificationPreferences;
}

export interface WriteOutcome {
  notifications: number;
  emails: number;
  webhooks: number;
}

/**
 * Turns an event's notices into what people receive, inside the consumer's transaction (so the
 * inbox claim, the messages and the deliveries commit together):
 *
 * 1. recipients: the active users holding the notice's roles in its unit (local copy of users),
 *    with their preferences;
 * 2. one `notifications` row per (event, user), rendered for that user: the inbox item and the
 *    e-mail's content;
 * 3. one e-mail delivery per (event, user) for those who get e-mail (`queued`, or `pending-digest`
 *    for digest readers), and one webhook delivery per (event, endpoint) of each unit told.
 *
 * Unique keys (event, user) and (event, recipient, channel) make a replayed event create nothing.
 * Deliveries are picked up by the dispatcher after the commit (never before: a job must not race
 * the row it names).
 */
@Injectable()
export class NoticeWriter {
  constructor(@Inject(TemplateStore) private readonly templates: TemplateStore) {}

  async write(manager: EntityManager, event: EventEnvelope, notices: readonly Notice[]): Promise<WriteOutcome> {
    if (notices.length === 0) return { notifications: 0, emails: 0, webhooks: 0 };
    const recipients = await this.recipients(manager, notices);
    const messages = [];
    for (const recipient of recipients) {
      const notice = notices[recipient.idx]!;
      const choice = chooseChannels(notice.kind, recipient.preferences, recipient.email !== null);
      if (!choice) continue;
      const rendered = this.templates.render(notice.kind, this.context(notice, recipient.fullName));
      messages.push({
        user_id: recipient.userId,
        unit_id: notice.unitId,
        kind: notice.kind,
        subject: rendered.subject,
        body_text: rendered.text,
        body_html: rendered.html,
        data: notice.data,
        in_app: choice.inApp,
        email_mode: choice.email,
        urgent: UNMUTABLE_KINDS.includes(notice.kind),
      });
    }
    const [counts] = messages.length
      ? await manager.query(
          `WITH input AS (
             SELECT * FROM jsonb_to_recordset($2::jsonb) AS r(user_id uuid, unit_id bigint, kind text, subject text,
               body_text text, body_html text, data jsonb, in_app boolean, email_mode text, urgent boolean)
           ),
           inserted AS (
             INSERT INTO notifications (event_id, user_id, unit_id, kind, subject, body_text, body_html, data, in_app)
             SELECT $1, user_id, unit_id, kind, subject, body_text, body_html, data, in_app FROM input
             ON CONFLICT (event_id, user_id) DO NOTHING
             RETURNING id, user_id
           ),
           emails AS (
             INSERT INTO deliveries (event_id, channel, recipient, kind, unit_id, notification_id, subject, urgent, status)
             SELECT $1, 'email', i.user_id::text, i.kind, i.unit_id, n.id, i.subject, i.urgent,
               CASE i.email_mode WHEN 'digest' THEN 'pending-digest' ELSE 'queued' END
             FROM inserted n JOIN input i ON i.user_id = n.user_id
             WHERE i.email_mode IS NOT NULL
             ON CONFLICT (event_id, recipient, channel) DO NOTHING
             RETURNING 1
           )
           SELECT (SELECT count(*) FROM inserted)::int AS notifications, (SELECT count(*) FROM emails)::int AS emails`,
          [event.id, JSON.stringify(messages)],
        )
      : [{ notifications: 0, emails: 0 }];
    const webhooks = await this.webhooks(manager, event, notices);
    return { notifications: counts.notifications, emails: counts.emails, webhooks };
  }

  private async recipients(manager: EntityManager, notices: readonly Notice[]): Promise<Recipient[]> {
    const wanted = notices.map((notice, idx) => ({ idx, unit_id: notice.unitId, roles: notice.roles }));
    return manager.query(
      `SELECT n.idx, u.id::text AS "userId", u.full_name AS "fullName", u.email, u.unit_id::text AS "unitId",
         jsonb_build_object('inApp', COALESCE(p.in_app, true), 'email', COALESCE(p.email, true),
           'emailMode', COALESCE(p.email_mode, 'immediate'), 'mutedKinds', to_jsonb(COALESCE(p.muted_kinds, '{}'))) AS preferences
       FROM jsonb_to_recordset($1::jsonb) AS n(idx int, unit_id bigint, roles text[])
       JOIN users u ON u.unit_id = n.unit_id AND u.role = ANY(n.roles) AND u.active
       LEFT JOIN preferences p ON p.user_id = u.id
       ORDER BY n.idx, u.id`,
      [JSON.stringify(wanted)],
    );
  }

  /** One call per (event, active endpoint of a unit told), signed and sent by the delivery worker. */
  private async webhooks(manager: EntityManager, event: EventEnvelope, notices: readonly Notice[]): Promise<number> {
    const units = notices.map((notice) => notice.unitId);
    const endpoints: { unitId: string }[] = await manager.query(
      'SELECT DISTINCT unit_id::text AS "unitId" FROM webhook_endpoints WHERE active AND unit_id = ANY($1::bigint[])',
      [units],
    );
    if (endpoints.length === 0) return 0;
    const withEndpoint = new Set(endpoints.map((row) => row.unitId));
    const calls = notices
      .filter((notice) => withEndpoint.has(notice.unitId))
      .map((notice) => {
        const payload: WebhookPayload = { type: notice.kind, timestamp: event.occurredAt, data: { ...notice.data, eventId: event.id } };
        return {
          unit_id: notice.unitId,
          kind: notice.kind,
          subject: this.templates.render(notice.kind, this.context(notice, notice.data.unit.name)).subject,
          payload,
          urgent: UNMUTABLE_KINDS.includes(notice.kind),
        };
      });
    const [{ created }] = await manager.query(
      `WITH created AS (
         INSERT INTO deliveries (event_id, channel, recipient, kind, unit_id, endpoint_id, subject, payload, urgent, status)
         SELECT $1, 'webhook', e.id::text, c.kind, e.unit_id, e.id, c.subject, c.payload, c.urgent, 'queued'
         FROM jsonb_to_recordset($2::jsonb) AS c(unit_id bigint, kind text, subject text, payload jsonb, urgent boolean)
         JOIN webhook_endpoints e ON e.unit_id = c.unit_id AND e.active
         ON CONFLICT (event_id, recipient, channel) DO NOTHING
         RETURNING 1
       )
       SELECT count(*)::int AS created FROM created`,
      [event.id, JSON.stringify(calls)],
    );
    return created;
  }

  private context(notice: Notice, recipientName: string): object {
    return { ...notice.data, recipient: { name: recipientName }, kindLabel: KIND_LABELS[notice.kind] };
  }
}
