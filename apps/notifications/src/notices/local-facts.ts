import type { EntityManager } from 'typeorm';
import type { EventEnvelope, NotificationUnit } from '#contracts';
import { RetryLater } from '#messaging';
import { isUuid } from '#service-kit';

export interface LocalPlan {
  id: string;
  symbol: string;
  title: string;
  issuerId: string;
}

export interface LocalTask {
  id: string;
  planId: string;
  number: string;
  title: string;
  timeline: string;
  dueAt: string | null;
}

/**
 * How long an event may wait for the facts it needs (a unit, a plan) to reach this service's
 * copies. Events from one cascade arrive through different consumers, so a moment's lag is normal;
 * past this age the fact is not coming (e.g. a plan issued before this service existed) and the
 * event is handled without it rather than retried forever.
 */
export const FACT_WAIT_MS = 10 * 60_000;


/**
 * Reads this service's copies of other services' data (units, plans, tasks), kept from their
 * events, inside the handler's transaction. Never another service's schema.
 */
export class LocalFacts {
  constructor(
    private readonly manager: EntityManager,
    private readonly event: EventEnvelope,
    private readonly now: () => number = Date.now,
  ) {}

  async units(ids: (string | null | undefined)[]): Promise<Map<string, NotificationUnit>> {
    const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string' && /^\d+$/.test(id)))];
    if (wanted.length === 0) return new Map();
    const rows: NotificationUnit[] = await this.manager.query(
      'SELECT id::text AS id, code, name FROM units WHERE id = ANY($1::bigint[])',
      [wanted],
    );
    const found = new Map(rows.map((row) => [row.id, row]));
    const missing = wanted.filter((id) => !found.has(id));
    if (missing.length > 0) this.missing(`units ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ' …' : ''}`);
    return found;
  }

  /** `required: false`: the caller has what it needs without it (the event carried it inline). */
  async plan(id: string | null | undefined, { required = true } = {}): Promise<LocalPlan | null> {
    if (!id || !isUuid(id)) return null;
    const [row]: LocalPlan[] = await this.manager.query(
      'SELECT id::text AS id, symbol, title, issuer_id::text AS "issuerId" FROM plans WHERE id = $1',
      [id],
    );
    if (!row && required) this.missing(`plan ${id}`);
    return row ?? null;
  }

  async task(id: string | null | undefined, { required = true } = {}): Promise<LocalTask | null> {
    if (!id || !isUuid(id)) return null;
    const [row]: LocalTask[] = await this.manager.query(
      `SELECT id::text AS id, plan_id::text AS "planId", number, title, timeline,
         to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "dueAt"
       FROM tasks WHERE id = $1`,
      [id],
    );
    if (!row && required) this.missing(`task ${id}`);
    return row ?? null;
  }

  /** A young event waits for the fact (RetryLater); an old one goes on without it. */
  private missing(what: string): void {
    const age = this.now() - Date.parse(this.event.occurredAt);
    if (!(age > FACT_WAIT_MS)) throw new RetryLater(`waiting for ${what}`, 1000);
  }
}
