import { ROLES, type Actor, type Role } from '#contracts';

const text = (value: unknown): string | null => {
  if (typeof value === 'string' && value.length > 0) return value;
  // Ids are bigints as strings, but accept a number in case a signer wrote one.
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return null;
};

/**
 * The Actor a verified token stands for, or null when a claim is missing or malformed (a token we
 * signed always has them all; anything else is refused rather than half-trusted).
 */
export function actorFromClaims(claims: unknown, correlationId: string): Actor | null {
  if (typeof claims !== 'object' || claims === null) return null;
  const c = claims as Record<string, unknown>;
  const userId = text(c.sub);
  const username = text(c.username);
  const unitId = text(c.unitId);
  const unitCode = text(c.unitCode);
  const unitPath = text(c.unitPath);
  const role = c.role;
  if (!userId || !username || !unitId || !unitCode || !unitPath) return null;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return null;
  return { userId, username, role: role as Role, unitId, unitCode, unitPath, correlationId };
}
