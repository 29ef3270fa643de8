import { ROLES, type Actor } from '#contracts';
import { DomainError } from '#service-kit';

/**
 * The gateway attaches the actor from a verified JWT; a request without a usable one is a bug or a
 * forged message on the bus, and must not fall through to "no subtree filter".
 */
export function requireActor(actor: Actor | undefined | null): Actor {
  if (
    !actor ||
    typeof actor.userId !== 'string' ||
    typeof actor.unitPath !== 'string' ||
    !/^\d+(\.\d+)*$/.test(actor.unitPath) ||
    !ROLES.includes(actor.role)
  ) {
    throw new DomainError('AUTH.UNAUTHENTICATED', 401, 'Bạn cần đăng nhập để thực hiện thao tác này');
  }
  return actor;
}
