import { ROLES, WRITER_ROLES, type Actor } from '#contracts';
import { DomainError } from './domain-error.js';

/** Inspectors and members read; only the unit's office, secretary (or admin) change things. */
export function assertCanWrite(actor: Actor): void {
  if (!WRITER_ROLES.includes(actor.role)) throw DomainError.forbidden();
}

export function isWithin(path: string, ancestorPath: string): boolean {
  return path === ancestorPath || path.startsWith(`${ancestorPath}.`);
}

/** Ids in URLs are user input: a malformed one names nothing (404), it is not a server error. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** Page numbers from any caller, clamped to what a page may be. */
export function pageWindow(page?: number, pageSize?: number): { page: number; pageSize: number; offset: number } {
  const p = Math.max(1, Math.floor(page ?? 1));
  const size = Math.min(200, Math.max(1, Math.floor(pageSize ?? 20)));
  return { page: p, pageSize: size, offset: (p - 1) * size };
}

/**
 * The gateway attaches the actor from a verified JWT; a request without a usable one is a bug or a
 * forged message on the bus, and must never fall through to "no subtree filter".
 */
export function requireActor(actor: Actor | undefined | null): Actor {
  if (
    !actor ||
    !isUuid(actor.userId) ||
    typeof actor.unitPath !== 'string' ||
    !/^\d+(\.\d+)*$/.test(actor.unitPath) ||
    !ROLES.includes(actor.role)
  ) {
    throw new DomainError('AUTH.UNAUTHENTICATED', 401, 'Bạn cần đăng nhập để thực hiện thao tác này');
  }
  return actor;
}
