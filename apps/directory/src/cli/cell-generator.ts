/** Deterministic synthetic cells and members: same input, same codes, so re-imports are no-ops. */
export interface CellRow {
  code: string;
  name: string;
  parentCode: string;
  kind: 'chi_bo';
}

export function generateCells(parents: { code: unknown; name: unknown }[], perParent: number): CellRow[] {
  const width = Math.max(2, String(perParent).length);
  return parents.flatMap((parent) => {
    const code = String(parent.code).trim();
    const name = String(parent.name).normalize('NFC').trim();
    return Array.from({ length: perParent }, (_, i) => {
      const number = String(i + 1).padStart(width, '0');
      return { code: `${code}-CB${number}`, name: `Chi bộ số ${i + 1} ${name}`, parentCode: code, kind: 'chi_bo' as const };
    });
  });
}

export function generateMembers(cells: CellRow[], perCell: number): Record<string, unknown>[] {
  const width = Math.max(3, String(perCell).length);
  return cells.flatMap((cell) =>
    Array.from({ length: perCell }, (_, i) => {
      const number = String(i + 1).padStart(width, '0');
      return {
        username: `${cell.code}-DV${number}`.toLowerCase(),
        fullName: `Đảng viên ${number} - ${cell.name}`,
        unitCode: cell.code,
        role: 'member',
      };
    }),
  );
}
