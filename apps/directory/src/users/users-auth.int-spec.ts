import { JwtService } from '@nestjs/jwt';
import { RpcPatterns, type Actor, type ImportUnitsResult, type LoginResult, type UserView } from '#contracts';
import { UserContact1733000000200 } from '../migrations/1733000000200-user-contact.js';
import { AdminSeeder } from './admin-seeder.js';
import { startDirectoryTestApp, type DirectoryTestApp } from '../testing/directory-test-app.js';

const P = RpcPatterns.directory;

let t: DirectoryTestApp;
let admin: Actor;
let secretary: Actor;

beforeAll(async () => {
  t = await startDirectoryTestApp();
  admin = await t.actorFor('admin', 'mat-khau-quan-tri');
  // A small tree: TW > P1 > C1, C2; TW > P2.
  await t.rpc<ImportUnitsResult>(P.importUnits, {
    actor: admin,
    rows: [
      { code: 'P1', name: 'Tỉnh ủy Một', parentCode: 'TW', kind: 'province' },
      { code: 'C1', name: 'Đảng ủy xã Một', parentCode: 'P1', kind: 'commune' },
      { code: 'C2', name: 'Đảng ủy xã Hai', parentCode: 'P1', kind: 'commune' },
      { code: 'P2', name: 'Tỉnh ủy Hai', parentCode: 'TW', kind: 'province' },
    ],
  });
  await t.rpc<UserView>(P.createUser, {
    actor: admin,
    username: 'BiThu.P1',
    password: 'mat-khau-bi-thu',
    fullName: 'Nguyễn Văn A',
    unitCode: 'P1',
    role: 'secretary',
  });
  secretary = await t.actorFor('bithu.p1', 'mat-khau-bi-thu');
}, 60_000);

afterAll(async () => {
  await t?.close();
}, 30_000);

describe('login', () => {
  it('signs an HS256 token with the actor claims and the configured expiry', async () => {
    const result = await t.rpc<LoginResult>(P.login, { username: 'BITHU.P1', password: 'mat-khau-bi-thu' });
    expect(result).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600, user: { username: 'bithu.p1', role: 'secretary' } });
    const jwt = new JwtService({ secret: t.config.JWT_SECRET });
    const claims = await jwt.verifyAsync(result.accessToken, { algorithms: ['HS256'] });
    expect(claims).toMatchObject({
      sub: result.user.id,
      username: 'bithu.p1',
      role: 'secretary',
      unitId: result.user.unit.id,
      unitCode: 'P1',
      unitPath: result.user.unit.path,
    });
    expect(claims.exp - claims.iat).toBe(3600);
    expect(result.user.unit.path).toMatch(/^\d+\.\d+$/);
    expect(JSON.parse(Buffer.from(result.accessToken.split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'HS256' });
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const wrongPassword = await t.rpcError(P.login, { username: 'admin', password: 'not-the-password' });
    const unknownUser = await t.rpcError(P.login, { username: 'nobody', password: 'mat-khau-quan-tri' });
    expect(wrongPassword).toEqual({ code: 'AUTH.INVALID_CREDENTIALS', status: 401, message: 'Tên đăng nhập hoặc mật khẩu không đúng' });
    expect(unknownUser).toEqual(wrongPassword);
  });

  it('stores argon2id hashes, never the password', async () => {
    const [row] = await t.dataSource.query(`SELECT password_hash FROM users WHERE username = 'bithu.p1'`);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe('users', () => {
  it('me returns the caller with its unit', async () => {
    expect(await t.rpc<UserView>(P.me, { actor: secretary })).toMatchObject({
      username: 'bithu.p1',
      fullName: 'Nguyễn Văn A',
      role: 'secretary',
      unit: { code: 'P1', name: 'Tỉnh ủy Một', path: secretary.unitPath },
    });
  });

  it('the admin seeding is idempotent across restarts (one admin, one TW, no new version)', async () => {
    const version = async () => Number((await t.dataSource.query('SELECT version FROM directory_version'))[0].version);
    const before = await version();
    await t.app.get(AdminSeeder).onApplicationBootstrap();
    expect(await version()).toBe(before);
    expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM users WHERE role = 'admin'`))[0].n)).toBe(1);
    expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM units WHERE parent_id IS NULL`))[0].n)).toBe(1);
  });

  it('a secretary creates users in its subtree, not outside, and never an admin', async () => {
    const created = await t.rpc<UserView>(P.createUser, {
      actor: secretary,
      username: 'vp.c1',
      password: 'mat-khau-c1-dai',
      fullName: '  Trần   Thị B ',
      unitCode: 'C1',
      role: 'office',
    });
    expect(created).toMatchObject({ username: 'vp.c1', fullName: 'Trần Thị B', role: 'office', unit: { code: 'C1' } });
    expect(
      await t.rpcError(P.createUser, { actor: secretary, username: 'vp.p2', password: 'mat-khau-p2-dai', fullName: 'X', unitCode: 'P2', role: 'office' }),
    ).toMatchObject({ code: 'UNIT.NOT_FOUND', status: 404 });
    expect(
      await t.rpcError(P.createUser, { actor: secretary, username: 'boss', password: 'mat-khau-boss', fullName: 'X', unitCode: 'C2', role: 'admin' }),
    ).toMatchObject({ code: 'AUTH.FORBIDDEN', status: 403 });
  });

  it('members and inspectors cannot create users', async () => {
    const member: Actor = { ...secretary, role: 'member' };
    expect(
      await t.rpcError(P.createUser, { actor: member, username: 'x.y', password: 'mat-khau-dai', fullName: 'X', unitCode: 'C2', role: 'member' }),
    ).toMatchObject({ code: 'AUTH.FORBIDDEN', status: 403 });
  });

  it('refuses a taken username (case-insensitive) with 409', async () => {
    expect(
      await t.rpcError(P.createUser, { actor: admin, username: 'VP.C1', password: 'mat-khau-khac', fullName: 'Y', unitCode: 'C2', role: 'member' }),
    ).toMatchObject({ code: 'USER.USERNAME_TAKEN', status: 409 });
  });

  it('lists every invalid field at once', async () => {
    const error = await t.rpcError(P.createUser, { actor: admin, username: 'a', password: 'short', fullName: ' ', unitCode: '', role: 'king' });
    expect(error).toMatchObject({ code: 'USER.INVALID', status: 400 });
    expect(error.fields?.map((field) => field.path)).toEqual(['username', 'password', 'fullName', 'unitCode', 'role']);
  });

  it('refuses a request without a valid actor', async () => {
    expect(await t.rpcError(P.me, {})).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', status: 401 });
  });
});

describe('e-mail, changes and directory.users.upserted', () => {
  const upserted = async (userId: string) =>
    (
      await t.dataSource.query(
        `SELECT envelope->'data'->'users'->0 AS record FROM outbox
         WHERE subject = 'directory.users.upserted' AND envelope->'data'->'users' @> jsonb_build_array(jsonb_build_object('id', $1::text))
         ORDER BY seq`,
        [userId],
      )
    ).map((row: { record: unknown }) => row.record);

  it('stores an optional e-mail and publishes every new user through the outbox', async () => {
    const created = await t.rpc<UserView>(P.createUser, {
      actor: admin, username: 'vp.c2', password: 'mat-khau-c2-dai', fullName: 'Lê Văn C', unitCode: 'C2', role: 'office', email: ' vp.c2@xa-hai.vn ',
    });
    expect(created).toMatchObject({ email: 'vp.c2@xa-hai.vn', active: true });
    expect(await upserted(created.id)).toEqual([
      { id: created.id, username: 'vp.c2', fullName: 'Lê Văn C', email: 'vp.c2@xa-hai.vn', unitId: created.unit.id, role: 'office', active: true, updatedAt: expect.stringMatching(/Z$/) },
    ]);
    const invalid = await t.rpcError(P.createUser, {
      actor: admin, username: 'x.c2', password: 'mat-khau-dai-x', fullName: 'X', unitCode: 'C2', role: 'member', email: 'khong-phai-email',
    });
    expect(invalid).toMatchObject({ code: 'USER.INVALID', fields: [{ path: 'email' }] });
    // The seeded admin was published too (at start).
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE subject = 'directory.users.upserted'`);
    expect(n).toBeGreaterThanOrEqual(3);
  });

  it('lets users change their own e-mail; role and active need a writer over their unit', async () => {
    const member = await t.rpc<UserView>(P.createUser, {
      actor: secretary, username: 'dv.c1', password: 'mat-khau-dv-dai', fullName: 'Đảng viên', unitCode: 'C1', role: 'member',
    });
    const self = await t.actorFor('dv.c1', 'mat-khau-dv-dai');
    const changed = await t.rpc<UserView>(P.updateUser, { actor: self, userId: member.id, email: 'dv.c1@xa-mot.vn' });
    expect(changed.email).toBe('dv.c1@xa-mot.vn');
    expect(await t.rpcError(P.updateUser, { actor: self, userId: member.id, role: 'office' })).toMatchObject({ status: 403 });
    // Outside the caller's subtree: not found, like a missing user.
    const outsider = await t.rpc<UserView>(P.createUser, {
      actor: admin, username: 'vp.p2', password: 'mat-khau-p2-dai', fullName: 'P2', unitCode: 'P2', role: 'office',
    });
    expect(await t.rpcError(P.updateUser, { actor: secretary, userId: outsider.id, email: null })).toMatchObject({ status: 404, code: 'USER.NOT_FOUND' });
    expect(await t.rpcError(P.updateUser, { actor: secretary, userId: secretary.userId, active: false })).toMatchObject({
      status: 409,
      code: 'USER.SELF_LOCKOUT',
    });
    // The secretary deactivates the member: the change is published and the member cannot log in.
    const deactivated = await t.rpc<UserView>(P.updateUser, { actor: secretary, userId: member.id, active: false, email: null });
    expect(deactivated).toMatchObject({ active: false, email: null });
    const records = await upserted(member.id);
    expect(records.map((r: { email: string | null; active: boolean }) => [r.email, r.active])).toEqual([
      [null, true],
      ['dv.c1@xa-mot.vn', true],
      [null, false],
    ]);
    expect(await t.rpcError(P.login, { username: 'dv.c1', password: 'mat-khau-dv-dai' })).toMatchObject({ status: 401 });
  });
});

describe('migration UserContact1733000000200', () => {
  it('publishes the users that existed before it, in chunks, so copies start complete', async () => {
    const runner = t.dataSource.createQueryRunner();
    try {
      // Back to the schema before the migration, with users already there.
      const migration = new UserContact1733000000200();
      await migration.down(runner);
      const [{ n: users }] = await runner.query('SELECT count(*)::int AS n FROM users');
      await runner.query(`DELETE FROM outbox WHERE subject = 'directory.users.upserted'`);
      await migration.up(runner);
      const events: { users: { id: string; active: boolean; email: string | null }[] }[] = (
        await runner.query(`SELECT envelope->'data' AS data FROM outbox WHERE subject = 'directory.users.upserted'`)
      ).map((row: { data: unknown }) => row.data);
      expect(events).toHaveLength(1);
      expect(events[0]!.users).toHaveLength(users);
      expect(events[0]!.users.every((user) => user.active && user.email === null)).toBe(true);
      const [envelope] = await runner.query(`SELECT envelope FROM outbox WHERE subject = 'directory.users.upserted'`);
      expect(envelope.envelope).toMatchObject({ type: 'directory.users.upserted', version: 1, correlationId: 'migration:UserContact1733000000200' });
    } finally {
      await runner.release();
    }
  });
});
