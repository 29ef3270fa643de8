import { parseUnitFile, toImportRows } from './unit-file.js';

describe('unit files', () => {
  it('maps the official list (parent, level) and puts parentless rows under the root', () => {
    const records = parseUnitFile(
      JSON.stringify([
        { code: '01', name: 'Thành phố Hà Nội', parent: null, level: 'province' },
        { code: '00004', name: 'Phường Ba Đình', parent: '01', level: 'commune' },
      ]),
      'json',
    );
    expect(toImportRows(records)).toEqual({
      rootAdded: true,
      rows: [
        { code: 'TW', name: 'Trung ương', parentCode: null, kind: 'central' },
        { code: '01', name: 'Thành phố Hà Nội', parentCode: 'TW', kind: 'province' },
        { code: '00004', name: 'Phường Ba Đình', parentCode: '01', kind: 'commune' },
      ],
    });
  });

  it('reads CSV with code,name,parentCode,kind and keeps a root the file already has', () => {
    const records = parseUnitFile('\uFEFFcode,name,parentCode,kind\nROOT,"Gốc, chính",,central\n01,Hà Nội,ROOT,province\n', 'csv');
    expect(toImportRows(records, { rootCode: 'ROOT' })).toEqual({
      rootAdded: false,
      rows: [
        { code: 'ROOT', name: 'Gốc, chính', parentCode: '', kind: 'central' },
        { code: '01', name: 'Hà Nội', parentCode: 'ROOT', kind: 'province' },
      ],
    });
  });

  it('adds no root when every row has a parent (a file of cells)', () => {
    expect(toImportRows([{ code: '00004-CB01', name: 'Chi bộ', parentCode: '00004', kind: 'chi_bo' }]).rootAdded).toBe(false);
  });
});
