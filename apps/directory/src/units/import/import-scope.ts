import type { Actor } from '#contracts';
import { assertCanWrite } from '#service-kit';

/**
 * Where an import may create or change units. The admin (and the ops CLI) may import anywhere; a
 * secretary or office only strictly below its own unit: it may neither touch its own unit nor
 * anything beside or above it, and it may not create top-level units.
 */
export type ImportScope = { kind: 'everywhere' } | { kind: 'subtree'; path: string };

export const EVERYWHERE: ImportScope = { kind: 'everywhere' };

export function importScopeFor(actor: Actor): ImportScope {
  assertCanWrite(actor);
  return actor.role === 'admin' ? EVERYWHERE : { kind: 'subtree', path: actor.unitPath };
}
