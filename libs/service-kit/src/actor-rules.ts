import { WRITER_ROLES, type Actor } from '#contracts';
import { DomainError } from './domain-error.js';

/** Inspectors and members read; only the unit's office, secretary (or admin) change things. */
export function assertCanWrite(actor: Actor): void {
  if (!WRITER_ROLES.includes(actor.role)) throw DomainError.forbidden();
}

export function isWithin(path: string, ancestorPath: string): boolean {
  return path === ancestorPath || path.startsWith(`${ancestorPath}.`);
}
