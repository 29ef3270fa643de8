import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CreateWebhookRequest, CreatedWebhook, DeleteWebhookRequest, ListWebhooksRequest, WebhookPage, WebhookView } from '#contracts';
import { assertCanWrite, DomainError, isUuid, requireActor } from '#service-kit';
import { paging } from '../paging.js';
import { WebhookAddressPolicy } from './webhook-addresses.js';

const MAX_URL_LENGTH = 2000;

/** A Standard Webhooks secret: `whsec_` + 24 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** http(s) only, no fragment, not inside the network; the reason when it is not acceptable. */
export function webhookUrlProblem(value: unknown, addresses: WebhookAddressPolicy): string | null {
  if (typeof value !== 'string' || value.length === 0) return 'là bắt buộc';
  if (value.length > MAX_URL_LENGTH) return `không được dài quá ${MAX_URL_LENGTH} ký tự`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'không phải là một địa chỉ URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'phải bắt đầu bằng https:// hoặc http://';
  if (url.hash) return 'không được có phần #';
  return addresses.refusalOf(url);
}

const VIEW = `SELECT e.id::text AS id, e.url, e.description, e.active,
    jsonb_build_object('id', u.id::text, 'code', u.code, 'name', u.name) AS unit,
    to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
  FROM webhook_endpoints e JOIN units u ON u.id = e.unit_id`;

/**
 * Outbound webhooks per unit: a unit's office, secretary (or an admin) registers an endpoint for
 * its unit or one below it and receives the signing secret once. Every notification that concerns
 * the unit is then POSTed there, signed (see delivery/webhook.sender.ts).
 */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly dataSource: DataSource,
    private readonly addresses: WebhookAddressPolicy,
  ) {}

  async create(request: CreateWebhookRequest): Promise<CreatedWebhook> {
    const actor = requireActor(request?.actor);
    assertCanWrite(actor);
    const problem = webhookUrlProblem(request.url, this.addresses);
    const description = typeof request.description === 'string' ? request.description.trim().slice(0, 500) || null : null;
    if (problem) throw DomainError.invalid('WEBHOOK.INVALID', [{ path: 'url', message: problem }]);
    const code = typeof request.unitCode === 'string' && request.unitCode.trim() ? request.unitCode.trim() : null;
    const [unit]: { id: string }[] = await this.dataSource.query(
      `SELECT id::text AS id FROM units WHERE ${code ? 'code = $2' : 'id = $2::bigint'} AND path <@ $1::ltree`,
      [actor.unitPath, code ?? actor.unitId],
    );
    if (!unit) throw DomainError.notFound('UNIT.NOT_FOUND', `đơn vị "${code ?? actor.unitCode}"`);
    const secret = newWebhookSecret();
    const [created]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO webhook_endpoints (unit_id, url, secret, description, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id::text AS id`,
      [unit.id, request.url, secret, description, actor.userId],
    );
    this.logger.log(`${actor.username} registered webhook ${created!.id} for unit ${unit.id}`);
    const [view]: WebhookView[] = await this.dataSource.query(`${VIEW} WHERE e.id = $1`, [created!.id]);
    return { ...view!, secret };
  }

  async list(request: ListWebhooksRequest): Promise<WebhookPage> {
    const actor = requireActor(request?.actor);
    const { page, pageSize } = paging(request, 'WEBHOOK.LIST_INVALID');
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(`${VIEW} WHERE e.active AND u.path <@ $1::ltree ORDER BY e.created_at DESC, e.id LIMIT $2 OFFSET $3`, [
        actor.unitPath,
        pageSize,
        (page - 1) * pageSize,
      ]) as Promise<WebhookView[]>,
      this.dataSource.query(
        'SELECT count(*)::int AS total FROM webhook_endpoints e JOIN units u ON u.id = e.unit_id WHERE e.active AND u.path <@ $1::ltree',
        [actor.unitPath],
      ),
    ]);
    return { items, total, page, pageSize };
  }

  /** Stops calls to the endpoint; deliveries still waiting for it fail as "webhook removed". */
  async remove(request: DeleteWebhookRequest): Promise<WebhookView> {
    const actor = requireActor(request?.actor);
    assertCanWrite(actor);
    const notFound = () => DomainError.notFound('WEBHOOK.NOT_FOUND', 'webhook');
    if (typeof request.webhookId !== 'string' || !isUuid(request.webhookId)) throw notFound();
    const rows: unknown[] = await this.dataSource.query(
      `WITH removed AS (
         UPDATE webhook_endpoints e SET active = false FROM units u
         WHERE e.id = $1 AND e.active AND u.id = e.unit_id AND u.path <@ $2::ltree RETURNING e.id
       )
       SELECT id FROM removed`,
      [request.webhookId, actor.unitPath],
    );
    if (rows.length === 0) throw notFound();
    const [view]: WebhookView[] = await this.dataSource.query(`${VIEW} WHERE e.id = $1`, [request.webhookId]);
    return view!;
  }
}
