import { generateCells, generateMembers } from './cell-generator.js';

describe('generateCells', () => {
  it('makes N cells per parent with deterministic codes', () => {
    const cells = generateCells([{ code: '09700', name: 'Xã Ba Vì'.normalize('NFD') }], 3);
    expect(cells).toEqual([
      { code: '09700-CB01', name: 'Chi bộ số 1 Xã Ba Vì', parentCode: '09700', kind: 'chi_bo' },
      { code: '09700-CB02', name: 'Chi bộ số 2 Xã Ba Vì', parentCode: '09700', kind: 'chi_bo' },
      { code: '09700-CB03', name: 'Chi bộ số 3 Xã Ba Vì', parentCode: '09700', kind: 'chi_bo' },
    ]);
  });

  it('widens the number when there are 100 or more cells', () => {
    expect(generateCells([{ code: '1', name: 'X' }], 120)[119]!.code).toBe('1-CB120');
  });
});

describe('generateMembers', () => {
  it('makes member accounts per cell with unique lower-case usernames', () => {
    const members = generateMembers(generateCells([{ code: '01', name: 'A' }], 2), 2);
    expect(members.map((member) => member.username)).toEqual(['01-cb01-dv001', '01-cb01-dv002', '01-cb02-dv001', '01-cb02-dv002']);
    expect(members[0]).toMatchObject({ unitCode: '01-CB01', role: 'member' });
  });
});
