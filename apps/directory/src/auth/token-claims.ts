import type { Role, UserView } from '#contracts';

/**
 * The access token's claims: exactly what the gateway needs to build an Actor without asking the
 * directory again (`sub` is the user id). Changing a name here breaks every issued token.
 */
export interface TokenClaims {
  sub: string;
  username: string;
  role: Role;
  unitId: string;
  unitCode: string;
  unitPath: string;
}

export function claimsOf(user: UserView): TokenClaims {
  return {
    sub: user.id,
    username: user.username,
    role: user.role,
    unitId: user.unit.id,
    unitCode: user.unit.code,
    unitPath: user.unit.path,
  };
}
