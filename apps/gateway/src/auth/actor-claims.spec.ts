import { actorFromClaims } from './actor-claims.js';

const claims = { sub: '42', username: 'vp.tu', role: 'office', unitId: '1', unitCode: 'TU', unitPath: '1', iat: 1, exp: 2 };

describe('actorFromClaims', () => {
  it('maps sub to userId and carries the correlation id', () => {
    expect(actorFromClaims(claims, 'req-1')).toEqual({
      userId: '42',
      username: 'vp.tu',
      role: 'office',
      unitId: '1',
      unitCode: 'TU',
      unitPath: '1',
      correlationId: 'req-1',
    });
  });

  it('accepts numeric ids', () => {
    expect(actorFromClaims({ ...claims, sub: 42, unitId: 1 }, 'r')).toMatchObject({ userId: '42', unitId: '1' });
  });

  it('refuses tokens with a missing claim or an unknown role', () => {
    for (const key of ['sub', 'username', 'role', 'unitId', 'unitCode', 'unitPath']) {
      const partial: Record<string, unknown> = { ...claims };
      delete partial[key];
      expect(actorFromClaims(partial, 'r')).toBeNull();
    }
    expect(actorFromClaims({ ...claims, role: 'superuser' }, 'r')).toBeNull();
    expect(actorFromClaims('token', 'r')).toBeNull();
  });
});
