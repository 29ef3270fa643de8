import type { AccessTokenClaims, UserView } from '#contracts';

export type TokenClaims = AccessTokenClaims;

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
