import type { Role } from './actor.js';

/**
 * The access token's claims, signed by the directory and read by the gateway: exactly what it needs
 * to build an Actor without asking the directory again (`sub` is the user id). Renaming a claim
 * invalidates every token already issued.
 */
export interface AccessTokenClaims {
  sub: string;
  username: string;
  role: Role;
  unitId: string;
  unitCode: string;
  unitPath: string;
}
