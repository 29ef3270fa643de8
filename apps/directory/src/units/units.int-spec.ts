import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import {
  EventSubjects,
  RpcPatterns,
  type Actor,
  type EventEnvelope,
  type ImportUnitsResult,
  type ResolveUnitsResult,
  type UnitImportRow,
  type UnitPage,
  type UnitRecord,
  type UnitsUpsertedEvent,
  type UserView,
} from '#contracts';
import { expectEventually, REPO_ROOT } from '#testing';
import { join } from 'node:path';
import { startDirectoryTestApp, type DirectoryTestApp } from '../testing/directory-test-app.js';
import { readUnitFile } from './import/unit-file.js';

const P = RpcPatterns.directory;
const OFFICIAL = join(REPO_ROOT, 'data', 'vn-admin-units-2025.json');

let t: DirectoryTestApp;
let admin: Actor;
let official: UnitImportRow[];

const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(sql, params))[0].n);
const outboxEvents = async (): Promise<EventEnvelope<'directory.units.upserted', UnitsUpsertedEvent>[]> =>
  (await t.dataSource.query(`SELECT envelope FROM outbox WHERE subject = $1 ORDER BY seq`, [EventSubjects.unitsUpserted])).map(
    (row: { envelope: EventEnvelope<'directory.units.upserted', UnitsUpsertedEvent> }) => row.envelope,
  );
const version = async () => count('SELECT version AS n FROM directory_version');

beforeAll(async () => {
  t = await startDirectoryTestApp();
  admin = await t.actorFor('admin', 'mat-khau-quan-tri');
  official = (await readUnitFile(OFFICIAL)).rows;
}, 60_000);

afterAll(async () => {
  await t?.close();
}, 30_000);

describe('start-up', () => {
  it('seeds the root unit TW and the admin in it, announcing TW as version 1', async () => {
    expect(admin).toMatchObject({ username: 'admin', role: 'admin', unitCode: 'TW', unitPath: admin.unitId });
    expect(await version()).toBe(1);
    const [event] = await outboxEvents();
    expect(event!.data).toMatchObject({ directoryVersion: 1, chunk: 1, chunkCount: 1, units: [{ code: 'TW', parentId: null }] });
  });
});

describe('import of the official 3,355 units', () => {
  let result: ImportUnitsResult;
  let elapsedMs: number;

  beforeAll(async () => {
    const started = performance.now();
    result = await t.rpc<ImportUnitsResult>(P.importUnits, { actor: admin, rows: official });
    elapsedMs = performance.now() - started;
    console.log(`import of ${official.length} rows (3,355 official units + TW) over NATS: ${Math.round(elapsedMs)} ms`);
  }, 30_000);

  it('creates every unit once, well under 5 s', async () => {
    expect(result).toEqual({ created: 3355, updated: 0, unchanged: 1, total: 3356, directoryVersion: 2 });
    expect(elapsedMs).toBeLessThan(5000);
    expect(await count('SELECT count(*) AS n FROM units')).toBe(3356);
    expect(await count(`SELECT count(*) AS n FROM units WHERE kind = 'province' AND parent_id = $1`, [admin.unitId])).toBe(34);
  });

  it('stores names in NFC and paths of ids that follow parent_id', async () => {
    expect(await count(`SELECT count(*) AS n FROM units WHERE name <> normalize(name, NFC)`)).toBe(0);
    expect(
      await count(
        `SELECT count(*) AS n FROM units c JOIN units p ON p.id = c.parent_id WHERE c.path <> p.path || c.id::text::ltree`,
      ),
    ).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM units WHERE nlevel(path) = 3`)).toBe(3321);
  });

  it('writes the changes to the outbox in chunks of 1,000, all of version 2', async () => {
    const events = (await outboxEvents()).filter((event) => event.data.directoryVersion === 2);
    expect(events.map((event) => [event.data.chunk, event.data.chunkCount, event.data.units.length])).toEqual([
      [1, 4, 1000],
      [2, 4, 1000],
      [3, 4, 1000],
      [4, 4, 355],
    ]);
    const codes = new Set(events.flatMap((event) => event.data.units.map((unit) => unit.code)));
    expect(codes.size).toBe(3355);
    expect(codes.has('TW')).toBe(false); // unchanged units are not re-sent
  });

  it('publishes them to the JetStream stream through the relay', async () => {
    const nc = await connect({ servers: t.nats.url });
    try {
      const jsm = await jetstreamManager(nc);
      await expectEventually(async () => {
        const info = await jsm.streams.info(t.config.NATS_STREAM, { subjects_filter: EventSubjects.unitsUpserted });
        expect(info.state.subjects?.[EventSubjects.unitsUpserted]).toBe(5);
      });
      const message = await jsm.streams.getMessage(t.config.NATS_STREAM, { last_by_subj: EventSubjects.unitsUpserted });
      expect(message!.json<EventEnvelope<string, UnitsUpsertedEvent>>().data).toMatchObject({ directoryVersion: 2, chunk: 4 });
      expect(await count('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL')).toBe(0);
    } finally {
      await nc.close();
    }
  });

  it('is idempotent: a second import changes nothing and keeps the version', async () => {
    const outboxBefore = await count('SELECT count(*) AS n FROM outbox');
    const again = await t.rpc<ImportUnitsResult>(P.importUnits, { actor: admin, rows: official });
    expect(again).toEqual({ created: 0, updated: 0, unchanged: 3356, total: 3356, directoryVersion: 2 });
    expect(await count('SELECT count(*) AS n FROM units')).toBe(3356);
    expect(await count('SELECT count(*) AS n FROM outbox')).toBe(outboxBefore);
  });
});

describe('re-import with changes', () => {
  it('renames, moves a unit and, with a moved province, its whole subtree in one version', async () => {
    // Hà Nội (01) moves below Lạng Sơn (20) with all its communes; Phường Ba Đình is renamed.
    const rows = official.map((row) =>
      row.code === '01' ? { ...row, parentCode: '20' } : row.code === '00004' ? { ...row, name: 'Phường  Ba Đình mới ' } : row,
    );
    const result = await t.rpc<ImportUnitsResult>(P.importUnits, { actor: admin, rows });
    expect(result).toEqual({ created: 0, updated: 127, unchanged: 3229, total: 3356, directoryVersion: 3 });
    const [hanoi] = await t.dataSource.query(`SELECT path::text FROM units WHERE code = '01'`);
    const [langSon] = await t.dataSource.query(`SELECT id::text, path::text FROM units WHERE code = '20'`);
    expect(hanoi.path).toBe(`${langSon.path}.${hanoi.path.split('.').at(-1)}`);
    expect(await count(`SELECT count(*) AS n FROM units WHERE path <@ $1::ltree AND nlevel(path) = 4`, [hanoi.path])).toBe(126);
    const [baDinh] = await t.dataSource.query(`SELECT name, name_search FROM units WHERE code = '00004'`);
    expect(baDinh).toEqual({ name: 'Phường Ba Đình mới', name_search: 'phuong ba dinh moi' });

    const units = (await outboxEvents()).filter((event) => event.data.directoryVersion === 3).flatMap((event) => event.data.units);
    expect(units).toHaveLength(127);
    expect(units.find((unit) => unit.code === '00004')!.path.startsWith(`${langSon.path}.`)).toBe(true);
  });

  it('moves the subtree back (descendants not in the file follow their ancestor)', async () => {
    // Only the province row: its 126 communes are not in the file and must follow it.
    const hanoi = official.find((row) => row.code === '01')!;
    const result = await t.rpc<ImportUnitsResult>(P.importUnits, { actor: admin, rows: [hanoi] });
    expect(result).toMatchObject({ updated: 1, total: 1, directoryVersion: 4 });
    expect(
      await count(`SELECT count(*) AS n FROM units c JOIN units p ON p.id = c.parent_id WHERE c.path <> p.path || c.id::text::ltree`),
    ).toBe(0);
    const units = (await outboxEvents()).filter((event) => event.data.directoryVersion === 4).flatMap((event) => event.data.units);
    expect(units).toHaveLength(127);
  });
});

describe('all or nothing', () => {
  it('returns every row-level error and writes nothing', async () => {
    const [units, outbox, v] = [await count('SELECT count(*) AS n FROM units'), await count('SELECT count(*) AS n FROM outbox'), await version()];
    const rows = [
      { code: 'NEW-1', name: 'Đơn vị hợp lệ', parentCode: '01', kind: 'chi_bo' },
      { code: 'NEW-2', name: 'Cấp trên lạ', parentCode: '0999', kind: 'chi_bo' },
      { code: 'NEW-1', name: 'Trùng mã', parentCode: '01', kind: 'chi_bo' },
      { code: 'NEW-3', name: '   ', parentCode: '01', kind: 'chi_bo' },
      { code: 'NEW-4', name: 'Vòng A', parentCode: 'NEW-5', kind: 'chi_bo' },
      { code: 'NEW-5', name: 'Vòng B', parentCode: 'NEW-4', kind: 'chi_bo' },
      { code: '', name: 'Không mã', parentCode: '01', kind: '' },
    ];
    const error = await t.rpcError(P.importUnits, { actor: admin, rows });
    expect(error).toMatchObject({ code: 'UNIT.IMPORT_INVALID', status: 400 });
    expect(error.fields).toEqual([
      { path: 'rows[1].parentCode', message: 'Không tìm thấy đơn vị cấp trên "0999"' },
      { path: 'rows[2].code', message: 'Mã đơn vị "NEW-1" bị trùng với dòng rows[0]' },
      { path: 'rows[3].name', message: 'Tên đơn vị không được để trống' },
      { path: 'rows[4].parentCode', message: 'Cấp trên tạo thành vòng lặp: "NEW-4" → "NEW-5" → "NEW-4"' },
      { path: 'rows[5].parentCode', message: 'Cấp trên tạo thành vòng lặp: "NEW-4" → "NEW-5" → "NEW-4"' },
      { path: 'rows[6].kind', message: 'Loại đơn vị không được để trống' },
      { path: 'rows[6].code', message: 'Mã đơn vị không được để trống' },
    ]);
    expect(await count('SELECT count(*) AS n FROM units')).toBe(units);
    expect(await count(`SELECT count(*) AS n FROM units WHERE code LIKE 'NEW-%'`)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM outbox')).toBe(outbox);
    expect(await version()).toBe(v);
  });

  it('refuses roles that cannot write', async () => {
    const inspector: Actor = { ...admin, role: 'inspector' };
    expect(await t.rpcError(P.importUnits, { actor: inspector, rows: [] })).toMatchObject({ code: 'AUTH.FORBIDDEN', status: 403 });
  });
});

describe('subtree-limited reads', () => {
  let langSon: Actor;

  beforeAll(async () => {
    await t.rpc<UserView>(P.createUser, {
      actor: admin,
      username: 'vp.langson',
      password: 'mat-khau-lang-son',
      fullName: 'Văn phòng Tỉnh ủy Lạng Sơn',
      unitCode: '20',
      role: 'office',
    });
    langSon = await t.actorFor('vp.langson', 'mat-khau-lang-son');
  }, 30_000);

  it('finds names ignoring case, diacritics and đ', async () => {
    const search = (q: string, actor = admin) => t.rpc<UnitPage>(P.searchUnits, { actor, q });
    expect((await search('lang son')).items[0]).toMatchObject({ code: '20', name: 'Tỉnh Lạng Sơn', depth: 1 });
    expect((await search('ha noi')).items[0]).toMatchObject({ code: '01', name: 'Thành phố Hà Nội', depth: 1 });
    expect((await search('HÀ NỘI')).items[0]).toMatchObject({ code: '01' });
    const dong = await search('dong dang');
    expect(dong.items.map((unit) => unit.name)).toContain('Xã Đồng Đăng');
  });

  it('sees nothing outside the caller subtree', async () => {
    expect(await t.rpc<UnitPage>(P.searchUnits, { actor: langSon, q: 'ha noi' })).toMatchObject({ total: 0, items: [] });
    const communes = await t.rpc<UnitPage>(P.searchUnits, { actor: langSon, kind: 'commune', pageSize: 200 });
    const expected = official.filter((row) => row.parentCode === '20').length;
    expect(communes.total).toBe(expected);
    expect(communes.items.every((unit) => unit.path.startsWith(`${langSon.unitPath}.`) && unit.depth === 1)).toBe(true);
    expect((await t.rpc<UnitPage>(P.searchUnits, { actor: langSon, parentCode: '01' })).total).toBe(0);
  });

  it('filters by parent and kind, pages and counts', async () => {
    const page1 = await t.rpc<UnitPage>(P.searchUnits, { actor: admin, parentCode: '01', pageSize: 50 });
    const page3 = await t.rpc<UnitPage>(P.searchUnits, { actor: admin, parentCode: '01', pageSize: 50, page: 3 });
    expect(page1).toMatchObject({ total: 126, page: 1, pageSize: 50 });
    expect(page1.items).toHaveLength(50);
    expect(page3.items).toHaveLength(26);
    expect(new Set([...page1.items, ...page3.items].map((unit) => unit.code)).size).toBe(76);
    expect(await t.rpcError(P.searchUnits, { actor: admin, pageSize: 201 })).toMatchObject({ code: 'UNIT.SEARCH_INVALID', status: 400 });
  });

  it('gets a unit by code inside the subtree and answers 404 outside it', async () => {
    expect(await t.rpc<UnitRecord>(P.getUnit, { actor: langSon, code: '20' })).toMatchObject({ code: '20', depth: 0 });
    expect(await t.rpcError(P.getUnit, { actor: langSon, code: '01' })).toMatchObject({ code: 'UNIT.NOT_FOUND', status: 404 });
    expect(await t.rpcError(P.getUnit, { actor: langSon, code: 'TW' })).toMatchObject({ code: 'UNIT.NOT_FOUND', status: 404 });
    expect(await t.rpc<UnitRecord>(P.getUnit, { actor: admin, code: '01' })).toMatchObject({ name: 'Thành phố Hà Nội' });
  });

  it('lets an office import cells below its own unit only', async () => {
    const commune = official.find((row) => row.parentCode === '20')!;
    const ok = await t.rpc<ImportUnitsResult>(P.importUnits, {
      actor: langSon,
      rows: [{ code: `${commune.code}-CB01`, name: 'Chi bộ số 1', parentCode: commune.code, kind: 'chi_bo' }],
    });
    expect(ok).toMatchObject({ created: 1, total: 1 });
    const error = await t.rpcError(P.importUnits, {
      actor: langSon,
      rows: [
        { code: '00004-CB01', name: 'Chi bộ ở Hà Nội', parentCode: '00004', kind: 'chi_bo' },
        { code: '20', name: 'Đổi tên chính mình', parentCode: 'TW', kind: 'province' },
      ],
    });
    expect(error.fields?.map((field) => field.path)).toEqual(['rows[0].parentCode', 'rows[1].code', 'rows[1].parentCode']);
  });

  it('resolves codes for other services with the current directory version', async () => {
    const result = await t.rpc<ResolveUnitsResult>(P.resolveUnits, { codes: ['01', '20', 'NOPE', '01'] });
    expect(result.units.map((unit) => unit.code).sort()).toEqual(['01', '20']);
    expect(result.missing).toEqual(['NOPE']);
    expect(result.directoryVersion).toBe(await version());
  });
});
