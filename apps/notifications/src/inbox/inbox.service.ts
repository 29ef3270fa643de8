import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ActorRequest, ListNotificationsRequest, MarkReadRequest, NotificationPage, NotificationView, UnreadCount } from '#contracts';
import { DomainError, isUuid, requireActor } from '#service-kit';
import { paging } from '../paging.js';

const VIEW_COLUMNS = `id::text AS id, kind, subject, body_text AS text, body_html AS html, data,
  to_char(read_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "readAt",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`;

/** Each user's in-app inbox: only their own items, newest first. */
@Injectable()
export class InboxService {
  constructor(private readonly dataSource: DataSource) {}

  async list(request: ListNotificationsRequest): Promise<NotificationPage> {
    const actor = requireActor(request?.actor);
    const { page, pageSize } = paging(request, 'NOTIFICATION.LIST_INVALID');
    const unreadOnly = request.unreadOnly === true;
    const [items, [counts]] = await Promise.all([
      this.dataSource.query(
        `SELECT ${VIEW_COLUMNS} FROM notifications
         WHERE user_id = $1 AND in_app AND (NOT $2 OR read_at IS NULL)
         ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`,
        [actor.userId, unreadOnly, pageSize, (page - 1) * pageSize],
      ) as Promise<NotificationView[]>,
      this.dataSource.query(
        `SELECT count(*) FILTER (WHERE NOT $2 OR read_at IS NULL)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
         FROM notifications WHERE user_id = $1 AND in_app`,
        [actor.userId, unreadOnly],
      ),
    ]);
    return { items, total: counts.total, unread: counts.unread, page, pageSize };
  }

  async unreadCount(request: ActorRequest): Promise<UnreadCount> {
    const actor = requireActor(request?.actor);
    const [{ unread }] = await this.dataSource.query(
      'SELECT count(*)::int AS unread FROM notifications WHERE user_id = $1 AND in_app AND read_at IS NULL',
      [actor.userId],
    );
    return { unread };
  }

  /** Idempotent: reading an item twice keeps the first time. Someone else's item is 404. */
  async markRead(request: MarkReadRequest): Promise<NotificationView> {
    const actor = requireActor(request?.actor);
    const id = request.notificationId;
    const notFound = () => DomainError.notFound('NOTIFICATION.NOT_FOUND', 'thông báo');
    if (typeof id !== 'string' || !isUuid(id)) throw notFound();
    const [row]: NotificationView[] = await this.dataSource.query(
      `WITH updated AS (
         UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 AND in_app RETURNING *
       )
       SELECT ${VIEW_COLUMNS} FROM updated`,
      [id, actor.userId],
    );
    if (!row) throw notFound();
    return row;
  }

  async markAllRead(request: ActorRequest): Promise<UnreadCount & { marked: number }> {
    const actor = requireActor(request?.actor);
    const rows: unknown[] = await this.dataSource.query(
      `WITH marked AS (UPDATE notifications SET read_at = now() WHERE user_id = $1 AND in_app AND read_at IS NULL RETURNING id)
       SELECT id FROM marked`,
      [actor.userId],
    );
    return { marked: rows.length, unread: 0 };
  }
}
