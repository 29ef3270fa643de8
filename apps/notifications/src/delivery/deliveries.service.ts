import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  type Actor,
  type DeliveryDetail,
  type DeliveryPage,
  type DeliveryView,
  type GetDeliveryRequest,
  type ListDeliveriesRequest,
  type ResendDeliveriesRequest,
  type ResendResult,
} from '#contracts';
import { assertCanWrite, DomainError, isUuid, requireActor } from '#service-kit';
import { paging } from '../paging.js';
import { DeliveryQueue } from './delivery-queue.js';
import { resendFailed } from './delivery-store.js';
import { DeliveryDispatcher } from './delivery.dispatcher.js';

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const VIEW = `SELECT d.id::text AS id, d.event_id::text AS "eventId", d.channel, d.kind, d.status, d.attempts,
    d.last_error AS "lastError",
    jsonb_build_object('userId', CASE WHEN d.channel = 'email' THEN d.recipient END, 'username', us.username, 'email', us.email,
      'webhookId', d.endpoint_id::text, 'url', e.url) AS recipient,
    CASE WHEN un.id IS NULL THEN NULL ELSE jsonb_build_object('id', un.id::text, 'code', un.code, 'name', un.name) END AS unit,
    d.subject, ${iso('d.created_at')} AS "createdAt", ${iso('d.updated_at')} AS "updatedAt", ${iso('d.sent_at')} AS "sentAt"
  FROM deliveries d
  LEFT JOIN users us ON d.channel = 'email' AND us.id = d.recipient::uuid
  LEFT JOIN webhook_endpoints e ON e.id = d.endpoint_id
  LEFT JOIN units un ON un.id = d.unit_id`;

/**
 * Who sees which deliveries: an admin all; office, secretary and inspector those of units in their
 * subtree (people's e-mails and the units' webhooks); a member only e-mails sent to them.
 * `$1` is the actor's user id, `$2` their unit path.
 */
function scope(actor: Actor): string {
  if (actor.role === 'admin') return '($1::text IS NOT NULL AND $2::ltree IS NOT NULL)';
  if (actor.role === 'member') return `(d.recipient = $1::text AND $2::ltree IS NOT NULL)`;
  return '(d.unit_id IN (SELECT id FROM units WHERE path <@ $2::ltree) AND $1::text IS NOT NULL)';
}

/** The delivery log, read and resend. */
@Injectable()
export class DeliveriesService {
  private readonly logger = new Logger('Deliveries');

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: DeliveryQueue,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

  async list(request: ListDeliveriesRequest): Promise<DeliveryPage> {
    const actor = requireActor(request?.actor);
    const { page, pageSize } = paging(request, 'DELIVERY.LIST_INVALID');
    const fields = [];
    if (request.status !== undefined && !DELIVERY_STATUSES.includes(request.status)) {
      fields.push({ path: 'status', message: `phải là một trong: ${DELIVERY_STATUSES.join(', ')}` });
    }
    if (request.channel !== undefined && !DELIVERY_CHANNELS.includes(request.channel)) {
      fields.push({ path: 'channel', message: `phải là một trong: ${DELIVERY_CHANNELS.join(', ')}` });
    }
    if (request.eventId !== undefined && !isUuid(String(request.eventId))) fields.push({ path: 'eventId', message: 'phải là một uuid' });
    if (fields.length) throw DomainError.invalid('DELIVERY.LIST_INVALID', fields);
    const where = `${scope(actor)} AND ($3::text IS NULL OR d.status = $3) AND ($4::text IS NULL OR d.channel = $4)
      AND ($5::uuid IS NULL OR d.event_id = $5)`;
    const params = [actor.userId, actor.unitPath, request.status ?? null, request.channel ?? null, request.eventId ?? null];
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(`${VIEW} WHERE ${where} ORDER BY d.created_at DESC, d.id DESC LIMIT $6 OFFSET $7`, [
        ...params,
        pageSize,
        (page - 1) * pageSize,
      ]) as Promise<DeliveryView[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM deliveries d WHERE ${where}`, params),
    ]);
    return { items, total, page, pageSize };
  }

  async get(request: GetDeliveryRequest): Promise<DeliveryDetail> {
    const actor = requireActor(request?.actor);
    const notFound = () => DomainError.notFound('DELIVERY.NOT_FOUND', 'lượt gửi');
    if (typeof request.deliveryId !== 'string' || !isUuid(request.deliveryId)) throw notFound();
    const [view]: DeliveryView[] = await this.dataSource.query(`${VIEW} WHERE ${scope(actor)} AND d.id = $3`, [
      actor.userId,
      actor.unitPath,
      request.deliveryId,
    ]);
    if (!view) throw notFound();
    const history = await this.dataSource.query(
      `SELECT attempt, ${iso('at')} AS at, outcome, error FROM delivery_attempts WHERE delivery_id = $1 ORDER BY attempt`,
      [view.id],
    );
    return { ...view, history };
  }

  /**
   * Failed deliveries back into the queue: the ids given, or every failed one the caller can see.
   * Office, secretary and admin only; ids outside the caller's scope or not failed are skipped.
   */
  async resend(request: ResendDeliveriesRequest): Promise<ResendResult> {
    const actor = requireActor(request?.actor);
    assertCanWrite(actor);
    const ids = request.deliveryIds;
    if (ids !== undefined && (!Array.isArray(ids) || ids.length > 1000 || ids.some((id) => typeof id !== 'string' || !isUuid(id)))) {
      throw DomainError.invalid('DELIVERY.RESEND_INVALID', [{ path: 'deliveryIds', message: 'phải là danh sách tối đa 1000 uuid' }]);
    }
    const resent = await this.dataSource.transaction((manager) =>
      resendFailed(manager, { ids, unitPath: actor.role === 'admin' ? null : actor.unitPath }),
    );
    await this.queue.discard(resent).catch(() => undefined);
    this.dispatcher.nudge();
    if (resent.length) this.logger.log(`${actor.username} resent ${resent.length} failed deliveries`);
    return { resent: resent.length, ids: resent };
  }
}
