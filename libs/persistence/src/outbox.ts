import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, EventMap, EventSubject } from '#contracts';
import { preparedQuery } from './prepared-query.js';

export interface EventMeta {
  correlationId: string;
  causationId?: string | null;
}

const APPEND_SQL = `INSERT INTO outbox (id, subject, envelope)
  SELECT (e->>'id')::uuid, $1, e FROM jsonb_array_elements($2::jsonb) AS e`;

/**
 * Appends events to the outbox inside the caller's transaction: the event exists exactly when the
 * change that caused it committed. The relay (messaging lib) publishes it afterwards.
 */
export async function appendToOutbox<S extends EventSubject>(
  manager: EntityManager,
  subject: S,
  items: EventMap[S][],
  meta: EventMeta,
): Promise<EventEnvelope<S, EventMap[S]>[]> {
  if (items.length === 0) return [];
  const occurredAt = new Date().toISOString();
  const envelopes = items.map((data) => ({
    id: randomUUID(),
    type: subject,
    version: 1,
    occurredAt,
    correlationId: meta.correlationId,
    causationId: meta.causationId ?? null,
    data,
  }));
  await preparedQuery(manager, 'outbox-append', APPEND_SQL, [subject, JSON.stringify(envelopes)]);
  return envelopes;
}

/**
 * The same envelope as `appendToOutbox`, built inside SQL for set-based producers that create
 * thousands of events in one statement without shipping rows to Node. `$subject`, `$correlation`
 * and `$causation` are the caller's parameter placeholders; `idExpr` and `dataExpr` are SQL.
 */
export function outboxEnvelopeSql(idExpr: string, subject: string, correlation: string, causation: string, dataExpr: string): string {
  return `jsonb_build_object('id', ${idExpr}, 'type', ${subject}::text, 'version', 1,
    'occurredAt', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'correlationId', ${correlation}::text, 'causationId', ${causation}::text, 'data', ${dataExpr})`;
}
