/**
 * Shared vocabulary: rules two services must apply identically, so they live with the contracts.
 */

/** Document kinds by their code in a number-and-symbol (`301-KH/TU` is a Kế hoạch). */
export const DOCUMENT_KINDS: Record<string, string> = {
  KH: 'Kế hoạch',
  QĐ: 'Quy định',
  HD: 'Hướng dẫn',
  KL: 'Kết luận',
  CT: 'Chỉ thị',
  NQ: 'Nghị quyết',
  CV: 'Công văn',
  TB: 'Thông báo',
  BC: 'Báo cáo',
  CTR: 'Chương trình',
  TT: 'Thông tri',
  ĐA: 'Đề án',
};

/**
 * The key names are compared by: lower case, combining marks stripped after NFD, đ→d, single
 * spaces. "lang son", "LẠNG SƠN" and "Lạng Sơn" all give "lang son". đ is a letter of its own in
 * Unicode (it does not decompose into d + mark), hence the explicit mapping. The directory indexes
 * unit names by it and the plan importer matches body names with it: they must agree.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/đ/gu, 'd')
    .replace(/\s+/gu, ' ')
    .trim();
}
