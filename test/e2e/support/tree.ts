import type { UnitImportRow } from '#contracts';

/** 1 province, 3 districts, 10 cells each: the tree the spine's e2e scenarios run on. */
export function threeLevelTree(prefix = 'E'): UnitImportRow[] {
  const rows: UnitImportRow[] = [{ code: `${prefix}P`, name: 'Tỉnh ủy Thử nghiệm', parentCode: 'TW', kind: 'province' }];
  for (let d = 1; d <= 3; d++) {
    rows.push({ code: `${prefix}D${d}`, name: `Huyện ủy ${d}`, parentCode: `${prefix}P`, kind: 'district' });
    for (let c = 1; c <= 10; c++) {
      rows.push({ code: `${prefix}D${d}C${c}`, name: `Chi bộ ${c} huyện ${d}`, parentCode: `${prefix}D${d}`, kind: 'chi_bo' });
    }
  }
  return rows;
}

/** The three-level tree plus the province's Ban Tuyên giáo, the monitoring body deadline steps reach. */
export function treeWithMonitoringBoard(prefix: string): UnitImportRow[] {
  return [...threeLevelTree(prefix), { code: `${prefix}BTG`, name: 'Ban Tuyên giáo Tỉnh ủy', parentCode: `${prefix}P`, kind: 'ban' }];
}
