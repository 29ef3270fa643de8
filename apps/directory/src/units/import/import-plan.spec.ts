import type { StoredUnit } from '../unit-record.js';
import { isChanged, placeRows, planImport, type PlannedRow } from './import-plan.js';
import { normaliseRow, type ImportRow } from './import-row.js';
import { EVERYWHERE, type ImportScope } from './import-scope.js';

const rows = (...raw: [string, string, string | null, string][]): ImportRow[] =>
  raw.map(([code, name, parentCode, kind], index) => normaliseRow({ code, name, parentCode, kind }, index));

const storedMap = (...units: StoredUnit[]) => new Map(units.map((unit) => [unit.code, unit]));
const unit = (id: string, code: string, path: string, parentId: string | null, name = code, kind = 'k'): StoredUnit => ({
  id,
  code,
  name,
  kind,
  parentId,
  path,
});

/** New ids 100, 101, … in plan order. */
const ids = (plan: PlannedRow[]) => plan.map((_, i) => String(100 + i));

describe('normaliseRow', () => {
  it('trims codes and kinds, NFCs names, treats an empty parent as none', () => {
    expect(normaliseRow({ code: ' 01 ', name: ' Thành  phố Hà Nội'.normalize('NFD'), parentCode: '  ', kind: ' province ' }, 4)).toEqual({
      index: 4,
      code: '01',
      name: 'Thành phố Hà Nội',
      parentCode: null,
      kind: 'province',
    });
  });

  it('survives rows that are not objects or carry non-strings', () => {
    expect(normaliseRow(null, 0)).toMatchObject({ code: '', name: '', parentCode: null, kind: '' });
    expect(normaliseRow({ code: 7, name: 'A', parentCode: 1, kind: 'x' }, 0)).toMatchObject({ code: '7', parentCode: '1' });
  });
});

describe('planImport: validation', () => {
  it('reports an unknown parent (neither in the file nor stored)', () => {
    const plan = planImport(rows(['TW', 'Trung ương', null, 'central'], ['01', 'Hà Nội', '0999', 'province']), new Map(), EVERYWHERE);
    expect(plan.rows).toEqual([]);
    expect(plan.errors).toEqual([{ path: 'rows[1].parentCode', message: 'Không tìm thấy đơn vị cấp trên "0999"' }]);
  });

  it('accepts a parent that only exists in the database', () => {
    const plan = planImport(rows(['01', 'Hà Nội', 'TW', 'province']), storedMap(unit('1', 'TW', '1', null)), EVERYWHERE);
    expect(plan.errors).toEqual([]);
    expect(plan.rows[0]!.parent).toMatchObject({ type: 'stored', unit: { code: 'TW' } });
  });

  it('reports every row of a cycle, and a unit that is its own parent', () => {
    const plan = planImport(
      rows(['A', 'A', 'C', 'k'], ['B', 'B', 'A', 'k'], ['C', 'C', 'B', 'k'], ['D', 'D', 'D', 'k'], ['E', 'E', 'A', 'k']),
      new Map(),
      EVERYWHERE,
    );
    expect(plan.errors.map((error) => error.path)).toEqual([
      'rows[0].parentCode',
      'rows[1].parentCode',
      'rows[2].parentCode',
      'rows[3].parentCode',
    ]);
    expect(plan.errors[0]!.message).toMatch(/vòng lặp: "A" → "C" → "B" → "A"/);
    expect(plan.errors[3]!.message).toBe('Đơn vị không thể là cấp trên của chính nó');
  });

  it('sees a cycle through a stored unit: moving a unit below its own descendant', () => {
    // Stored: 1 TW > 2 P > 3 X. The file moves P below X.
    const stored = storedMap(unit('1', 'TW', '1', null), unit('2', 'P', '1.2', '1'), unit('3', 'X', '1.2.3', '2'));
    const plan = planImport(rows(['P', 'P', 'X', 'k']), stored, EVERYWHERE);
    expect(plan.errors).toEqual([{ path: 'rows[0].parentCode', message: 'Cấp trên tạo thành vòng lặp: "P" → "P"' }]);
  });

  it('reports duplicate codes, empty names, codes and kinds, all at once and in row order', () => {
    const plan = planImport(
      rows(['TW', 'Trung ương', null, 'central'], ['01', '  ', 'TW', 'province'], ['TW', 'Khác', null, 'central'], ['', 'X', 'TW', '']),
      new Map(),
      EVERYWHERE,
    );
    expect(plan.errors).toEqual([
      { path: 'rows[1].name', message: 'Tên đơn vị không được để trống' },
      { path: 'rows[2].code', message: 'Mã đơn vị "TW" bị trùng với dòng rows[0]' },
      { path: 'rows[3].kind', message: 'Loại đơn vị không được để trống' },
      { path: 'rows[3].code', message: 'Mã đơn vị không được để trống' },
    ]);
  });
});

describe('planImport: scope of a secretary or office', () => {
  // Stored: 1 TW > 2 province > 3 commune; a sibling province 4.
  const stored = storedMap(
    unit('1', 'TW', '1', null),
    unit('2', '01', '1.2', '1'),
    unit('3', '00004', '1.2.3', '2'),
    unit('4', '02', '1.4', '1'),
  );
  const province: ImportScope = { kind: 'subtree', path: '1.2' };

  it('may add units below its own unit', () => {
    expect(planImport(rows(['00004-CB01', 'Chi bộ 1', '00004', 'chi_bo']), stored, province).errors).toEqual([]);
  });

  it('cannot see parents outside its subtree, nor touch its own unit or a sibling', () => {
    const plan = planImport(
      rows(['X', 'X', 'TW', 'k'], ['01', 'Đổi tên', 'TW', 'province'], ['02', 'Đổi tên', 'TW', 'province'], ['Y', 'Y', null, 'k']),
      stored,
      province,
    );
    expect(plan.errors).toEqual([
      { path: 'rows[0].parentCode', message: 'Không tìm thấy đơn vị cấp trên "TW"' },
      { path: 'rows[1].code', message: 'Đơn vị "01" nằm ngoài phạm vi bạn được phép nhập' },
      { path: 'rows[1].parentCode', message: 'Không tìm thấy đơn vị cấp trên "TW"' },
      { path: 'rows[2].code', message: 'Đơn vị "02" nằm ngoài phạm vi bạn được phép nhập' },
      { path: 'rows[2].parentCode', message: 'Không tìm thấy đơn vị cấp trên "TW"' },
      { path: 'rows[3].parentCode', message: 'Chỉ quản trị viên mới được tạo đơn vị cấp cao nhất' },
    ]);
  });
});

describe('planImport + placeRows: order and paths', () => {
  it('orders parents before children whatever the file order, and builds id paths', () => {
    const plan = planImport(
      rows(['C1', 'Xã 1', 'P1', 'commune'], ['P1', 'Tỉnh 1', 'TW', 'province'], ['TW', 'Trung ương', null, 'central'], ['C2', 'Xã 2', 'P1', 'commune']),
      new Map(),
      EVERYWHERE,
    );
    expect(plan.errors).toEqual([]);
    const order = plan.rows.map((planned) => planned.row.code);
    expect(order.indexOf('TW')).toBeLessThan(order.indexOf('P1'));
    expect(order.indexOf('P1')).toBeLessThan(order.indexOf('C1'));
    expect(order.indexOf('P1')).toBeLessThan(order.indexOf('C2'));

    const placed = new Map(placeRows(plan.rows, ids(plan.rows)).map((unit) => [unit.row.code, unit]));
    const tw = placed.get('TW')!;
    const p1 = placed.get('P1')!;
    expect(tw).toMatchObject({ parentId: null, path: tw.id });
    expect(p1).toMatchObject({ parentId: tw.id, path: `${tw.id}.${p1.id}` });
    expect(placed.get('C1')).toMatchObject({ parentId: p1.id, path: `${tw.id}.${p1.id}.${placed.get('C1')!.id}` });
  });

  it('keeps stored ids, detects unchanged rows and moves', () => {
    // Stored: 1 TW > 2 P1 > 3 C1, and 4 P2 under TW. The file renames nothing but moves C1 to P2.
    const stored = storedMap(
      unit('1', 'TW', '1', null, 'Trung ương', 'central'),
      unit('2', 'P1', '1.2', '1', 'Tỉnh 1', 'province'),
      unit('3', 'C1', '1.2.3', '2', 'Xã 1', 'commune'),
      unit('4', 'P2', '1.4', '1', 'Tỉnh 2', 'province'),
    );
    const plan = planImport(rows(['P1', 'Tỉnh 1', 'TW', 'province'], ['C1', 'Xã 1', 'P2', 'commune']), stored, EVERYWHERE);
    const placed = placeRows(plan.rows, []);
    expect(placed.map((unit) => [unit.row.code, unit.id, unit.path, isChanged(unit)])).toEqual([
      ['P1', '2', '1.2', false],
      ['C1', '3', '1.4.3', true],
    ]);
  });

  it('places a row under a stored unit that moves with an imported ancestor', () => {
    // Stored: 1 TW > 2 P1 > 3 C1; 4 P2. The file moves P1 under P2 and adds N under C1 (stored only).
    const stored = storedMap(
      unit('1', 'TW', '1', null),
      unit('2', 'P1', '1.2', '1'),
      unit('3', 'C1', '1.2.3', '2'),
      unit('4', 'P2', '1.4', '1'),
    );
    const plan = planImport(rows(['N', 'Mới', 'C1', 'chi_bo'], ['P1', 'P1', 'P2', 'k']), stored, EVERYWHERE);
    expect(plan.errors).toEqual([]);
    expect(plan.rows.map((planned) => planned.row.code)).toEqual(['P1', 'N']);
    expect(plan.rows[1]!.parent).toMatchObject({ type: 'below-row', code: 'P1', suffix: '3' });
    const placed = placeRows(plan.rows, ['9']);
    expect(placed.map((unit) => [unit.row.code, unit.parentId, unit.path])).toEqual([
      ['P1', '4', '1.4.2'],
      ['N', '3', '1.4.2.3.9'],
    ]);
  });

  it('handles a long chain without recursion', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => [`U${i}`, `U${i}`, i === 0 ? null : `U${i - 1}`, 'k'] as [string, string, string | null, string]);
    const plan = planImport(rows(...chain.reverse()), new Map(), EVERYWHERE);
    expect(plan.errors).toEqual([]);
    expect(plan.rows[0]!.row.code).toBe('U0');
    const placed = placeRows(plan.rows, ids(plan.rows));
    expect(placed.at(-1)!.path.split('.')).toHaveLength(20_000);
  });
});
