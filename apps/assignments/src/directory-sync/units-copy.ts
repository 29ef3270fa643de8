import type { EntityManager } from 'typeorm';
import type { UnitsUpsertedEvent } from '#contracts';
import { recordDirectoryChunk, upsertUnitsCopy } from '#persistence';

/** Applies one chunk of directory changes to the local tree copy and records the chunk. */
export async function applyUnitsChunk(manager: EntityManager, event: UnitsUpsertedEvent): Promise<void> {
  await upsertUnitsCopy(manager, event);
  await recordDirectoryChunk(manager, event);
}
