import type { EntityManager } from 'typeorm';

/**
 * Records that `consumer` processed `eventId`, in the same transaction as the effect. Returns false
 * when it was already processed: a redelivery or a duplicate publish then does nothing.
 */
export async function claimInbox(manager: EntityManager, consumer: string, eventId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    'INSERT INTO inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id',
    [consumer, eventId],
  );
  return rows.length === 1;
}

/** The batch form of `claimInbox`: returns the ids not processed before (duplicates count once). */
export async function claimInboxBatch(manager: EntityManager, consumer: string, eventIds: string[]): Promise<Set<string>> {
  const rows: { event_id: string }[] = await manager.query(
    'INSERT INTO inbox (consumer, event_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id',
    [consumer, eventIds],
  );
  return new Set(rows.map((row) => row.event_id));
}
