import { parseUnitsCsv } from './units-csv.js';

describe('parseUnitsCsv', () => {
  it('reads rows by header name, with a BOM, quotes, and empty parentCode as null', () => {
    const csv = '\uFEFFcode,name,parentCode,kind\nTU,Tỉnh ủy,,tinh_uy\r\nHU-01,"Huyện ủy A, B",TU,huyen_uy\n\n';
    expect(parseUnitsCsv(csv)).toEqual({
      rows: [
        { code: 'TU', name: 'Tỉnh ủy', parentCode: null, kind: 'tinh_uy' },
        { code: 'HU-01', name: 'Huyện ủy A, B', parentCode: 'TU', kind: 'huyen_uy' },
      ],
    });
  });

  it('accepts the columns in any order', () => {
    expect(parseUnitsCsv('kind,parentCode,name,code\nchi_bo,HU-01,Chi bộ 1,CB-1\n')).toEqual({
      rows: [{ code: 'CB-1', name: 'Chi bộ 1', parentCode: 'HU-01', kind: 'chi_bo' }],
    });
  });

  it('reports a wrong header, an empty file and a broken line on `csv`', () => {
    const wrong = parseUnitsCsv('code,ten,parentCode,kind\nTU,Tỉnh ủy,,tinh_uy\n');
    expect(wrong).toEqual({ errors: [{ path: 'csv', message: expect.stringContaining('thiếu cột name') }] });
    expect(parseUnitsCsv('')).toEqual({ errors: [{ path: 'csv', message: expect.stringContaining('trống') }] });
    const broken = parseUnitsCsv('code,name,parentCode,kind\nTU,Tỉnh ủy,,tinh_uy,extra\n');
    expect(broken).toEqual({ errors: [{ path: 'csv', message: expect.stringContaining('dòng 2') }] });
  });
});
