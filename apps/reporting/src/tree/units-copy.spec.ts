import { affectedRoots } from './units-copy.js';

const moved = (old_path: string, path: string, old_kind = 'chi_bo', kind = old_kind) => ({ inserted: false, old_path, path, old_kind, kind });

describe('subtrees whose roll-ups a tree change touches', () => {
  it('a move touches the ancestors it left and the ones it joined, never the common ones nor itself', () => {
    expect(affectedRoots([moved('1.2.3.9', '1.2.4.9')])).toEqual({ all: ['3', '4'], byKind: ['3', '4'] });
    expect(affectedRoots([moved('1.2.3.9', '1.5.9')])).toEqual({ all: ['2', '3', '5'], byKind: ['2', '3', '5'] });
  });

  it('a change of kind touches every ancestor, but only for roll-ups keyed by kind', () => {
    expect(affectedRoots([moved('1.2.3', '1.2.3', 'district', 'co_so')])).toEqual({ all: [], byKind: ['1', '2', '3'] });
  });

  it('new units and unchanged ones touch nothing here (new units are added as deltas)', () => {
    expect(affectedRoots([{ inserted: true, old_path: null, path: '1.2.10', old_kind: null, kind: 'chi_bo' }, moved('1.2', '1.2')])).toEqual({ all: [], byKind: [] });
  });
});
